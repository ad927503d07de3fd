import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiKeyService } from '#auth';
import { Channel, ChannelService } from '#channels';
import { SYSTEM_ACTOR } from '#platform';
import { WhatsAppSandbox } from '#sandbox-whatsapp';

/** The demo channel that the WhatsApp channel process sells for. */
export const DEMO_CHAT_CHANNEL_NAME = 'Demo WhatsApp channel';
const DEMO_CHAT_KEY_NAME = 'Demo WhatsApp channel process';
const CATALOG_ID = '194836987003835';
const PHONE_NUMBER_ID = '106540352242922';
/** The built WhatsApp channel, run as its own process as it would be deployed. */
const CHANNEL_MAIN = fileURLToPath(new URL('../../../whatsapp-channel/src/main.js', import.meta.url));

/** The Cloud API sandbox and its phone simulator, listening, before the marketplace starts. */
export interface DemoPhone {
  readonly sandbox: WhatsAppSandbox;
  readonly secrets: { readonly accessToken: string; readonly appSecret: string; readonly verifyToken: string };
  /** `127.0.0.1:PORT` of the channel process, which Souk sends order events to (for SOUK_OUTBOUND_ALLOW). */
  readonly channelHostPort: string;
  readonly channelPort: number;
}

export interface DemoChat {
  readonly simulatorUrl: string;
  close(): Promise<void>;
}

export async function startDemoPhone(ports: { sandboxPort: number; channelPort: number }): Promise<DemoPhone> {
  const secrets = {
    accessToken: `EAAG${randomBytes(24).toString('hex')}`,
    appSecret: randomBytes(16).toString('hex'),
    verifyToken: randomBytes(12).toString('hex'),
  };
  const sandbox = new WhatsAppSandbox({
    ...secrets,
    phoneNumberId: PHONE_NUMBER_ID,
    displayPhoneNumber: '31699999999',
    businessAccountId: '102290129340398',
    version: 'v21.0',
    catalogId: CATALOG_ID,
    businessName: 'Souk Demo',
    templates: [{ name: 'order_update', languages: ['en', 'nl'], body: '{{1}}' }],
  });
  await sandbox.listen(ports.sandboxPort);
  return { sandbox, secrets, channelPort: ports.channelPort, channelHostPort: `127.0.0.1:${ports.channelPort}` };
}

/**
 * Runs the WhatsApp channel for the demo channel: at every start it gets a fresh channel key (the
 * previous demo process key is revoked), a rotated webhook secret and feed token (none of them is
 * readable from Souk afterwards), and the channel's events are pointed at it. The sandbox reads
 * the channel's catalog feed, like Meta's catalog, and its webhook is verified with the process.
 */
export async function connectDemoChat(
  app: INestApplicationContext,
  phone: DemoPhone,
  options: { readonly marketplaceUrl: string; readonly databaseUrl: string; readonly log: (line: string) => void },
): Promise<DemoChat | null> {
  const channel = await app
    .get(DataSource)
    .getRepository(Channel)
    .findOne({ where: { name: DEMO_CHAT_CHANNEL_NAME } });
  if (!channel) {
    await phone.sandbox.close();
    return null;
  }
  const keys = app.get(ApiKeyService);
  for (const old of (await keys.list({ channelId: channel.id, limit: 200 })).items.filter(
    (key) => key.name === DEMO_CHAT_KEY_NAME,
  ))
    await keys.revoke(SYSTEM_ACTOR, old.id);
  const key = await keys.create(SYSTEM_ACTOR, { name: DEMO_CHAT_KEY_NAME, role: 'channel', channelId: channel.id });
  const channels = app.get(ChannelService);
  const { webhookSecret } = await channels.rotateWebhookSecret(SYSTEM_ACTOR, channel.id);
  const feed = await channels.rotateFeedToken(SYSTEM_ACTOR, channel.id, options.marketplaceUrl);
  const channelUrl = `http://${phone.channelHostPort}`;
  await channels.update(SYSTEM_ACTOR, channel.id, {
    webhookUrl: `${channelUrl}/souk/events`,
    whatsappCatalogId: CATALOG_ID,
  });
  phone.sandbox.setCatalogFeedUrl(feed.urls.tsv);

  const child = spawn(process.execPath, [CHANNEL_MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(phone.channelPort),
      HOST: '127.0.0.1',
      DATABASE_URL: options.databaseUrl,
      SOUK_API_URL: options.marketplaceUrl,
      SOUK_CHANNEL_KEY: key.key,
      SOUK_WEBHOOK_SECRET: webhookSecret,
      WHATSAPP_GRAPH_URL: phone.sandbox.url,
      WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      WHATSAPP_ACCESS_TOKEN: phone.secrets.accessToken,
      WHATSAPP_APP_SECRET: phone.secrets.appSecret,
      WHATSAPP_VERIFY_TOKEN: phone.secrets.verifyToken,
      WHATSAPP_CATALOG_ID: CATALOG_ID,
      LOG_LEVEL: 'warn',
      // It stops when this process goes, however it goes.
      EXIT_WHEN_STDIN_CLOSES: 'true',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr])
    stream?.on('data', (chunk: Buffer) => options.log(`[whatsapp-channel] ${chunk.toString('utf8').trimEnd()}`));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitForHealth(`${channelUrl}/health`, child);
    phone.sandbox.setWebhookUrl(`${channelUrl}/webhook`, phone.secrets.verifyToken);
    const verified = await phone.sandbox.verifyWebhook();
    if (!verified.verified)
      throw new Error(
        `the WhatsApp channel did not pass the webhook verification: ${verified.error ?? verified.status}`,
      );
  } catch (error) {
    child.kill('SIGTERM');
    await phone.sandbox.close();
    throw error;
  }
  return {
    simulatorUrl: phone.sandbox.simulatorUrl(),
    close: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
      await phone.sandbox.close();
    },
  };
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the WhatsApp channel exited with code ${child.exitCode} while starting`);
    if (
      await fetch(url).then(
        (answer) => answer.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the WhatsApp channel did not answer ${url} within ${timeoutMs} ms`);
}
