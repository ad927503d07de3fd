import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentActor, type Actor } from '#platform';
import { CategoryCoverageService } from './category-coverage.service.js';
import { CategoryCoverageView } from './category.dto.js';

/** A retailer sees how much of its own catalog the marketplace could place in its categories. */
@ApiTags('retailer: catalog')
@ApiBearerAuth()
@AllowRoles('retailer')
@Controller('v1/retailer')
export class RetailerCategoryCoverageController {
  constructor(private readonly coverage: CategoryCoverageService) {}

  @Get('category-coverage')
  @ApiOperation({
    summary: 'The share of your live offers with a category, and your most common unmapped category paths.',
  })
  @ApiOkResponse({ type: CategoryCoverageView })
  coverageOfOwnCatalog(@CurrentActor() actor: Actor): Promise<CategoryCoverageView> {
    return this.coverage.of(actor.retailerId as string);
  }
}
