import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Channel, UserRefHash } from '#channels';
import { formatPrice, totalsByCurrency, type CurrencyCode } from '#domain';
import { ProblemException } from '#platform';
import { BUYABLE_AVAILABILITY, buyableOffers, type BuyableOffer } from '#catalog';
import { CartLine } from './cart-line.entity.js';
import { Cart } from './cart.entity.js';
import type { FormattedMoneyView } from '../orders/money.dto.js';
import { CartLineView, CartRetailerView, CartView, type CartLineIssue } from './cart.dto.js';

/** A channel end user's cart: lines by offer, read against the live catalog every time. */
@Injectable()
export class CartService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly userRefs: UserRefHash,
  ) {}

  async read(channelId: string, userRef: string): Promise<CartView> {
    const cart = await this.dataSource
      .getRepository(Cart)
      .findOne({ where: { channelId, userHash: this.userRefs.of(channelId, userRef) } });
    return this.view(
      this.dataSource.manager,
      channelId,
      cart ? await this.lines(this.dataSource.manager, cart.id) : [],
    );
  }

  /** Adds the offer or sets its quantity; the price the user sees now becomes the line's seen price. */
  async setLine(channelId: string, userRef: string, offerId: string, quantity: number): Promise<CartView> {
    return this.dataSource.transaction(async (manager) => {
      const offer = (await buyableOffers(manager, channelId, [offerId])).get(offerId);
      if (!offer) throw ProblemException.notFound(`Offer ${offerId}`);
      if (!BUYABLE_AVAILABILITY.has(offer.availability))
        throw ProblemException.conflict('The offer is out of stock.', 'offerId');
      if (offer.stockQuantity !== null && offer.stockQuantity < quantity) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'insufficient-stock',
          'Not enough stock',
          `Only ${offer.stockQuantity} in stock.`,
          {
            errors: [{ field: 'quantity', message: `must be at most ${offer.stockQuantity}` }],
            stockQuantity: offer.stockQuantity,
          },
        );
      }
      const cart = await this.cartFor(manager, channelId, userRef);
      await manager.upsert(
        CartLine,
        {
          cartId: cart.id,
          offerId,
          quantity,
          seenPriceMinor: offer.priceMinor.toString(),
          seenCurrency: offer.currency,
        },
        ['cartId', 'offerId'],
      );
      await manager.update(Cart, { id: cart.id }, { updatedAt: new Date() });
      return this.view(manager, channelId, await this.lines(manager, cart.id));
    });
  }

  async removeLine(channelId: string, userRef: string, offerId: string): Promise<CartView> {
    return this.dataSource.transaction(async (manager) => {
      const cart = await manager.findOne(Cart, {
        where: { channelId, userHash: this.userRefs.of(channelId, userRef) },
      });
      if (!cart || !(await manager.delete(CartLine, { cartId: cart.id, offerId })).affected)
        throw ProblemException.notFound(`Cart line for offer ${offerId}`);
      return this.view(manager, channelId, await this.lines(manager, cart.id));
    });
  }

  async clear(channelId: string, userRef: string): Promise<void> {
    await this.dataSource.getRepository(Cart).delete({ channelId, userHash: this.userRefs.of(channelId, userRef) });
  }

  /** The user's cart and its lines, with the cart row locked for a checkout; null when there is none. */
  async lockForCheckout(
    manager: EntityManager,
    channelId: string,
    userHash: Buffer,
  ): Promise<{ cart: Cart; lines: CartLine[] } | null> {
    const cart = await manager.findOne(Cart, { where: { channelId, userHash }, lock: { mode: 'pessimistic_write' } });
    return cart ? { cart, lines: await this.lines(manager, cart.id) } : null;
  }

  private async cartFor(manager: EntityManager, channelId: string, userRef: string): Promise<Cart> {
    const userHash = this.userRefs.of(channelId, userRef);
    await manager.createQueryBuilder().insert().into(Cart).values({ channelId, userHash }).orIgnore().execute();
    return manager.findOneOrFail(Cart, { where: { channelId, userHash } });
  }

  private lines(manager: EntityManager, cartId: string): Promise<CartLine[]> {
    return manager.find(CartLine, { where: { cartId }, order: { createdAt: 'ASC', offerId: 'ASC' } });
  }

  private async view(manager: EntityManager, channelId: string, lines: readonly CartLine[]): Promise<CartView> {
    const offers = await buyableOffers(
      manager,
      channelId,
      lines.map((line) => line.offerId),
    );
    const { locale } = await manager.findOneOrFail(Channel, { select: { locale: true }, where: { id: channelId } });
    const byRetailer = new Map<string, CartRetailerView>();
    const unavailable: CartLineView[] = [];
    const priced: { retailerId: string; currency: string; amountMinor: bigint }[] = [];
    for (const line of lines) {
      const offer = offers.get(line.offerId);
      const view = lineView(line, offer, locale);
      if (!offer) {
        unavailable.push(view);
        continue;
      }
      const group =
        byRetailer.get(offer.retailerId) ??
        Object.assign(new CartRetailerView(), {
          retailerId: offer.retailerId,
          retailerName: offer.retailerName,
          lines: [],
          subtotals: [],
        });
      byRetailer.set(offer.retailerId, group);
      group.lines.push(view);
      if (view.issues.length === 0)
        priced.push({
          retailerId: offer.retailerId,
          currency: offer.currency,
          amountMinor: offer.priceMinor * BigInt(line.quantity),
        });
    }
    for (const group of byRetailer.values())
      group.subtotals = money(
        priced.filter((line) => line.retailerId === group.retailerId),
        locale,
      );
    const retailers = [...byRetailer.values()];
    const allLines = [...retailers.flatMap((group) => group.lines), ...unavailable];
    return Object.assign(new CartView(), {
      retailers,
      unavailable,
      totals: money(priced, locale),
      readyForCheckout: allLines.length > 0 && allLines.every((line) => line.issues.length === 0),
    });
  }
}

