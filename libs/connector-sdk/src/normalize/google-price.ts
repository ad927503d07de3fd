/** Google's price and sale_price ("15.00 USD") as exact Money, and the sale window. */
import {
  formatMinor,
  InvalidAmountError,
  isCurrencyCode,
  parseDecimalAmount,
  parsePriceWithCurrency,
  type Money,
} from '#domain';
import type { GoogleFields } from './google-fields.js';
import { parseIsoDateTime } from './iso-date-time.js';
import { quoteValue, type ItemIssues } from './item-issues.js';

type MoneyReading = { readonly money: Money; readonly rounded: boolean } | { readonly problem: string };

function readMoney(raw: string): MoneyReading {
  const parts = parsePriceWithCurrency(raw);
  if (parts === null) return { problem: `${quoteValue(raw)} has no currency code; write it like "15.00 USD"` };
  if (!isCurrencyCode(parts.currency))
    return { problem: `${quoteValue(parts.currency)} is not an ISO 4217 currency code` };
  try {
    const { amountMinor, rounded } = parseDecimalAmount(parts.amount, parts.currency);
    if (amountMinor === 0) return { problem: `${quoteValue(raw)} is zero` };
    return { money: { amountMinor, currency: parts.currency }, rounded };
  } catch (error) {
    if (error instanceof InvalidAmountError) return { problem: error.message };
    throw error;
  }
}

function showMoney(money: Money): string {
  return `${formatMinor(money.amountMinor, money.currency)} ${money.currency}`;
}

function warnIfRounded(
  field: string,
  raw: string,
  reading: { money: Money; rounded: boolean },
  issues: ItemIssues,
): void {
  if (!reading.rounded) return;
  const { currency } = reading.money;
  issues.warning(
    field,
    `${field} ${quoteValue(raw)} has more decimals than ${currency} allows; ` +
      `rounded half-even to ${showMoney(reading.money)}`,
  );
}

export function readPrice(item: GoogleFields, issues: ItemIssues): Money | null {
  const raw = item.one('price');
  if (raw === null) return issues.error('price', 'price is missing');
  const reading = readMoney(raw);
  if ('problem' in reading) return issues.error('price', `price: ${reading.problem}`);
  warnIfRounded('price', raw, reading, issues);
  return reading.money;
}

export interface Sale {
  readonly salePrice: Money | null;
  readonly saleStartsAt: string | null;
  readonly saleEndsAt: string | null;
}

export const NO_SALE: Sale = { salePrice: null, saleStartsAt: null, saleEndsAt: null };

export function readSale(item: GoogleFields, price: Money, issues: ItemIssues): Sale {
  const field = 'sale_price';
  const raw = item.one(field);
  if (raw === null) return NO_SALE;
  const drop = (problem: string): Sale => {
    issues.warning(field, `sale_price: ${problem}; the sale price was dropped`);
    return NO_SALE;
  };
  const reading = readMoney(raw);
  if ('problem' in reading) return drop(reading.problem);
  const { money } = reading;
  if (money.currency !== price.currency)
    return drop(`${money.currency} is not the currency of price (${price.currency})`);
  if (money.amountMinor >= price.amountMinor)
    return drop(`${showMoney(money)} is not below price (${showMoney(price)})`);
  warnIfRounded(field, raw, reading, issues);
  const window = readSaleWindow(item, issues);
  // A sale whose window can't be read is dropped whole: kept without its end, it would never end.
  return window ? { salePrice: money, ...window } : NO_SALE;
}

function readSaleWindow(item: GoogleFields, issues: ItemIssues): Pick<Sale, 'saleStartsAt' | 'saleEndsAt'> | null {
  const field = 'sale_price_effective_date';
  const raw = item.one(field);
  if (raw === null) return { saleStartsAt: null, saleEndsAt: null };
  const parts = raw.split('/');
  const [start, end] = parts.length === 2 ? parts.map(parseIsoDateTime) : [null, null];
  if (start && end && start < end) return { saleStartsAt: start, saleEndsAt: end };
  const problem = start && end ? 'ends before it starts' : 'is not two ISO 8601 times joined by "/"';
  issues.warning(field, `${field} ${quoteValue(raw)} ${problem}; the sale price and its window were dropped`);
  return null;
}
