import { randomBytes } from 'node:crypto';
import { WhatsAppSandbox } from './whatsapp-sandbox.js';

/**
 * Standalone: `npm run sandbox:whatsapp` runs the Cloud API sandbox on SANDBOX_WHATSAPP_PORT
 * (default 3095). The access token, app secret and verify token are SANDBOX_WHATSAPP_TOKEN,
 * SANDBOX_WHATSAPP_APP_SECRET and SANDBOX_WHATSAPP_VERIFY_TOKEN, generated and printed when unset.
 * SANDBOX_WHATSAPP_WEBHOOK_URL receives the webhooks, SANDBOX_WHATSAPP_CATALOG_FEED_URL is the
 * catalog, SANDBOX_WHATSAPP_TEMPLATES lists the approved template names (comma-separated; default
 * any). The ids: SANDBOX_WHATSAPP_PHONE_NUMBER_ID, _DISPLAY_NUMBER, _BUSINESS_ACCOUNT_ID,
 * _CATALOG_ID, _VERSION.
 */
const env = process.env;
const port = Number(env.SANDBOX_WHATSAPP_PORT ?? 3095);
const accessToken = env.SANDBOX_WHATSAPP_TOKEN ?? `EAAG${randomBytes(24).toString('base64url')}`;
const appSecret = env.SANDBOX_WHATSAPP_APP_SECRET ?? randomBytes(16).toString('hex');
const verifyToken = env.SANDBOX_WHATSAPP_VERIFY_TOKEN ?? randomBytes(12).toString('hex');
let sandbox: WhatsAppSandbox;
try {
  sandbox = new WhatsAppSandbox({
    accessToken,
    appSecret,
    verifyToken,
    phoneNumberId: env.SANDBOX_WHATSAPP_PHONE_NUMBER_ID ?? '106540352242922',
    displayPhoneNumber: env.SANDBOX_WHATSAPP_DISPLAY_NUMBER ?? '15550783881',
    businessAccountId: env.SANDBOX_WHATSAPP_BUSINESS_ACCOUNT_ID ?? '102290129340398',
    catalogId: env.SANDBOX_WHATSAPP_CATALOG_ID ?? '194836987003835',
    version: env.SANDBOX_WHATSAPP_VERSION ?? 'v21.0',
    ...(env.SANDBOX_WHATSAPP_WEBHOOK_URL ? { webhookUrl: env.SANDBOX_WHATSAPP_WEBHOOK_URL } : {}),
    ...(env.SANDBOX_WHATSAPP_CATALOG_FEED_URL ? { catalogFeedUrl: env.SANDBOX_WHATSAPP_CATALOG_FEED_URL } : {}),
    ...(env.SANDBOX_WHATSAPP_TEMPLATES
      ? {
          templates: env.SANDBOX_WHATSAPP_TEMPLATES.split(',')
            .map((name) => name.trim())
            .filter(Boolean),
        }
      : {}),
  });
} catch (error) {
  process.stderr.write(`Sandbox WhatsApp: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(78);
}
const base = await sandbox.listen(port);
const lines = [
  `Sandbox WhatsApp Cloud API: ${base}`,
  `  send API:        POST ${sandbox.graphApiUrl}/${sandbox.options.phoneNumberId}/messages` +
    ` (Authorization: Bearer ${accessToken})`,
  `  phone simulator: ${sandbox.simulatorUrl()}`,
  `  webhooks to:     ${sandbox.currentWebhookUrl ?? 'nowhere yet (PUT /_sandbox/webhook {"url": ...})'}` +
    `, signed with app secret ${appSecret}; verify token ${verifyToken}`,
  `  records:         ${base}/_sandbox/messages, ${base}/_sandbox/deliveries, ` +
    `${base}/_sandbox/users/{wa_id}/conversation`,
];
process.stdout.write(`${lines.join('\n')}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void sandbox.close().then(() => process.exit(0)));
