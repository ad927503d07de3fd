import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { UserRefHash } from '#channels';
import { CommissionFreezer, type FrozenCommission } from '#commission';
import type { LiveOffer } from '#connector-sdk';
import { totalsByCurrency } from '#domain';
import { JobQueue, lockForTransaction, ProblemException } from '#platform';
import { BUYABLE_AVAILABILITY, Offer, buyableOffers, type BuyableOffer } from '#catalog';
import { CartLine } from '../carts/cart-line.entity.js';
import { Cart } from '../carts/cart.entity.js';
import { CartService } from '../carts/cart.service.js';
import { RetailerOrderLifecycle } from '../lifecycle/retailer-order-lifecycle.js';
import { ROUTE_QUEUE, type RouteJob } from '../order-queues.js';
import { OrderSettingsService } from '../settings/order-settings.service.js';
import { RetailerOrderSettings } from '../settings/retailer-order-settings.entity.js';
import type { CheckoutBody } from './checkout.dto.js';
import { idempotencyKeyReused, linesChanged, type LineChange } from './checkout-problems.js';
import { LiveOfferCheck } from './live-offer-check.js';
import { OrderLine } from '../orders/order-line.entity.js';
import { Order } from '../orders/order.entity.js';
import { OrderReader } from '../orders/order-reader.js';
import type { OrderView } from '../orders/order.dto.js';
import { RetailerOrderTransition } from '../orders/retailer-order-transition.entity.js';
import { RetailerOrder } from '../orders/retailer-order.entity.js';
import { requestHash } from './request-hash.js';

/** A line to buy with the price the buyer was shown. */
interface WantedLine {
  readonly field: string;
  readonly offerId: string;
  readonly quantity: number;
  readonly shownPriceMinor: string;
  readonly shownCurrency: string | null;
}

export interface CheckoutResult {
  readonly order: OrderView;
  /** True when the Idempotency-Key had already produced this order. */
  readonly replayed: boolean;
}

/**
 * Checkout: the buyer's cart (or the lines given) becomes one order, one retailer order per
 * retailer and currency, lines with a snapshot of what was bought, and the routing jobs, in one
 * transaction. Idempotent by the channel's Idempotency-Key: an advisory lock on the key serializes
 * concurrent requests with the same key, and the second finds the first's order.
 */
