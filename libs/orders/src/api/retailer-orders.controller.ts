import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponse, AllowRoles, CurrentActor, ParseId, type Actor, type Page } from '#platform';
import {
  AcceptBody,
  AcknowledgeBody,
  ReasonBody,
  RefundBody,
  RefundView,
  ShipBody,
} from '../lifecycle/retailer-order-actions.dto.js';
import { RetailerOrderActions } from '../lifecycle/retailer-order-actions.js';
import { RetailerOrderQuery, RetailerSideOrderPage, RetailerSideOrderView } from '../orders/order.dto.js';
import { OrderQueries } from '../orders/order-queries.js';
import { OrderSettingsBody, OrderSettingsView, OrderSettingsWithSecretView } from '../settings/order-settings.dto.js';
import { OrderSettingsService } from '../settings/order-settings.service.js';

/** The retailer API for orders: a retailer key sees and acts on its own retailer orders only (others are 404). */
@ApiTags('retailer: orders')
@ApiBearerAuth()
@AllowRoles('retailer')
@Controller('v1/retailer')
export class RetailerOrdersController {
  constructor(
    private readonly queries: OrderQueries,
    private readonly actions: RetailerOrderActions,
    private readonly settings: OrderSettingsService,
  ) {}

  @Get('orders')
  @ApiOperation({
    summary: 'Your orders, newest first. status=pending lists the new orders to pull (then acknowledge each).',
  })
  @ApiOkResponse({ type: RetailerSideOrderPage })
  list(@CurrentActor() actor: Actor, @Query() query: RetailerOrderQuery): Promise<Page<RetailerSideOrderView>> {
    return this.queries.retailerOrders(retailerOf(actor), query);
  }

  @Get('orders/:id')
  @ApiOkResponse({ type: RetailerSideOrderView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseId) id: string): Promise<RetailerSideOrderView> {
    return this.queries.retailerOrder(id, retailerOf(actor));
  }

  @Post('orders/:id/acknowledge')
  @HttpCode(200)
  @ApiOperation({
    summary: 'You have taken a pulled order into your system: give your reference (pending → submitted).',
  })
  @ApiOkResponse({ type: RetailerSideOrderView })
  @ApiProblemResponse(409, 'The order is not in a status that allows this (illegal-transition).')
  async acknowledge(
    @CurrentActor() actor: Actor,
    @Param('id', ParseId) id: string,
    @Body() body: AcknowledgeBody,
  ): Promise<RetailerSideOrderView> {
    await this.actions.acknowledge(actor, id, body.reference);
    return this.queries.retailerOrder(id, retailerOf(actor));
  }

  @Post('orders/:id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept the order, or some of its lines (refuse others with a reason).' })
  @ApiOkResponse({ type: RetailerSideOrderView })
  @ApiProblemResponse(409, 'The order is not in a status that allows this (illegal-transition).')
  async accept(
    @CurrentActor() actor: Actor,
    @Param('id', ParseId) id: string,
    @Body() body: AcceptBody,
  ): Promise<RetailerSideOrderView> {
    await this.actions.accept(actor, id, body);
    return this.queries.retailerOrder(id, retailerOf(actor));
  }

  @Post('orders/:id/refuse')
  @HttpCode(200)
  @ApiOkResponse({ type: RetailerSideOrderView })
  @ApiProblemResponse(409, 'The order is not in a status that allows this (illegal-transition).')
  async refuse(
    @CurrentActor() actor: Actor,
    @Param('id', ParseId) id: string,
    @Body() body: ReasonBody,
  ): Promise<RetailerSideOrderView> {
    await this.actions.refuse(actor, id, body.reason);
    return this.queries.retailerOrder(id, retailerOf(actor));
  }

  @Post('orders/:id/ship')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark the order shipped, with carrier and tracking.' })
  @ApiOkResponse({ type: RetailerSideOrderView })
  @ApiProblemResponse(409, 'The order is not in a status that allows this (illegal-transition).')
  async ship(
    @CurrentActor() actor: Actor,
    @Param('id', ParseId) id: string,
    @Body() body: ShipBody,
  ): Promise<RetailerSideOrderView> {
    await this.actions.ship(actor, id, body);
    return this.queries.retailerOrder(id, retailerOf(actor));
  }

  @Post('orders/:id/deliver')
  @HttpCode(200)
  @ApiOkResponse({ type: RetailerSideOrderView })
  @ApiProblemResponse(409, 'The order is not in a status that allows this (illegal-transition).')
  async deliver(@CurrentActor() actor: Actor, @Param('id', ParseId) id: string): Promise<RetailerSideOrderView> {
    await this.actions.deliver(actor, id);
    return this.queries.retailerOrder(id, retailerOf(actor));
  }

  @Post('orders/:id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: RetailerSideOrderView })
  @ApiProblemResponse(409, 'The order is not in a status that allows this (illegal-transition).')
  async cancel(
    @CurrentActor() actor: Actor,
    @Param('id', ParseId) id: string,
    @Body() body: ReasonBody,
  ): Promise<RetailerSideOrderView> {
    await this.actions.cancel(actor, id, body.reason);
    return this.queries.retailerOrder(id, retailerOf(actor));
  }

  @Post('orders/:id/refunds')
  @ApiOperation({
    summary: 'Refund lines (at the price paid) or a plain amount, with a reason; never more than is left to refund.',
  })
  @ApiCreatedResponse({ type: RefundView })
  @ApiProblemResponse(409, 'The order is not accepted, shipped or delivered.')
  @ApiProblemResponse(422, 'More than is left to refund, or a line that is not accepted.')
  refund(
    @CurrentActor() actor: Actor,
    @Param('id', ParseId) id: string,
    @Body() body: RefundBody,
  ): Promise<RefundView> {
    return this.actions.refund(actor, id, body, retailerOf(actor));
  }

  @Get('orders/:id/refunds')
  @ApiOkResponse({ type: [RefundView] })
  async refunds(@CurrentActor() actor: Actor, @Param('id', ParseId) id: string): Promise<RefundView[]> {
    await this.queries.retailerOrder(id, retailerOf(actor));
    return this.actions.refunds(id);
  }

  @Get('order-settings')
  @ApiOperation({
    summary:
      'How you receive orders: pull (default), a signed webhook, or your shop connector; and your acceptance deadline.',
  })
  @ApiOkResponse({ type: OrderSettingsView })
  getSettings(@CurrentActor() actor: Actor): Promise<OrderSettingsView> {
    return this.settings.get(retailerOf(actor));
  }

  @Put('order-settings')
  @ApiOperation({
    summary: 'Choose how you receive orders. Switching to webhook the first time answers the signing secret, once.',
  })
  @ApiOkResponse({ type: OrderSettingsWithSecretView })
  @ApiProblemResponse(422, "The connector config is not this retailer's, or its connector cannot place orders.")
  setSettings(@CurrentActor() actor: Actor, @Body() body: OrderSettingsBody): Promise<OrderSettingsView> {
    return this.settings.set(actor, retailerOf(actor), body);
  }

  @Post('order-settings/rotate-webhook-secret')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderSettingsWithSecretView })
  @ApiProblemResponse(409, 'The retailer does not receive orders by webhook.')
  rotate(@CurrentActor() actor: Actor): Promise<OrderSettingsWithSecretView> {
    return this.settings.rotateWebhookSecret(actor, retailerOf(actor));
  }
}

function retailerOf(actor: Actor): string {
  return actor.retailerId as string;
}
