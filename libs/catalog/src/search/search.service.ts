import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { formatPrice, type CurrencyCode } from '#domain';
import { ProblemException } from '#platform';
import type { UserInterests } from '../personal/user-interests.js';
import type { ChannelContext } from '../visibility/channel-context.js';
import { facetsStatement, type FacetRow } from './facets-statement.js';
import { priceBucketBounds } from './price-buckets.js';
import { decodeSearchCursor, encodeSearchCursor } from './search-cursor.js';
import type { CatalogFilter } from './search-sql.js';
import { SAMPLE_BUCKETS } from './search-sampling.js';
import { countStatement, searchStatement, type SearchPlan, type SearchRow } from './search-statement.js';
import {
  CANDIDATE_MARGIN,
  productCountStatement,
  productFacetsStatement,
  productSearchStatement,
} from './search-product-statements.js';
import { WordEstimates } from './word-estimates.js';
import {
  DEFAULT_SEARCH_LIMIT,
  FacetsView,
  FacetValueView,
  SearchHitView,
  SearchOfferView,
  SearchResultView,
  type CatalogFilterQuery,
  type SearchQuery,
  type SearchSort,
} from './search.dto.js';
import { correctedWords, FEW_RESULTS } from './typo-correction.js';
import { VariantChoiceView } from '../products/product.dto.js';
import { variantSummary } from '../products/variant-summaries.js';

