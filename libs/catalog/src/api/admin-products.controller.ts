import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowRoles, ParseId, type Page } from '#platform';
import { ProductList } from '../search/product-list.js';
import { ProductListQuery, ProductSummaryPage, type ProductSummaryView } from '../search/product-list.dto.js';
import { GtinQuery, ProductQuery, ProductView } from '../products/product.dto.js';
import { ProductService } from '../products/product.service.js';

@ApiTags('admin: catalog')
@ApiBearerAuth()
@AllowRoles('operator')
@Controller('v1/admin/products')
export class AdminProductsController {
  constructor(
    private readonly products: ProductService,
    private readonly productList: ProductList,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Products newest first: all, those a retailer offers, or those whose live offers hold the words.',
  })
  @ApiOkResponse({ type: ProductSummaryPage })
  list(@Query() query: ProductListQuery): Promise<Page<ProductSummaryView>> {
    return this.productList.list(query);
  }

  @Get('by-gtin')
  @ApiOperation({ summary: 'The product this GTIN is a variant of, with its variants and offers, best first.' })
  @ApiOkResponse({ type: ProductView })
  byGtin(@Query() query: GtinQuery): Promise<ProductView> {
    return this.products.findByGtin(query.gtin, { currency: query.currency });
  }

  @Get(':id')
  @ApiOperation({ summary: 'A product with its visible offers, best first, and why the first is best.' })
  @ApiOkResponse({ type: ProductView })
  get(@Param('id', ParseId) id: string, @Query() query: ProductQuery): Promise<ProductView> {
    return this.products.get(id, { currency: query.currency });
  }
}
