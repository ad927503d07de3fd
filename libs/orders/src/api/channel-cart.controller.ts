import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { UserRefParams } from '#channels';
import { ApiProblemResponse, AllowRoles, CurrentActor, type Actor } from '#platform';
import { CartLineBody, CartView } from '../carts/cart.dto.js';
import { CartService } from '../carts/cart.service.js';

export class CartLineParams extends UserRefParams {
  @ApiProperty() @IsUUID('all', { message: 'must be an offer id' }) offerId: string;
}

@ApiTags('channel: carts')
@ApiBearerAuth()
@AllowRoles('channel')
@Controller('v1/channel/users/:userRef/cart')
export class ChannelCartController {
  constructor(private readonly carts: CartService) {}

  @Get()
  @ApiOperation({
    summary:
      "A user's cart, read against the catalog now: lines by retailer, subtotals and totals per currency, " +
      'and lines whose price or availability changed.',
  })
  @ApiOkResponse({ type: CartView })
  read(@CurrentActor() actor: Actor, @Param() params: UserRefParams): Promise<CartView> {
    return this.carts.read(actor.channelId as string, params.userRef);
  }

  @Put('lines/:offerId')
  @ApiOperation({
    summary:
      'Add an offer or set its quantity. The price the user sees now is remembered; ' +
      'checkout refuses it if it changes before then.',
  })
  @ApiOkResponse({ type: CartView })
  @ApiProblemResponse(409, 'The offer is out of stock, or has fewer than the quantity (insufficient-stock).')
  setLine(
    @CurrentActor() actor: Actor,
    @Param() params: CartLineParams,
    @Body() body: CartLineBody,
  ): Promise<CartView> {
    return this.carts.setLine(actor.channelId as string, params.userRef, params.offerId, body.quantity);
  }

  @Delete('lines/:offerId')
  @ApiOkResponse({ type: CartView })
  removeLine(@CurrentActor() actor: Actor, @Param() params: CartLineParams): Promise<CartView> {
    return this.carts.removeLine(actor.channelId as string, params.userRef, params.offerId);
  }

  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse()
  clear(@CurrentActor() actor: Actor, @Param() params: UserRefParams): Promise<void> {
    return this.carts.clear(actor.channelId as string, params.userRef);
  }
}