/**
 * Search and facets over what one channel may see. The SQL is built by search-statement.ts and
 * facets-statement.ts; this service turns parameters into a plan, reads a sample of products when
 * the words match very many offers (search-sampling.ts), runs it, applies the typo fallback on a
 * first page that found little, and shapes the rows.
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly estimates: WordEstimates,
  ) {}

  async search(
    channel: ChannelContext,
    query: SearchQuery,
    interests?: UserInterests,
    extra: Pick<CatalogFilter, 'interestsOnly' | 'excludeProductIds'> = {},
  ): Promise<SearchResultView> {
    const cursor = query.cursor ? decodeSearchCursor(query.cursor) : undefined;
    const asWritten = normalizeWords(query.q);
    const words = cursor?.words ?? asWritten;
    const sort: SearchSort = query.sort ?? (words ? 'relevance' : 'newest');
    const limit = query.limit ?? DEFAULT_SEARCH_LIMIT;
    const currency = query.currency ?? channel.currency;
    const run = async (searchWords: string | undefined) => {
      const unsampled = { ...catalogFilter(channel, query, searchWords, sort, interests), ...extra };
      const estimate = searchWords === undefined ? undefined : await this.estimates.estimate(searchWords);
      // A cursor keeps the sample of its first page, so pages never mix samples.
      const sampleBuckets = cursor ? (cursor.sampleBuckets ?? SAMPLE_BUCKETS) : (estimate?.buckets ?? SAMPLE_BUCKETS);
      const filter = { ...unsampled, sampleBuckets, wordsTsquery: estimate?.tsquery };
      const plan = { filter, sort, currency, limit, after: cursor };
      const sampled = sampleBuckets < SAMPLE_BUCKETS;
      const rows = sampled ? await this.productPage(plan) : await this.offerPage(plan);
      const counted = rows.length > 0 ? Number(rows[0]!.total) : await this.count(filter, cursor !== undefined);
      return { rows, sampleBuckets, total: scaled(counted, sampleBuckets) };
    };
    let result = await run(words);
    let usedWords = words;
    if (words && !cursor && result.total < FEW_RESULTS) {
      const corrected = await correctedWords(this.dataSource, words);
      if (corrected) {
        const retried = await run(corrected);
        if (retried.total > result.total) {
          result = retried;
          usedWords = corrected;
        }
      }
    }
    const page = result.rows.slice(0, limit);
    const last = page.at(-1);
    const correctedWordsUsed = usedWords !== words || (cursor?.words !== undefined && cursor.words !== asWritten);
    const sampled = result.sampleBuckets < SAMPLE_BUCKETS;
    return Object.assign(new SearchResultView(), {
      query: usedWords ?? null,
      corrected: correctedWordsUsed,
      total: result.total,
      approximate: sampled,
      items: page.map((row) => hit(row, channel.locale)),
      nextCursor:
        result.rows.length > limit && last
          ? encodeSearchCursor({
              value: last.sort_value,
              productId: last.product_id,
              ...(usedWords ? { words: usedWords } : {}),
              ...(sampled ? { sampleBuckets: result.sampleBuckets } : {}),
            })
          : null,
    });
  }

  async facets(channel: ChannelContext, query: CatalogFilterQuery): Promise<FacetsView> {
    const currency = (query.currency ?? channel.currency) as CurrencyCode;
    const bounds = priceBucketBounds(currency);
    const unsampled = catalogFilter(channel, query, normalizeWords(query.q), 'relevance', undefined);
    const estimate = unsampled.words === undefined ? undefined : await this.estimates.estimate(unsampled.words);
    const sampleBuckets = estimate?.buckets ?? SAMPLE_BUCKETS;
    const sampled = { ...unsampled, sampleBuckets, wordsTsquery: estimate?.tsquery };
    const statement =
      sampleBuckets < SAMPLE_BUCKETS
        ? productFacetsStatement(sampled, currency, bounds)
        : facetsStatement(sampled, currency, bounds);
    const rows = (await this.dataSource.query(statement.sql, statement.params)) as FacetRow[];
    const values = (facet: FacetRow['facet']) =>
      rows
        .filter((row) => row.facet === facet)
        .map((row) =>
          Object.assign(new FacetValueView(), {
            value: row.value as string,
            label: row.label as string,
            count: scaled(Number(row.count), sampleBuckets),
          }),
        );
    const byCount = (a: FacetValueView, b: FacetValueView) => b.count - a.count || a.label.localeCompare(b.label);
    return Object.assign(new FacetsView(), {
      total: scaled(Number(rows.find((row) => row.facet === 'total')?.count ?? 0), sampleBuckets),
      approximate: sampleBuckets < SAMPLE_BUCKETS,
      category: values('category').sort(byCount),
      own: scaled(Number(rows.find((row) => row.facet === 'own')?.count ?? 0), sampleBuckets),
      brand: values('brand').sort(byCount),
      retailer: values('retailer').sort(byCount),
      price: values('price')
        .map((bucket) => priceBucket(Number(bucket.value), bucket.count, bounds, currency, channel.locale))
        .sort((a, b) => Number(a.value.split('-')[0]) - Number(b.value.split('-')[0])),
      currency,
    });
  }

  private async offerPage(plan: SearchPlan): Promise<SearchRow[]> {
    const statement = searchStatement(plan);
    return (await this.dataSource.query(statement.sql, statement.params)) as SearchRow[];
  }

  /**
   * A page of a sampled search from the products' search rows (search-product-statements.ts): the candidates
   * whose best offer the offer's own conditions admit, read on past those turned down until the page and one
   * more are filled or the candidates run out. Every row carries the total of the first read.
   */
  private async productPage(plan: SearchPlan): Promise<SearchRow[]> {
    const hits: SearchRow[] = [];
    let total: string | undefined;
    for (let after = plan.after; ;) {
      const statement = productSearchStatement({ ...plan, after });
      const rows = (await this.dataSource.query(statement.sql, statement.params)) as (SearchRow | NotMatched)[];
      total ??= rows[0]?.total;
      hits.push(...rows.filter((row): row is SearchRow => row.matching === true));
      const last = rows.at(-1);
      if (!last || hits.length > plan.limit || rows.length < plan.limit + 1 + CANDIDATE_MARGIN) break;
      after = { value: last.sort_value, productId: last.product_id };
    }
    return hits.slice(0, plan.limit + 1).map((row) => ({ ...row, total: total ?? row.total }));
  }

  private async count(filter: CatalogFilter, needed: boolean): Promise<number> {
    if (!needed) return 0;
    const statement =
      (filter.sampleBuckets ?? SAMPLE_BUCKETS) < SAMPLE_BUCKETS
        ? productCountStatement(filter)
        : countStatement(filter);
    const [row] = (await this.dataSource.query(statement.sql, statement.params)) as { total: string }[];
    return Number(row?.total ?? 0);
  }
}