@Injectable()
export class CheckoutService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly userRefs: UserRefHash,
    private readonly carts: CartService,
    private readonly settings: OrderSettingsService,
    private readonly liveCheck: LiveOfferCheck,
    private readonly lifecycle: RetailerOrderLifecycle,
    private readonly jobs: JobQueue,
    private readonly reader: OrderReader,
    private readonly commissions: CommissionFreezer,
  ) {}

  async checkout(channelId: string, idempotencyKey: string, body: CheckoutBody): Promise<CheckoutResult> {
    const hash = requestHash(body);
    const userHash = this.userRefs.of(channelId, body.userRef);
    const offerIds = body.lines ? body.lines.map((line) => line.offerId) : await this.cartOfferIds(channelId, userHash);
    const before = await this.beforeCheckout(channelId, idempotencyKey, offerIds);
    if (before.earlier) {
      if (!before.earlier.requestHash.equals(hash)) throw idempotencyKeyReused();
      return { order: await this.reader.view(this.dataSource.manager, before.earlier.id), replayed: true };
    }
    const live = before.checkable ? await this.liveValues(channelId, offerIds) : new Map<string, LiveOffer>();
    return this.dataSource.transaction(async (manager): Promise<CheckoutResult> => {
      await lockForTransaction(manager, `checkout:${channelId}:${idempotencyKey}`);
      const replay = await this.existing(manager, channelId, idempotencyKey, hash);
      if (replay) return { order: replay, replayed: true };
      const cart = body.lines ? null : await this.carts.lockForCheckout(manager, channelId, userHash);
      const wanted = body.lines
        ? body.lines.map((line, index): WantedLine => ({
            field: `lines[${index}]`,
            offerId: line.offerId,
            quantity: line.quantity,
            shownPriceMinor: line.unitPriceMinor,
            shownCurrency: null,
          }))
        : (cart?.lines ?? []).map(cartLineWanted);
      if (wanted.length === 0)
        throw ProblemException.unprocessable(
          [{ field: 'lines', message: 'the cart is empty' }],
          'There is nothing to check out.',
        );
      const offers = withLivePrices(
        await buyableOffers(
          manager,
          channelId,
          wanted.map((line) => line.offerId),
          true,
        ),
        live,
      );
      const changes = wanted.flatMap((line) => lineChanges(line, offers.get(line.offerId), live.get(line.offerId)));
      if (changes.length > 0) throw linesChanged(changes);
      this.checkShipping(body, wanted, offers);
      const retailerSettings = await this.settings.forCheckout(manager, [
        ...new Set([...offers.values()].map((offer) => offer.retailerId)),
      ]);
      const orderId = await this.create(
        manager,
        channelId,
        idempotencyKey,
        hash,
        userHash,
        body,
        wanted,
        offers,
        retailerSettings,
      );
      if (cart) await manager.delete(Cart, { id: cart.cart.id });
      // The answer and the channel's order.created event come from one read of what was just written.
      const order = await this.reader.view(manager, orderId);
      await this.lifecycle.publishCreated(manager, order);
      return { order, replayed: false };
    });
  }

  private async existing(
    manager: EntityManager,
    channelId: string,
    idempotencyKey: string,
    hash: Buffer,
  ): Promise<OrderView | null> {
    const order = await manager.findOne(Order, {
      where: { channelId, idempotencyKey },
      select: { id: true, requestHash: true },
    });
    if (!order) return null;
    if (!order.requestHash.equals(hash)) throw idempotencyKeyReused();
    return this.reader.view(manager, order.id);
  }

  private async cartOfferIds(channelId: string, userHash: Buffer): Promise<string[]> {
    const lines = await this.dataSource
      .getRepository(CartLine)
      .createQueryBuilder('line')
      .innerJoin(Cart, 'cart', 'cart.id = line.cartId')
      .where('cart.channelId = :channelId AND cart.userHash = :userHash', { channelId, userHash })
      .getMany();
    return lines.map((line) => line.offerId);
  }

  /**
   * In one statement, before the transaction: the order an earlier request with this Idempotency-Key made, if any (a
   * replay needs nothing else), and whether a retailer of these offers can check prices and stock live (most cannot).
   */
  private async beforeCheckout(
    channelId: string,
    idempotencyKey: string,
    offerIds: readonly string[],
  ): Promise<{ earlier: { id: string; requestHash: Buffer } | null; checkable: boolean }> {
    // The catalog's offers through its entity: the table is the catalog's to name.
    const checkable = this.dataSource
      .createQueryBuilder(Offer, 'offer')
      .select('1')
      .innerJoin(
        RetailerOrderSettings,
        'settings',
        "settings.retailerId = offer.retailerId AND settings.method = 'connector'",
      )
      .where('offer.id = ANY(:offerIds)');
    const row = (await this.dataSource
      .createQueryBuilder()
      .select('o.id', 'id')
      .addSelect('o.requestHash', 'request_hash')
      .addSelect(`EXISTS (${checkable.getQuery()})`, 'checkable')
      .from('(SELECT 1)', 'one')
      .leftJoin(Order, 'o', 'o.channelId = :channelId AND o.idempotencyKey = :idempotencyKey')
      .setParameters({ channelId, idempotencyKey, offerIds })
      .getRawOne()) as { id: string | null; request_hash: Buffer | null; checkable: boolean } | undefined;
    return {
      earlier: row?.id && row.request_hash ? { id: row.id, requestHash: row.request_hash } : null,
      checkable: row?.checkable ?? false,
    };
  }

  /** Live values from retailers that can check, read before the transaction so no lock waits on a retailer. */
  private async liveValues(channelId: string, offerIds: readonly string[]): Promise<Map<string, LiveOffer>> {
    const offers = await buyableOffers(this.dataSource.manager, channelId, offerIds);
    const settings = await this.settings.forCheckout(this.dataSource.manager, [
      ...new Set([...offers.values()].map((offer) => offer.retailerId)),
    ]);
    return this.liveCheck.check([...offers.values()], settings);
  }

  private checkShipping(
    body: CheckoutBody,
    wanted: readonly WantedLine[],
    offers: ReadonlyMap<string, BuyableOffer>,
  ): void {
    const country = body.shippingAddress.country;
    const notShipping = [
      ...new Set(
        wanted
          .map((line) => offers.get(line.offerId) as BuyableOffer)
          .filter((offer) => offer.retailerCountries.length > 0 && !offer.retailerCountries.includes(country))
          .map((offer) => offer.retailerName),
      ),
    ];
    if (notShipping.length > 0) {
      throw ProblemException.unprocessable(
        [{ field: 'shippingAddress.country', message: `${notShipping.join(', ')} does not ship to ${country}` }],
        'A retailer in the order does not ship to the address.',
      );
    }
  }

  private async create(
    manager: EntityManager,
    channelId: string,
    idempotencyKey: string,
    hash: Buffer,
    userHash: Buffer,
    body: CheckoutBody,
    wanted: readonly WantedLine[],
    offers: ReadonlyMap<string, BuyableOffer>,
    settings: ReadonlyMap<string, RetailerOrderSettings>,
  ): Promise<string> {
    const orderId = randomUUID();
    const groups = new Map<
      string,
      {
        id: string;
        retailerId: string;
        currency: string;
        lines: { line: WantedLine; offer: BuyableOffer; total: bigint }[];
      }
    >();
    for (const line of wanted) {
      const offer = offers.get(line.offerId) as BuyableOffer;
      const key = `${offer.retailerId}:${offer.currency}`;
      const group = groups.get(key) ?? {
        id: randomUUID(),
        retailerId: offer.retailerId,
        currency: offer.currency,
        lines: [],
      };
      groups.set(key, group);
      group.lines.push({ line, offer, total: offer.priceMinor * BigInt(line.quantity) });
    }
    const allLines = [...groups.values()].flatMap((group) =>
      group.lines.map((entry) => ({ currency: group.currency, amountMinor: entry.total })),
    );
    const totals = totalsByCurrency(allLines).map(({ currency, amountMinor }) => ({
      currency,
      amountMinor: amountMinor.toString(),
    }));
    await manager.insert(Order, {
      id: orderId,
      channelId,
      userHash,
      idempotencyKey,
      requestHash: hash,
      status: 'pending',
      customer: { name: body.customer.name, email: body.customer.email ?? null, phone: body.customer.phone ?? null },
      shippingAddress: {
        ...body.shippingAddress,
        line2: body.shippingAddress.line2 ?? null,
        region: body.shippingAddress.region ?? null,
      },
      totals,
    });
    const now = Date.now();
    const retailerOrders = [...groups.values()].map((group) => {
      const setting = settings.get(group.retailerId) as RetailerOrderSettings;
      return {
        id: group.id,
        orderId,
        retailerId: group.retailerId,
        channelId,
        status: 'pending' as const,
        currency: group.currency,
        totalMinor: group.lines.reduce((sum, entry) => sum + entry.total, 0n).toString(),
        method: setting.method,
        connectorConfigId: setting.method === 'connector' ? setting.connectorConfigId : null,
        acceptBy: new Date(now + setting.acceptanceMinutes * 60_000),
      };
    });
    await manager.insert(RetailerOrder, retailerOrders);
    const sold = [...groups.values()].flatMap((group) => group.lines);
    const frozen = await this.commissions.freeze(
      manager,
      channelId,
      sold.map(({ offer, total }) => ({
        retailerId: offer.retailerId,
        currency: offer.currency,
        brand: offer.snapshot.brand,
        categoryId: offer.categoryId,
        amountMinor: total,
      })),
    );
    let position = 0;
    await manager.insert(
      OrderLine,
      [...groups.values()].flatMap((group) =>
        group.lines.map(({ line, offer, total }) => ({
          ...frozenColumns(frozen[position]!),
          retailerOrderId: group.id,
          position: ++position,
          offerId: offer.id,
          retailerItemId: offer.retailerItemId,
          snapshot: offer.snapshot,
          quantity: line.quantity,
          currency: offer.currency,
          unitPriceMinor: offer.priceMinor.toString(),
          totalMinor: total.toString(),
        })),
      ),
    );
    await manager.insert(
      RetailerOrderTransition,
      retailerOrders.map((retailerOrder) => ({
        retailerOrderId: retailerOrder.id,
        fromStatus: null,
        toStatus: 'pending' as const,
        actorRole: 'channel' as const,
        reason: null,
      })),
    );
    await this.jobs.sendMany(
      ROUTE_QUEUE,
      retailerOrders
        .filter((retailerOrder) => retailerOrder.method !== 'pull')
        .map((retailerOrder): RouteJob => ({ retailerOrderId: retailerOrder.id, attempt: 1 })),
      { manager },
    );
    return orderId;
  }
}

