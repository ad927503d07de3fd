import { randomBytes } from 'node:crypto';
import { ShopifySandbox } from './shopify-sandbox.js';

/**
 * Standalone: `npm run sandbox:shopify` runs a fake Shopify store on SANDBOX_SHOPIFY_PORT (default
 * 3097) with SANDBOX_SHOPIFY_PRODUCTS generated products (default 50). The access token and the
 * webhook (client) secret are SANDBOX_SHOPIFY_TOKEN and SANDBOX_SHOPIFY_WEBHOOK_SECRET, generated
 * and printed when unset. SANDBOX_SHOPIFY_WEBHOOK_URL, when set, receives every webhook (e.g.
 * Souk's POST /v1/connector-webhooks/{configId}).
 */
const port = Number(process.env.SANDBOX_SHOPIFY_PORT ?? 3097);
const accessToken = process.env.SANDBOX_SHOPIFY_TOKEN ?? `shpat_${randomBytes(16).toString('hex')}`;
const webhookSecret = process.env.SANDBOX_SHOPIFY_WEBHOOK_SECRET ?? randomBytes(16).toString('hex');
const products = Number(process.env.SANDBOX_SHOPIFY_PRODUCTS ?? 50);
let sandbox: ShopifySandbox;
try {
  sandbox = new ShopifySandbox({ accessToken, webhookSecret, products });
} catch (error) {
  process.stderr.write(`Sandbox Shopify: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(78);
}
if (process.env.SANDBOX_SHOPIFY_WEBHOOK_URL) sandbox.registerWebhookAddress(process.env.SANDBOX_SHOPIFY_WEBHOOK_URL);
const base = await sandbox.listen(port);
process.stdout.write(
  `Sandbox Shopify: shop URL ${base} (Admin API ${base}/admin/api/${sandbox.apiVersion}/), ` +
    `access token ${accessToken}, webhook secret ${webhookSecret}; ` +
    `stats at ${base}/_sandbox/stats\n`,
);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void sandbox.close().then(() => process.exit(0)));
