import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponse, AllowRoles, CurrentActor, ParseId, type Actor, type Page } from '#platform';
import { ReasonBody } from '../lifecycle/retailer-order-actions.dto.js';
import { RetailerOrderActions } from '../lifecycle/retailer-order-actions.js';
import { AdminOrderQuery, OrderPage, OrderView, RetailerSideOrderView } from '../orders/order.dto.js';
import { OrderQueries } from '../orders/order-queries.js';
import { RoutingAttemptView } from '../routing/routing-attempt.dto.js';
import { OrderSettingsBody, OrderSettingsView, OrderSettingsWithSecretView } from '../settings/order-settings.dto.js';
import { OrderSettingsService } from '../settings/order-settings.service.js';

@ApiTags('admin: orders')
@ApiBearerAuth()
@AllowRoles('operator')
@Controller('v1/admin')
export class AdminOrdersController {
  constructor(
    private readonly queries: OrderQueries,
    private readonly actions: RetailerOrderActions,
    private readonly settings: OrderSettingsService,
  ) {}

  @Get('orders')
  @ApiOperation({ summary: 'Find orders by channel, retailer, status and creation time; newest first.' })
  @ApiOkResponse({ type: OrderPage })
  list(@Query() query: AdminOrderQuery): Promise<Page<OrderView>> {
    return this.queries.adminOrders(query);
  }

  @Get('orders/:id')
  @ApiOkResponse({ type: OrderView })
  get(@Param('id', ParseId) id: string): Promise<OrderView> {
    return this.queries.adminOrder(id);
  }

  @Get('retailer-orders/:id')
  @ApiOkResponse({ type: RetailerSideOrderView })
  retailerOrder(@Param('id', ParseId) id: string): Promise<RetailerSideOrderView> {
    return this.queries.retailerOrder(id);
  }

  @Get('retailer-orders/:id/routing-attempts')
  @ApiOperation({
    summary:
      'Every attempt to deliver the retailer order to its retailer: when, by which instance, the answer and the error.',
  })
  @ApiOkResponse({ type: [RoutingAttemptView] })
  async routingAttempts(@Param('id', ParseId) id: string): Promise<RoutingAttemptView[]> {
    return (await this.queries.routingAttempts(id)).map((attempt) => RoutingAttemptView.of(attempt));
  }

  @Post('retailer-orders/:id/retry-routing')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Send a failed retailer order back to routing (after the retailer fixed its endpoint), ' +
      'with a fresh series of attempts.',
  })
  @ApiOkResponse({ type: RetailerSideOrderView })
  @ApiProblemResponse(409, 'The retailer pulls its orders, or the order is not in a status to retry.')
  async retryRouting(@CurrentActor() actor: Actor, @Param('id', ParseId) id: string): Promise<RetailerSideOrderView> {
    await this.actions.retryRouting(actor, id);
    return this.queries.retailerOrder(id);
  }

  @Post('retailer-orders/:id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: RetailerSideOrderView })
  @ApiProblemResponse(409, 'The order is not in a status that allows this (illegal-transition).')
  async cancel(
    @CurrentActor() actor: Actor,
    @Param('id', ParseId) id: string,
    @Body() body: ReasonBody,
  ): Promise<RetailerSideOrderView> {
    await this.actions.cancel(actor, id, body.reason);
    return this.queries.retailerOrder(id);
  }

  @Get('retailers/:id/order-settings')
  @ApiOkResponse({ type: OrderSettingsView })
  getSettings(@Param('id', ParseId) id: string): Promise<OrderSettingsView> {
    return this.settings.get(id);
  }

  @Put('retailers/:id/order-settings')
  @ApiOkResponse({ type: OrderSettingsWithSecretView })
  @ApiProblemResponse(422, "The connector config is not this retailer's, or its connector cannot place orders.")
  setSettings(
    @CurrentActor() actor: Actor,
    @Param('id', ParseId) id: string,
    @Body() body: OrderSettingsBody,
  ): Promise<OrderSettingsView> {
    return this.settings.set(actor, id, body);
  }
}