function frozenColumns(commission: FrozenCommission) {
  return {
    commissionRuleId: commission.ruleId,
    commissionRateBasisPoints: commission.rateBasisPoints,
    commissionFixedFeeMinor: commission.fixedFeeMinor.toString(),
    commissionMinor: commission.commissionMinor.toString(),
  };
}

/** The retailer's live price, where it gave one in the offer's currency, is the price bought at. */
function withLivePrices(
  offers: Map<string, BuyableOffer>,
  live: ReadonlyMap<string, LiveOffer>,
): Map<string, BuyableOffer> {
  for (const [id, offer] of offers) {
    const answer = live.get(id);
    if (answer?.priceMinor && answer.currency === offer.currency && /^[0-9]{1,18}$/.test(answer.priceMinor))
      offers.set(id, { ...offer, priceMinor: BigInt(answer.priceMinor) });
  }
  return offers;
}

function cartLineWanted(line: CartLine, index: number): WantedLine {
  return {
    field: `cart.lines[${index}]`,
    offerId: line.offerId,
    quantity: line.quantity,
    shownPriceMinor: line.seenPriceMinor,
    shownCurrency: line.seenCurrency.trim(),
  };
}

/** What changed about a line since the buyer saw it, in the catalog and, where the retailer could say, live. */
function lineChanges(line: WantedLine, offer: BuyableOffer | undefined, live: LiveOffer | undefined): LineChange[] {
  if (!offer || !BUYABLE_AVAILABILITY.has(offer.availability) || live?.available === false)
    return [{ field: line.field, offerId: line.offerId, issue: 'unavailable' }];
  const changes: LineChange[] = [];
  const price = offer.priceMinor.toString();
  if (price !== line.shownPriceMinor || (line.shownCurrency !== null && line.shownCurrency !== offer.currency)) {
    changes.push({
      field: line.field,
      offerId: line.offerId,
      issue: 'price_changed',
      currency: offer.currency,
      shownPriceMinor: line.shownPriceMinor,
      unitPriceMinor: price,
    });
  }
  const stock = live ? live.stockQuantity : offer.stockQuantity;
  if (stock !== null && stock < line.quantity)
    changes.push({ field: line.field, offerId: line.offerId, issue: 'insufficient_stock', stockQuantity: stock });
  return changes;
}
