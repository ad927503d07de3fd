import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UserRefHash } from '#channels';
import { ProblemException, paginate, type Page } from '#platform';
import { RoutingAttempt } from './routing-attempt.entity.js';
import { Order } from './order.entity.js';
import { OrderReader } from './order-reader.js';
import type {
  AdminOrderQuery,
  ChannelOrderQuery,
  OrderView,
  RetailerOrderQuery,
  RetailerSideOrderView,
} from './order.dto.js';
import { RetailerOrder } from './retailer-order.entity.js';

/** Reads of orders, each scoped to who asks: a channel its own orders, a retailer its own parts, an operator all. */
@Injectable()
export class OrderQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reader: OrderReader,
    private readonly userRefs: UserRefHash,
  ) {}

  async channelOrders(channelId: string, query: ChannelOrderQuery): Promise<Page<OrderView>> {
    const builder = this.dataSource
      .getRepository(Order)
      .createQueryBuilder('o')
      .where('o.channelId = :channelId', { channelId });
    if (query.userRef)
      builder.andWhere('o.userHash = :userHash', { userHash: this.userRefs.of(channelId, query.userRef) });
    if (query.status) builder.andWhere('o.status = :status', { status: query.status });
    const page = await paginate(builder, 'o', query);
    return { items: await this.reader.views(this.dataSource.manager, page.items), nextCursor: page.nextCursor };
  }

  async channelOrder(channelId: string, id: string): Promise<OrderView> {
    const order = await this.dataSource
      .getRepository(Order)
      .findOne({ where: { id, channelId }, select: { id: true } });
    if (!order) throw ProblemException.notFound(`Order ${id}`);
    return this.reader.view(this.dataSource.manager, id);
  }

  async adminOrders(query: AdminOrderQuery): Promise<Page<OrderView>> {
    const builder = this.dataSource.getRepository(Order).createQueryBuilder('o');
    if (query.channelId) builder.andWhere('o.channelId = :channelId', { channelId: query.channelId });
    if (query.retailerId)
      builder.andWhere(
        'EXISTS (SELECT 1 FROM retailer_order ro WHERE ro.order_id = o.id AND ro.retailer_id = :retailerId)',
        { retailerId: query.retailerId },
      );
    if (query.status) builder.andWhere('o.status = :status', { status: query.status });
    if (query.from) builder.andWhere('o.createdAt >= :from', { from: query.from });
    if (query.to) builder.andWhere('o.createdAt < :to', { to: query.to });
    const page = await paginate(builder, 'o', query);
    return { items: await this.reader.views(this.dataSource.manager, page.items), nextCursor: page.nextCursor };
  }

  async adminOrder(id: string): Promise<OrderView> {
    if (!(await this.dataSource.getRepository(Order).exists({ where: { id } })))
      throw ProblemException.notFound(`Order ${id}`);
    return this.reader.view(this.dataSource.manager, id);
  }

  async retailerOrders(retailerId: string, query: RetailerOrderQuery): Promise<Page<RetailerSideOrderView>> {
    const builder = this.dataSource
      .getRepository(RetailerOrder)
      .createQueryBuilder('ro')
      .where('ro.retailerId = :retailerId', { retailerId });
    if (query.status) builder.andWhere('ro.status = :status', { status: query.status });
    if (query.from) builder.andWhere('ro.createdAt >= :from', { from: query.from });
    if (query.to) builder.andWhere('ro.createdAt < :to', { to: query.to });
    const page = await paginate(builder, 'ro', query);
    return {
      items: await this.reader.retailerSideViews(this.dataSource.manager, page.items),
      nextCursor: page.nextCursor,
    };
  }

  /** One retailer order with its history; with `retailerId`, only that retailer's (404 otherwise). */
  async retailerOrder(id: string, retailerId?: string): Promise<RetailerSideOrderView> {
    const retailerOrder = await this.dataSource
      .getRepository(RetailerOrder)
      .findOne({ where: { id, ...(retailerId ? { retailerId } : {}) } });
    if (!retailerOrder) throw ProblemException.notFound(`Retailer order ${id}`);
    return (
      await this.reader.retailerSideViews(this.dataSource.manager, [retailerOrder], true)
    )[0] as RetailerSideOrderView;
  }

  async routingAttempts(id: string): Promise<RoutingAttempt[]> {
    if (!(await this.dataSource.getRepository(RetailerOrder).exists({ where: { id } })))
      throw ProblemException.notFound(`Retailer order ${id}`);
    return this.dataSource
      .getRepository(RoutingAttempt)
      .find({ where: { retailerOrderId: id }, order: { number: 'ASC' } });
  }
}
