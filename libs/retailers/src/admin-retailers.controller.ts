import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponse, AllowRoles, CurrentActor, ParseId, type Actor, type Page } from '#platform';
import {
  CreateRetailerBody,
  RetailerListQuery,
  RetailerPage,
  RetailerView,
  UpdateRetailerBody,
} from './retailer.dto.js';
import { RetailerService } from './retailer.service.js';

@ApiTags('admin: retailers')
@ApiBearerAuth()
@AllowRoles('operator')
@Controller('v1/admin/retailers')
export class AdminRetailersController {
  constructor(private readonly retailers: RetailerService) {}

  @Post()
  @ApiOperation({ summary: 'Onboard a retailer.' })
  @ApiCreatedResponse({ type: RetailerView })
  @ApiProblemResponse(409, 'Another retailer has this slug.')
  create(@CurrentActor() actor: Actor, @Body() body: CreateRetailerBody): Promise<RetailerView> {
    return this.retailers.create(actor, body);
  }

  @Get()
  @ApiOperation({ summary: 'List retailers, newest first.' })
  @ApiOkResponse({ type: RetailerPage })
  list(@Query() query: RetailerListQuery): Promise<Page<RetailerView>> {
    return this.retailers.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: RetailerView })
  get(@Param('id', ParseId) id: string): Promise<RetailerView> {
    return this.retailers.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Change some of a retailer's fields." })
  @ApiOkResponse({ type: RetailerView })
  @ApiProblemResponse(409, 'Another retailer has this slug.')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseId) id: string,
    @Body() body: UpdateRetailerBody,
  ): Promise<RetailerView> {
    return this.retailers.update(actor, id, body);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pause a retailer: its offers leave the catalog until it is activated.' })
  @ApiOkResponse({ type: RetailerView })
  pause(@CurrentActor() actor: Actor, @Param('id', ParseId) id: string): Promise<RetailerView> {
    return this.retailers.setStatus(actor, id, 'paused');
  }

  @Post(':id/activate')
  @HttpCode(200)
  @ApiOkResponse({ type: RetailerView })
  activate(@CurrentActor() actor: Actor, @Param('id', ParseId) id: string): Promise<RetailerView> {
    return this.retailers.setStatus(actor, id, 'active');
  }
}
