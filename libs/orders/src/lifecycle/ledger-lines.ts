import type { LedgerLine } from '#commission';
import type { OrderLine } from '../orders/order-line.entity.js';
import type { RetailerOrder } from '../orders/retailer-order.entity.js';

/** Order lines as the commission ledger books them, with the commission frozen at checkout. */
export function ledgerLines(retailerOrder: RetailerOrder, lines: readonly OrderLine[]): LedgerLine[] {
  return lines.map((line) => ({
    orderId: retailerOrder.orderId,
    retailerOrderId: retailerOrder.id,
    lineId: line.id,
    retailerId: retailerOrder.retailerId,
    channelId: retailerOrder.channelId,
    currency: line.currency.trim(),
    amountMinor: BigInt(line.totalMinor),
    commissionMinor: BigInt(line.commissionMinor ?? '0'),
    ruleId: line.commissionRuleId,
    refundedMinor: BigInt(line.refundedMinor),
  }));
}
