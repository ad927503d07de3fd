import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblemResponse, AllowRoles, CurrentActor, ParseId, type Actor, type Page } from '#platform';
import { ReasonBody } from '../lifecycle/retailer-order-actions.dto.js';
import { RetailerOrderActions } from '../lifecycle/retailer-order-actions.js';
import { CheckoutBody } from '../checkout/checkout.dto.js';
import { idempotencyKeyRequired } from '../checkout/checkout-problems.js';
import { CheckoutService } from '../checkout/checkout.service.js';
import { ChannelOrderQuery, OrderPage, OrderView } from '../orders/order.dto.js';
import { OrderQueries } from '../orders/order-queries.js';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

@ApiTags('channel: orders')
@ApiBearerAuth()
@AllowRoles('channel')
@Controller('v1/channel/orders')
export class ChannelOrdersController {
  constructor(
    private readonly checkouts: CheckoutService,
    private readonly queries: OrderQueries,
    private readonly actions: RetailerOrderActions,
  ) {}

  @Post()
  @ApiOperation({
    summary: "Check out: the user's cart (or the lines given) becomes an order with one retailer order per retailer.",
    description:
      'Every line is checked again: visible to this channel, available, and at the price the user saw ' +
      '(the cart remembers it; buy-now lines give it). ' +
      'A change answers 409 with the new values and creates nothing. ' +
      'Retrying with the same Idempotency-Key and body returns the same order (200, Idempotent-Replayed: true); ' +
      'the same key with another body answers 422.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'A new unique value per checkout, such as a UUID; reused on retries of the same checkout.',
  })
  @ApiCreatedResponse({ type: OrderView })
  @ApiOkResponse({ type: OrderView, description: 'A retry: the order this key created before.' })
  @ApiProblemResponse(409, 'Prices, stock or availability changed (lines-changed, with changes); nothing was created.')
  @ApiProblemResponse(
    422,
    'The key was used with another request, the cart is empty, or a retailer does not ship to the address.',
  )
  async checkout(
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() body: CheckoutBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrderView> {
    if (!idempotencyKey || !IDEMPOTENCY_KEY.test(idempotencyKey)) throw idempotencyKeyRequired();
    const result = await this.checkouts.checkout(actor.channelId as string, idempotencyKey, body);
    void reply.status(result.replayed ? 200 : 201);
    if (result.replayed) void reply.header('idempotent-replayed', 'true');
    return result.order;
  }

  @Get()
  @ApiOperation({ summary: "This channel's orders, newest first; by user and status." })
  @ApiOkResponse({ type: OrderPage })
  list(@CurrentActor() actor: Actor, @Query() query: ChannelOrderQuery): Promise<Page<OrderView>> {
    return this.queries.channelOrders(actor.channelId as string, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: OrderView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseId) id: string): Promise<OrderView> {
    return this.queries.channelOrder(actor.channelId as string, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Cancel the order before anything shipped: every retailer order not yet shipped is cancelled ' +
      '(409 once any part has shipped).',
  })
  @ApiOkResponse({ type: OrderView })
  @ApiProblemResponse(409, 'A part of the order has shipped, or nothing is left to cancel.')
  async cancel(
    @CurrentActor() actor: Actor,
    @Param('id', ParseId) id: string,
    @Body() body: ReasonBody,
  ): Promise<OrderView> {
    await this.queries.channelOrder(actor.channelId as string, id);
    await this.actions.cancelOrder(actor, id, body.reason);
    return this.queries.channelOrder(actor.channelId as string, id);
  }
}
