import { BrowseService } from './browse.service.js';
import { ChannelCatalogController } from './channel-catalog.controller.js';
import { ChannelContexts } from '../visibility/channel-context.js';
import { RecommendationService } from './recommendation.service.js';
import { SearchService } from './search.service.js';
import { WordEstimates } from './word-estimates.js';
import { SearchProducts } from './search-products.js';

export const SEARCH_PROVIDERS = [
  ChannelContexts,
  WordEstimates,
  SearchProducts,
  SearchService,
  BrowseService,
  RecommendationService,
];
export const SEARCH_CONTROLLERS = [ChannelCatalogController];
