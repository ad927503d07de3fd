import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { OrderLine } from './order-line.entity.js';
import { Order } from './order.entity.js';
import { OrderView, RetailerOrderView, RetailerSideOrderView } from './order.dto.js';
import { RetailerOrderTransition } from './retailer-order-transition.entity.js';
import { RetailerOrder } from './retailer-order.entity.js';

/** Builds the API views of orders from their rows, a page at a time (four queries per page). */
@Injectable()
export class OrderReader {
  /** One order with its parts' history: the order and its retailer orders in one query, then lines and history. */
  async view(manager: EntityManager, orderId: string): Promise<OrderView> {
    const retailerOrders = await manager
      .createQueryBuilder(RetailerOrder, 'ro')
      .innerJoinAndSelect('ro.order', 'o')
      .where('ro.orderId = :orderId', { orderId })
      .orderBy('ro.createdAt', 'ASC')
      .addOrderBy('ro.id', 'ASC')
      .getMany();
    const order = retailerOrders[0]?.order ?? (await manager.findOneOrFail(Order, { where: { id: orderId } }));
    return OrderView.of(order, await this.retailerOrderViews(manager, retailerOrders, true));
  }

  async views(manager: EntityManager, orders: readonly Order[], withHistory = false): Promise<OrderView[]> {
    if (orders.length === 0) return [];
    const retailerOrders = await manager.find(RetailerOrder, {
      where: { orderId: In(orders.map((order) => order.id)) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const parts = await this.retailerOrderViews(manager, retailerOrders, withHistory);
    return orders.map((order) =>
      OrderView.of(
        order,
        parts.filter((part) => part.orderId === order.id),
      ),
    );
  }

  async retailerOrderViews(
    manager: EntityManager,
    retailerOrders: readonly RetailerOrder[],
    withHistory = false,
  ): Promise<RetailerOrderView[]> {
    if (retailerOrders.length === 0) return [];
    const ids = retailerOrders.map((retailerOrder) => retailerOrder.id);
    const lines = await manager.find(OrderLine, { where: { retailerOrderId: In(ids) } });
    const history = withHistory
      ? await manager.find(RetailerOrderTransition, { where: { retailerOrderId: In(ids) }, order: { id: 'ASC' } })
      : [];
    return retailerOrders.map((retailerOrder) =>
      RetailerOrderView.of(
        retailerOrder,
        lines.filter((line) => line.retailerOrderId === retailerOrder.id),
        withHistory ? history.filter((transition) => transition.retailerOrderId === retailerOrder.id) : undefined,
      ),
    );
  }

  /** Retailer orders as their retailer sees them: with the customer and address to ship to. */
  async retailerSideViews(
    manager: EntityManager,
    retailerOrders: readonly RetailerOrder[],
    withHistory = false,
  ): Promise<RetailerSideOrderView[]> {
    if (retailerOrders.length === 0) return [];
    const views = await this.retailerOrderViews(manager, retailerOrders, withHistory);
    const orders = await manager.find(Order, {
      where: { id: In([...new Set(retailerOrders.map((retailerOrder) => retailerOrder.orderId))]) },
      select: { id: true, customer: true, shippingAddress: true },
    });
    const byId = new Map(orders.map((order) => [order.id, order]));
    return views.map((view) => {
      const order = byId.get(view.orderId) as Order;
      return Object.assign(new RetailerSideOrderView(), view, {
        customer: order.customer,
        shippingAddress: order.shippingAddress,
      });
    });
  }
}