function lineView(line: CartLine, offer: BuyableOffer | undefined, locale: string): CartLineView {
  const issues: CartLineIssue[] = [];
  if (!offer || !BUYABLE_AVAILABILITY.has(offer.availability)) issues.push('unavailable');
  else {
    if (offer.currency !== line.seenCurrency.trim() || offer.priceMinor.toString() !== line.seenPriceMinor)
      issues.push('price_changed');
    if (offer.stockQuantity !== null && offer.stockQuantity < line.quantity) issues.push('insufficient_stock');
  }
  const lineTotalMinor = offer ? offer.priceMinor * BigInt(line.quantity) : null;
  const text = (amountMinor: bigint | null) =>
    offer && amountMinor !== null ? formatPrice(amountMinor, offer.currency as CurrencyCode, locale) : null;
  return Object.assign(new CartLineView(), {
    offerId: line.offerId,
    quantity: line.quantity,
    title: offer?.snapshot.title ?? null,
    productId: offer?.snapshot.productId ?? null,
    imageLink: offer?.snapshot.imageLink ?? null,
    currency: offer?.currency ?? line.seenCurrency.trim(),
    seenPriceMinor: line.seenPriceMinor,
    unitPriceMinor: offer ? offer.priceMinor.toString() : null,
    unitPrice: text(offer?.priceMinor ?? null),
    lineTotalMinor: lineTotalMinor?.toString() ?? null,
    lineTotal: text(lineTotalMinor),
    stockQuantity: offer?.stockQuantity ?? null,
    issues,
  });
}

function money(lines: readonly { currency: string; amountMinor: bigint }[], locale: string): FormattedMoneyView[] {
  return totalsByCurrency(lines).map(({ currency, amountMinor }) => ({
    currency,
    amountMinor: amountMinor.toString(),
    amount: formatPrice(amountMinor, currency as CurrencyCode, locale),
  }));
}
