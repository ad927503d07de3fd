import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponse, AllowRoles, CurrentActor, ParseId, type Actor } from '#platform';
import { UserEventService } from '../personal/user-event.service.js';
import type { UserInterests } from '../personal/user-interests.js';
import { BrowseService } from './browse.service.js';
import {
  CategoryLevelQuery,
  CategoryLevelView,
  ProductShareView,
  ResolvedMessageView,
  ResolveMessageBody,
} from './browse.dto.js';
import { ChannelContexts, type ChannelContext } from '../visibility/channel-context.js';
import { chatOutput } from './chat-output.js';
import { RecommendationService } from './recommendation.service.js';
import { CatalogFilterQuery, FacetsView, SearchQuery, SearchResultView } from './search.dto.js';
import { SearchService } from './search.service.js';

@ApiTags('channel: catalog')
@ApiBearerAuth()
@AllowRoles('channel')
@Controller('v1/channel')
export class ChannelCatalogController {
  constructor(
    private readonly channels: ChannelContexts,
    private readonly searches: SearchService,
    private readonly browse: BrowseService,
    private readonly userEvents: UserEventService,
    private readonly recommendations: RecommendationService,
  ) {}

  @Get('search')
  @ApiOperation({
    summary: 'Search the products this channel may show, grouped by product with the best matching offer.',
    description:
      'With `format` other than json the answer carries cards, texts or a WhatsApp payload ' +
      'instead of items (see the README).',
  })
  @ApiOkResponse({ type: SearchResultView })
  async search(@CurrentActor() actor: Actor, @Query() query: SearchQuery): Promise<unknown> {
    const [channel, interests] = await this.channelAndInterests(actor, query.user);
    const result = await this.searches.search(channel, query, interests);
    return present(result, channel, query, result.query ? `Results for "${result.query}"` : 'Products for you');
  }

  @Get('search/facets')
  @ApiOperation({ summary: 'Counts of matching products per category, brand, retailer and price bucket.' })
  @ApiOkResponse({ type: FacetsView })
  async facets(@CurrentActor() actor: Actor, @Query() query: CatalogFilterQuery): Promise<FacetsView> {
    return this.searches.facets(await this.channels.of(actor), query);
  }

  @Get('categories')
  @ApiOperation({ summary: 'One level of the category tree with the visible products under each category.' })
  @ApiOkResponse({ type: CategoryLevelView })
  async categories(@CurrentActor() actor: Actor, @Query() query: CategoryLevelQuery): Promise<CategoryLevelView> {
    return this.browse.categoryLevel(await this.channels.of(actor), query.parent);
  }

  @Get('retailers/:id/storefront')
  @ApiOperation({ summary: "A retailer's storefront: its visible products, searchable and filterable like search." })
  @ApiOkResponse({ type: SearchResultView })
  async storefront(
    @CurrentActor() actor: Actor,
    @Param('id', ParseId) id: string,
    @Query() query: SearchQuery,
  ): Promise<unknown> {
    const [channel, interests] = await this.channelAndInterests(actor, query.user);
    const retailer = await this.browse.storefrontRetailer(channel, id);
    const result = await this.searches.search(channel, { ...query, retailer: retailer.id }, interests);
    return { retailer, ...(present(result, channel, query, retailer.name) as object) };
  }

  @Get('products/:id/share')
  @ApiOperation({
    summary:
      'A "buy in chat" click-to-chat link to the channel number, ' +
      'prefilled with a message that resolves back to the product.',
  })
  @ApiOkResponse({ type: ProductShareView })
  @ApiProblemResponse(409, 'The channel has no WhatsApp number yet.')
  async share(@CurrentActor() actor: Actor, @Param('id', ParseId) id: string): Promise<ProductShareView> {
    return this.browse.share(await this.channels.of(actor), id);
  }

  @Post('resolve')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'The product a user message refers to (the ref token of a share link); 404 when none the channel may show.',
  })
  @ApiOkResponse({ type: ResolvedMessageView })
  async resolve(@CurrentActor() actor: Actor, @Body() body: ResolveMessageBody): Promise<ResolvedMessageView> {
    return this.browse.resolve(await this.channels.of(actor), body.text);
  }

  @Get('users/:userRef/recommendations')
  @ApiOperation({
    summary:
      "Recommended for you: visible products in the user's favourite categories and brands, not yet bought by them.",
  })
  @ApiOkResponse({ type: SearchResultView })
  async recommend(
    @CurrentActor() actor: Actor,
    @Param('userRef') userRef: string,
    @Query() query: SearchQuery,
  ): Promise<unknown> {
    const channel = await this.channels.of(actor);
    const result = await this.recommendations.forUser(channel, userRef, query);
    return present(result, channel, query, 'Recommended for you');
  }

  /** Both at once: the channel is usually known from the key's read already, and the interests are one round trip. */
  private channelAndInterests(
    actor: Actor,
    user: string | undefined,
  ): Promise<[ChannelContext, UserInterests | undefined]> {
    return Promise.all([
      this.channels.of(actor),
      user ? this.userEvents.interests(actor.channelId as string, user) : undefined,
    ]);
  }
}

function present(result: SearchResultView, channel: ChannelContext, query: SearchQuery, body: string): unknown {
  const format = query.format ?? 'json';
  return format === 'json'
    ? result
    : chatOutput(result, channel, { format, body, ...(query.to ? { to: query.to } : {}) });
}
