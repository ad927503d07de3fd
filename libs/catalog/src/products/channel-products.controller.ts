import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentActor, ParseId, type Actor } from '#platform';
import { ProductQuery, ProductView } from './product.dto.js';
import { ProductService } from './product.service.js';

@ApiTags('channel: catalog')
@ApiBearerAuth()
@AllowRoles('channel')
@Controller('v1/channel')
export class ChannelProductsController {
  constructor(private readonly products: ProductService) {}

  @Get('products/:id')
  @ApiOperation({ summary: 'A product with the offers this channel may show, best first; 404 when it may show none.' })
  @ApiOkResponse({ type: ProductView })
  get(
    @CurrentActor() actor: Actor,
    @Param('id', ParseId) id: string,
    @Query() query: ProductQuery,
  ): Promise<ProductView> {
    return this.products.get(id, query.currency, actor.channelId as string);
  }
}
