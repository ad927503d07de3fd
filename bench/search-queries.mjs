/**
 * The queries of the search benchmark, rotated in this order: 52 searches in the five languages
 * of the synthetic catalog (bench/search-catalog.mjs): nouns, colours with nouns, brands, brand
 * with noun, and four misspellings (the typo fallback; "schoenn" also matches as written, as the
 * Dutch stemmer folds it into "schoen"); half of them with filters (category, brand, price range
 * in EUR, in stock) and some sorted by price or newest.
 */

import { URLSearchParams } from 'node:url';

const IN_STOCK = { availability: 'in_stock' };

/** { q, language, typo?, category?, brand?, minPrice?, maxPrice?, availability?, sort? } */
export const SEARCHES = [
  // Without filters.
  { q: 'shoes', language: 'en' },
  { q: 'red shoes', language: 'en' },
  { q: 'laptop', language: 'en' },
  { q: 'black jacket', language: 'en' },
  { q: 'headphones', language: 'en' },
  { q: 'blue dress', language: 'en' },
  { q: 'schoenen', language: 'nl' },
  { q: 'rode schoenen', language: 'nl' },
  { q: 'fiets', language: 'nl' },
  { q: 'zwarte jas', language: 'nl' },
  { q: 'chaussures', language: 'fr' },
  { q: 'chaussures rouge', language: 'fr' },
  { q: 'montre', language: 'fr' },
  { q: 'schuhe', language: 'de' },
  { q: 'rote schuhe', language: 'de' },
  { q: 'kopfhörer', language: 'de' },
  { q: 'fahrrad', language: 'de' },
  { q: '运动鞋', language: 'zh' },
  { q: '红色运动鞋', language: 'zh' },
  { q: '笔记本电脑', language: 'zh' },
  { q: 'Nordia', language: 'en' },
  { q: 'Veldia shoes', language: 'en' },
  { q: 'shoos', language: 'en', typo: true },
  { q: 'laptpo', language: 'en', typo: true },
  { q: 'schoenn', language: 'nl', typo: true },
  { q: 'fahrad', language: 'de', typo: true },
  // With filters.
  { q: 'shoes', language: 'en', category: 187, ...IN_STOCK },
  { q: 'red shoes', language: 'en', maxPrice: 10000 },
  { q: 'laptop', language: 'en', category: 222, sort: 'price_asc' },
  { q: 'jacket', language: 'en', brand: 'Nordia' },
  { q: 'smartphone', language: 'en', minPrice: 5000, maxPrice: 20000, ...IN_STOCK },
  { q: 'schoenen', language: 'nl', category: 166, sort: 'price_asc' },
  { q: 'rode schoenen', language: 'nl', ...IN_STOCK },
  { q: 'waterkoker', language: 'nl', maxPrice: 5000 },
  { q: 'rugzak', language: 'nl', brand: 'Nordia,Veldia' },
  { q: 'chaussures', language: 'fr', minPrice: 2000, maxPrice: 8000 },
  { q: 'veste noire', language: 'fr', category: 1604 },
  { q: 'valise', language: 'fr', sort: 'newest', ...IN_STOCK },
  { q: 'téléviseur', language: 'fr', category: 222 },
  { q: 'schuhe', language: 'de', brand: 'Nordia', ...IN_STOCK },
  { q: 'rucksack', language: 'de', maxPrice: 15000 },
  { q: 'wasserkocher', language: 'de', category: 536 },
  { q: 'schwarze jacke', language: 'de', maxPrice: 20000, sort: 'price_desc' },
  { q: '耳机', language: 'zh', ...IN_STOCK },
  { q: '手表', language: 'zh', minPrice: 3000 },
  { q: '自行车', language: 'zh', category: 988 },
  { q: 'Nordia', language: 'en', category: 187 },
  { q: 'tent', language: 'en', category: 1011, ...IN_STOCK },
  { q: 'sofa', language: 'en', maxPrice: 30000, sort: 'price_asc' },
  { q: 'kettle', language: 'en', brand: 'Kasdia' },
  { q: 'kinderwagen', language: 'nl', minPrice: 1000, ...IN_STOCK },
  { q: 'Veldia', language: 'en', sort: 'newest', ...IN_STOCK },
];

export const hasFilters = (search) =>
  search.category !== undefined ||
  search.brand !== undefined ||
  search.minPrice !== undefined ||
  search.maxPrice !== undefined ||
  search.availability !== undefined;

/** A short label for tables. */
export function searchLabel(search) {
  const filters = [
    search.category !== undefined && `category ${search.category}`,
    search.brand !== undefined && `brand ${search.brand}`,
    search.minPrice !== undefined && `≥${search.minPrice / 100}€`,
    search.maxPrice !== undefined && `≤${search.maxPrice / 100}€`,
    search.availability !== undefined && search.availability,
    search.sort !== undefined && search.sort,
  ].filter(Boolean);
  return `"${search.q}"${filters.length ? ` [${filters.join(', ')}]` : ''}`;
}

/** The query string of `GET /v1/channel/search` (or `/facets`, without sort, limit and cursor). */
export function searchPath(search, { facets = false, limit = 20, cursor } = {}) {
  const params = new URLSearchParams({ q: search.q });
  if (search.category !== undefined) params.set('category', String(search.category));
  if (search.brand !== undefined) params.set('brand', search.brand);
  if (search.minPrice !== undefined) params.set('minPrice', String(search.minPrice));
  if (search.maxPrice !== undefined) params.set('maxPrice', String(search.maxPrice));
  const pricesMatter =
    search.minPrice !== undefined ||
    search.maxPrice !== undefined ||
    search.sort === 'price_asc' ||
    search.sort === 'price_desc';
  if (pricesMatter || facets) params.set('currency', 'EUR');
  if (search.availability !== undefined) params.set('availability', search.availability);
  if (facets) return `/v1/channel/search/facets?${params}`;
  if (search.sort !== undefined) params.set('sort', search.sort);
  params.set('limit', String(limit));
  if (cursor) params.set('cursor', cursor);
  return `/v1/channel/search?${params}`;
}

/**
 * The plan `searchStatement(plan)` (libs/catalog/src/search/search-statement.ts) gets for this
 * search's first page, as the search service builds it for a channel pricing in EUR (its
 * catalogFilter: words with whitespace collapsed, relevance when there are words, prices in the
 * currency only when they are filtered or sorted).
 */
export function searchPlan(search, channelId, { limit = 20 } = {}) {
  const words = search.q.replace(/\s+/g, ' ').trim() || undefined;
  const sort = search.sort ?? (words ? 'relevance' : 'newest');
  const pricesMatter =
    search.minPrice !== undefined || search.maxPrice !== undefined || sort === 'price_asc' || sort === 'price_desc';
  return {
    filter: {
      channelId,
      words,
      categoryId: search.category,
      brands: search.brand?.split(','),
      minPrice: search.minPrice,
      maxPrice: search.maxPrice,
      priceCurrency: pricesMatter ? 'EUR' : undefined,
      availability: search.availability ? [search.availability] : undefined,
    },
    sort,
    currency: 'EUR',
    limit,
  };
}
