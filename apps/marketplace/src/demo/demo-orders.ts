import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiKeyService } from '#auth';
import { OrderSettingsService } from '#orders';
import { SYSTEM_ACTOR } from '#platform';
import { Retailer } from '#retailers';
import { RetailerSandbox } from '#sandbox-retailer';

/** The demo retailer whose orders arrive by signed webhook at the in-process sandbox retailer. */
export const DEMO_WEBHOOK_RETAILER_SLUG = 'demo-electronics';

/** The name of the retailer key the desk works orders with; a new one replaces it at every start. */
const DESK_KEY_NAME = 'Demo Electronics order desk';

export interface DemoDeskWork {
  /** Where the desk reaches the marketplace's retailer API. */
  readonly marketplaceUrl: string;
  readonly acceptAfterMs: number;
  readonly shipAfterMs: number;
  readonly log?: (line: string) => void;
}

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
 * to end (the corner shop pulls its orders with the demo retailer key), and has the desk accept and
 * ship each order on a timer through the retailer API, as the shop's own system would. The sandbox
 * lives only as long as the process, so at every start the shop's order URL is set again, its
 * signing secret rotated and a new retailer key made (the last one revoked), both handed to the
 * sandbox: neither is readable from Souk. The orders the last run left submitted or accepted are taken
 * up again. Without the demo shop the desk is closed and null comes back.
 */
export async function connectDemoOrders(
  app: INestApplicationContext,
  desk: DemoOrderDesk,
  work: DemoDeskWork,
): Promise<DemoOrders | null> {
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
  desk.sandbox.fulfilWith({
    soukUrl: work.marketplaceUrl,
    retailerKey: await replaceDeskKey(app.get(ApiKeyService), retailer.id),
    acceptAfterMs: work.acceptAfterMs,
    shipAfterMs: work.shipAfterMs,
    ...(work.log ? { log: (line: string) => work.log!(`Demo Electronics order desk: ${line}`) } : {}),
  });
  desk.sandbox.resumeFulfilment();
  return { orderUrl: desk.orderUrl, close: () => desk.close() };
}

async function replaceDeskKey(keys: ApiKeyService, retailerId: string): Promise<string> {
  const earlier = await keys.list({ role: 'retailer', retailerId, limit: 100 });
  for (const key of earlier.items.filter((key) => key.name === DESK_KEY_NAME)) await keys.revoke(SYSTEM_ACTOR, key.id);
  return (await keys.create(SYSTEM_ACTOR, { name: DESK_KEY_NAME, role: 'retailer', retailerId })).key;
}
