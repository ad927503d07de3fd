import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentActor, ParseId, type Actor } from '#platform';
import { ProductQuery, ProductView } from './product.dto.js';
import { ProductService } from './product.service.js';
import { ChannelContexts } from '../visibility/channel-context.js';

@ApiTags('channel: catalog')
@ApiBearerAuth()
@AllowRoles('channel')
@Controller('v1/channel')
export class ChannelProductsController {
  constructor(
    private readonly products: ProductService,
    private readonly channels: ChannelContexts,
  ) {}

  @Get('products/:id')
  @ApiOperation({
    summary:
      'A product with the variants and offers this channel may show, best first, priced in its locale; ' +
      '404 when it may show none.',
  })
  @ApiOkResponse({ type: ProductView })
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', ParseId) id: string,
    @Query() query: ProductQuery,
  ): Promise<ProductView> {
    const channel = await this.channels.of(actor);
    return this.products.get(id, {
      currency: query.currency ?? channel.currency,
      channelId: channel.id,
      locale: channel.locale,
    });
  }
}
