import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentActor, type Actor } from '#platform';
import { RetailerView } from './retailer.dto.js';
import { RetailerService } from './retailer.service.js';

/** The retailer API: a retailer key sees its own retailer and nothing else. */
@ApiTags('retailer')
@ApiBearerAuth()
@AllowRoles('retailer')
@Controller('v1/retailer')
export class RetailerSelfController {
  constructor(private readonly retailers: RetailerService) {}

  @Get('me')
  @ApiOperation({ summary: 'Who am I: the retailer this key belongs to.' })
  @ApiOkResponse({ type: RetailerView })
  me(@CurrentActor() actor: Actor): Promise<RetailerView> {
    return this.retailers.get(actor.retailerId as string);
  }
}
