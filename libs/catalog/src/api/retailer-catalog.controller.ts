import { Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AllowRoles, type Actor } from '#platform';
import type { RetailerScope } from '#retailers';
import { CatalogRoutes } from './catalog-routes.js';

/** The retailer API for its own catalog: checks, uploads, syncs and their reports. */
@ApiTags('retailer: catalog')
@ApiBearerAuth()
@AllowRoles('retailer')
@Controller('v1/retailer')
export class RetailerCatalogController extends CatalogRoutes {
  protected scope(actor: Actor): RetailerScope {
    return { retailerId: actor.retailerId as string };
  }
}
