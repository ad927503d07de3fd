import type { EntityManager } from 'typeorm';
import type { OutboundOrder } from '#connector-sdk';
import { OrderLine } from '../orders/order-line.entity.js';
import { Order } from '../orders/order.entity.js';
import type { RetailerOrder } from '../orders/retailer-order.entity.js';

/** The retailer order as it is sent to its retailer. */
export async function outboundOrder(manager: EntityManager, retailerOrder: RetailerOrder): Promise<OutboundOrder> {
  const order = await manager.findOneOrFail(Order, { where: { id: retailerOrder.orderId } });
  const lines = await manager.find(OrderLine, {
    where: { retailerOrderId: retailerOrder.id },
    order: { position: 'ASC' },
  });
  return {
    retailerOrderId: retailerOrder.id,
    orderId: order.id,
    placedAt: order.createdAt.toISOString(),
    currency: retailerOrder.currency,
    totalMinor: retailerOrder.totalMinor,
    customer: order.customer,
    shippingAddress: order.shippingAddress,
    lines: lines.map((line) => ({
      lineId: line.id,
      retailerItemId: line.retailerItemId,
      title: line.snapshot.title,
      quantity: line.quantity,
      unitPriceMinor: line.unitPriceMinor,
      lineTotalMinor: line.totalMinor,
    })),
  };
}
