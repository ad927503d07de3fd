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

/** The sandbox retailer, listening, before the marketplace starts (its address goes into the outbound allowance). */
export interface DemoOrderDesk extends DemoOrders {
  readonly sandbox: RetailerSandbox;
  /** `127.0.0.1:PORT`, for SOUK_OUTBOUND_ALLOW. */
  readonly hostPort: string;
}

/**
 * Runs a sandbox retailer inside the demo marketplace, on loopback and a free port. It starts
 * before the marketplace, so that the marketplace can be told to allow requests to it.
 */
export async function startDemoOrderDesk(): Promise<DemoOrderDesk> {
  const sandbox = new RetailerSandbox({
    secret: `whsec_${Buffer.alloc(32).toString('base64')}`,
    name: 'Demo Electronics order desk',
  });
  const orderUrl = await sandbox.listen(0);
  return { sandbox, orderUrl, hostPort: new URL(orderUrl).host, close: () => sandbox.close() };
}

/**
 * Points the demo electronics shop's order webhook at the desk, so a demo checkout is routed end
 * to end (the corner shop pulls its orders with the demo retailer key). The sandbox lives only as
 * long as the process, so at every start the shop's order URL is set again and its signing secret
 * rotated and handed to the sandbox: the secret is never readable from Souk. Without the demo shop
 * the desk is closed and null comes back.
 */
export async function connectDemoOrders(app: INestApplicationContext, desk: DemoOrderDesk): Promise<DemoOrders | null> {
  const retailer = await app
    .get(DataSource)
    .getRepository(Retailer)
    .findOne({ where: { slug: DEMO_WEBHOOK_RETAILER_SLUG } });
  if (!retailer) {
    await desk.close();
    return null;
  }
  const settings = app.get(OrderSettingsService);
  await settings.set(SYSTEM_ACTOR, retailer.id, { method: 'webhook', webhookUrl: desk.orderUrl });
  desk.sandbox.useSecret((await settings.rotateWebhookSecret(SYSTEM_ACTOR, retailer.id)).webhookSecret);
  return { orderUrl: desk.orderUrl, close: () => desk.close() };
}
