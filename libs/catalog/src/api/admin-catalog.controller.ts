import { Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AllowRoles } from '#platform';
import { ALL_RETAILERS, type RetailerScope } from '#retailers';
import { CatalogRoutes } from './catalog-routes.js';

/** Operators check, sync and upload to every retailer's configs and see every sync. */
@ApiTags('admin: catalog')
@ApiBearerAuth()
@AllowRoles('operator')
@Controller('v1/admin')
export class AdminCatalogController extends CatalogRoutes {
  protected scope(): RetailerScope {
    return ALL_RETAILERS;
  }
}