/** A candidate of a sampled search that no offer of its own admits (productSearchStatement). */
type NotMatched = Pick<SearchRow, 'product_id' | 'sort_value' | 'total'> & { matching: false | null };

/** A count over `buckets` of the 32 sample buckets, scaled to the whole. */
function scaled(count: number, buckets: number): number {
  return buckets >= SAMPLE_BUCKETS ? count : Math.round((count * SAMPLE_BUCKETS) / buckets);
}

/** The filter for a channel's query. Prices filter and sort in one currency, so those offers alone take part then. */
export function catalogFilter(
  channel: ChannelContext,
  query: CatalogFilterQuery,
  words: string | undefined,
  sort: SearchSort,
  interests: UserInterests | undefined,
): CatalogFilter {
  if (query.minPrice !== undefined && query.maxPrice !== undefined && query.minPrice > query.maxPrice) {
    throw ProblemException.validation([{ field: 'maxPrice', message: 'must not be below minPrice' }]);
  }
  if (query.categoryOnly === true && query.category === undefined) {
    throw ProblemException.validation([{ field: 'categoryOnly', message: 'needs category' }]);
  }
  const pricesMatter =
    query.minPrice !== undefined || query.maxPrice !== undefined || sort === 'price_asc' || sort === 'price_desc';
  return {
    channelId: channel.id,
    words,
    categoryId: query.category,
    categoryOnly: query.categoryOnly === true,
    brands: query.brand,
    retailerId: query.retailer,
    minPrice: query.minPrice,
    maxPrice: query.maxPrice,
    priceCurrency: pricesMatter ? (query.currency ?? channel.currency) : undefined,
    availability: query.availability,
    condition: query.condition,
    interests,
  };
}

function normalizeWords(q: string | undefined): string | undefined {
  const words = q?.replace(/\s+/g, ' ').trim();
  return words ? words : undefined;
}

function hit(row: SearchRow, locale: string): SearchHitView {
  const variants = variantSummary(row.variants);
  return Object.assign(new SearchHitView(), {
    productId: row.product_id,
    categoryId: row.category_id,
    categoryName: row.category_name,
    offerCount: Number(row.offer_count),
    variantCount: variants.variantCount,
    choices: variants.choices.map((choice) => Object.assign(new VariantChoiceView(), choice)),
    score: row.relevance,
    bestOffer: Object.assign(new SearchOfferView(), {
      offerId: row.offer_id,
      retailerId: row.retailer_id,
      retailerName: row.retailer_name,
      title: row.title,
      brand: row.brand,
      description: row.description,
      imageLink: row.image_link,
      link: row.link,
      availability: row.availability,
      condition: row.condition,
      shipsTo: row.ships_to,
      priceMinor: row.price,
      currency: row.currency,
      price: formatPrice(Number(row.price), row.currency as CurrencyCode, locale),
    }),
  });
}

function priceBucket(
  index: number,
  count: number,
  bounds: readonly number[],
  currency: CurrencyCode,
  locale: string,
): FacetValueView {
  const from = index === 0 ? 0 : bounds[index - 1]!;
  const to = bounds[index];
  const label =
    to === undefined
      ? `${formatPrice(from, currency, locale)}+`
      : `${formatPrice(from, currency, locale)} – ${formatPrice(to - 1, currency, locale)}`;
  return Object.assign(new FacetValueView(), { value: `${from}-${to === undefined ? '' : to - 1}`, label, count });
}
