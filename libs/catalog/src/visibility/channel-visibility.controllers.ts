import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponse, AllowRoles, CurrentActor, ParseId, type Actor } from '#platform';
import { ChannelPolicyBody, ChannelPolicyView, ChannelSummaryView } from './channel-visibility.dto.js';
import { ChannelVisibilityService } from './channel-visibility.service.js';

@ApiTags('retailer: channels')
@ApiBearerAuth()
@AllowRoles('retailer')
@Controller('v1/retailer')
export class RetailerChannelPolicyController {
  constructor(private readonly visibility: ChannelVisibilityService) {}

  @Get('channels')
  @ApiOperation({ summary: 'The chat channels of the marketplace, to choose from in the channel policy.' })
  @ApiOkResponse({ type: [ChannelSummaryView] })
  channels(): Promise<ChannelSummaryView[]> {
    return this.visibility.channels();
  }

  @Get('channel-policy')
  @ApiOkResponse({ type: ChannelPolicyView })
  policy(@CurrentActor() actor: Actor): Promise<ChannelPolicyView> {
    return this.visibility.policy(actor.retailerId as string);
  }

  @Put('channel-policy')
  @ApiOperation({ summary: 'Deny given channels, or allow only given channels, to show your offers.' })
  @ApiOkResponse({ type: ChannelPolicyView })
  @ApiProblemResponse(422, 'The list names a channel that does not exist.')
  setPolicy(@CurrentActor() actor: Actor, @Body() body: ChannelPolicyBody): Promise<ChannelPolicyView> {
    return this.visibility.setPolicy(actor, actor.retailerId as string, body);
  }
}

@ApiTags('admin: channel visibility')
@ApiBearerAuth()
@AllowRoles('operator')
@Controller('v1/admin')
export class AdminChannelVisibilityController {
  constructor(private readonly visibility: ChannelVisibilityService) {}

  @Get('retailers/:id/channel-policy')
  @ApiOkResponse({ type: ChannelPolicyView })
  policy(@Param('id', ParseId) id: string): Promise<ChannelPolicyView> {
    return this.visibility.policy(id);
  }

  @Put('retailers/:id/channel-policy')
  @ApiOkResponse({ type: ChannelPolicyView })
  @ApiProblemResponse(422, 'The list names a channel that does not exist.')
  setPolicy(
    @CurrentActor() actor: Actor,
    @Param('id', ParseId) id: string,
    @Body() body: ChannelPolicyBody,
  ): Promise<ChannelPolicyView> {
    return this.visibility.setPolicy(actor, id, body);
  }

  @Put('channels/:id/hidden-retailers/:retailerId')
  @HttpCode(204)
  @ApiOperation({ summary: "Hide a retailer's offers from a channel." })
  @ApiNoContentResponse()
  hideRetailer(
    @CurrentActor() actor: Actor,
    @Param('id', ParseId) id: string,
    @Param('retailerId', ParseId) retailerId: string,
  ): Promise<void> {
    return this.visibility.hideRetailer(actor, id, retailerId, true);
  }

  @Delete('channels/:id/hidden-retailers/:retailerId')
  @HttpCode(204)
  @ApiNoContentResponse()
  showRetailer(
    @CurrentActor() actor: Actor,
    @Param('id', ParseId) id: string,
    @Param('retailerId', ParseId) retailerId: string,
  ): Promise<void> {
    return this.visibility.hideRetailer(actor, id, retailerId, false);
  }

  @Put('channels/:id/hidden-offers/:offerId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Hide one offer from a channel.' })
  @ApiNoContentResponse()
  hideOffer(
    @CurrentActor() actor: Actor,
    @Param('id', ParseId) id: string,
    @Param('offerId', ParseId) offerId: string,
  ): Promise<void> {
    return this.visibility.hideOffer(actor, id, offerId, true);
  }

  @Delete('channels/:id/hidden-offers/:offerId')
  @HttpCode(204)
  @ApiNoContentResponse()
  showOffer(
    @CurrentActor() actor: Actor,
    @Param('id', ParseId) id: string,
    @Param('offerId', ParseId) offerId: string,
  ): Promise<void> {
    return this.visibility.hideOffer(actor, id, offerId, false);
  }
}
