import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OrderSettingsService } from '#orders';
import { SYSTEM_ACTOR } from '#platform';
import { Retailer } from '#retailers';
import { RetailerSandbox } from '#sandbox-retailer';

/** The demo retailer whose orders arrive by signed webhook at the in-process sandbox retailer. */
export const DEMO_WEBHOOK_RETAILER_SLUG = 'demo-electronics';

export interface DemoOrders {
  readonly orderUrl: string;
  close(): Promise<void>;
}

/**
 * Runs a sandbox retailer inside the demo marketplace and points the demo electronics shop's order
 * webhook at it, so a demo checkout is routed end to end (the corner shop pulls its orders with the
 * demo retailer key). The sandbox lives only as long as the process, so at every start the shop's
 * order URL is set again and its signing secret rotated and handed to the sandbox: the secret is
 * never readable from Souk. Nothing happens when the demo shop is not there.
 */
export async function startDemoOrders(app: INestApplicationContext): Promise<DemoOrders | null> {
  const retailer = await app.get(DataSource).getRepository(Retailer).findOne({ where: { slug: DEMO_WEBHOOK_RETAILER_SLUG } });
  if (!retailer) return null;
  const sandbox = new RetailerSandbox({ secret: `whsec_${Buffer.alloc(32).toString('base64')}`, name: 'Demo Electronics order desk' });
  const orderUrl = await sandbox.listen(0);
  const settings = app.get(OrderSettingsService);
  await settings.set(SYSTEM_ACTOR, retailer.id, { method: 'webhook', webhookUrl: orderUrl });
  sandbox.useSecret((await settings.rotateWebhookSecret(SYSTEM_ACTOR, retailer.id)).webhookSecret);
  return { orderUrl, close: () => sandbox.close() };
}
