import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponse, AllowRoles, CurrentActor, ParseId, type Actor, type Page } from '#platform';
import { ApiKeyListQuery, ApiKeyPage, ApiKeyView, CreateApiKeyBody, CreatedApiKeyView } from './api-key.dto.js';
import { ApiKeyService } from './api-key.service.js';

@ApiTags('admin: API keys')
@ApiBearerAuth()
@AllowRoles('operator')
@Controller('v1/admin/api-keys')
export class AdminApiKeysController {
  constructor(private readonly keys: ApiKeyService) {}

  @Post()
  @ApiOperation({
    summary: 'Create a key for an operator, a retailer or a channel; the key is shown only in this answer.',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyView })
  @ApiProblemResponse(422, 'No retailer or channel has the id given.')
  create(@CurrentActor() actor: Actor, @Body() body: CreateApiKeyBody): Promise<CreatedApiKeyView> {
    return this.keys.create(actor, body);
  }

  @Get()
  @ApiOperation({ summary: 'List keys (never their secrets), newest first; revoked keys only when asked.' })
  @ApiOkResponse({ type: ApiKeyPage })
  list(@Query() query: ApiKeyListQuery): Promise<Page<ApiKeyView>> {
    return this.keys.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ApiKeyView })
  get(@Param('id', ParseId) id: string): Promise<ApiKeyView> {
    return this.keys.get(id);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a key: it stops working at once.' })
  @ApiOkResponse({ type: ApiKeyView })
  @ApiProblemResponse(409, 'It is the last active operator key.')
  revoke(@CurrentActor() actor: Actor, @Param('id', ParseId) id: string): Promise<ApiKeyView> {
    return this.keys.revoke(actor, id);
  }
}
