/**
 * A synthetic catalog for the search benchmark, written straight into the tables by SQL (loading
 * is not what this benchmark measures; `bench:ingest` measures that). Deterministic for a given
 * size: every attribute is a hash of the product or offer number (only the uuids are random).
 *
 *   - 100 retailers, skewed in size (the largest ~10x the median), each writing in one of five
 *     languages (en, nl, fr, de, zh) and pricing in EUR;
 *   - about 2.5 offers per product (products share a GTIN across retailers), so a product's offers
 *     carry titles in several languages;
 *   - 24 kinds of product in 20 unified categories, skewed: the most common kind holds ~10% of the
 *     products;
 *   - 1,000 brands, skewed: the most common (Nordia) holds ~3% of the products, the median ~0.03%;
 *   - titles "<brand> <colour> <noun> M<model>" ("<brand> <colour><noun> M<model>" in Chinese, which
 *     puts no space between words) and descriptions of two sentences, both in the retailer's
 *     language; the retailer's own category path is the English noun.
 *
 * `syntheticCatalogSql(offers)` gives every statement in order, for one connection;
 * `syntheticCatalogPlan(offers)` the same statements as setup, offer chunks that may run in any
 * order and concurrently, and finish (see loadSyntheticCatalog in bench/support/catalog-load.mjs).
 */

export const LANGUAGES = ['en', 'nl', 'fr', 'de', 'zh'];

/** [Google category id, en, nl, fr, de, zh] */
export const NOUNS = [
  [187, 'shoes', 'schoenen', 'chaussures', 'schuhe', '运动鞋'],
  [1604, 'shirt', 'overhemd', 'chemise', 'hemd', '衬衫'],
  [1604, 'trousers', 'broek', 'pantalon', 'hose', '裤子'],
  [262, 'smartphone', 'smartphone', 'smartphone', 'smartphone', '智能手机'],
  [278, 'laptop', 'laptop', 'ordinateur', 'notebook', '笔记本电脑'],
  [386, 'television', 'televisie', 'televiseur', 'fernseher', '电视机'],
  [223, 'headphones', 'koptelefoon', 'casque', 'kopfhorer', '耳机'],
  [142, 'camera', 'camera', 'appareil', 'kamera', '相机'],
  [1604, 'jacket', 'jas', 'veste', 'jacke', '夹克'],
  [188, 'watch', 'horloge', 'montre', 'uhr', '手表'],
  [100, 'backpack', 'rugzak', 'sac', 'rucksack', '背包'],
  [1604, 'dress', 'jurk', 'robe', 'kleid', '连衣裙'],
  [638, 'kettle', 'waterkoker', 'bouilloire', 'wasserkocher', '水壶'],
  [1011, 'bicycle', 'fiets', 'velo', 'fahrrad', '自行车'],
  [460, 'sofa', 'bank', 'canape', 'sofa', '沙发'],
  [594, 'lamp', 'lamp', 'lampe', 'lampe', '台灯'],
  [3867, 'puzzle', 'puzzel', 'puzzle', 'puzzle', '拼图'],
  [1011, 'tent', 'tent', 'tente', 'zelt', '帐篷'],
  [107, 'suitcase', 'koffer', 'valise', 'koffer', '行李箱'],
  [2915, 'perfume', 'parfum', 'parfum', 'parfum', '香水'],
  [784, 'book', 'boek', 'livre', 'buch', '书'],
  [932, 'notebook', 'schrift', 'cahier', 'heft', '笔记本'],
  [2, 'dog bed', 'hondenmand', 'panier', 'hundebett', '狗窝'],
  [2764, 'stroller', 'kinderwagen', 'poussette', 'kinderwagen', '婴儿车'],
];

export const COLOURS = [
  ['red', 'rode', 'rouge', 'rot', '红色'],
  ['blue', 'blauwe', 'bleu', 'blau', '蓝色'],
  ['black', 'zwarte', 'noir', 'schwarz', '黑色'],
  ['white', 'witte', 'blanc', 'weiss', '白色'],
  ['green', 'groene', 'vert', 'grun', '绿色'],
  ['grey', 'grijze', 'gris', 'grau', '灰色'],
];

// 40 stems of three letters and 25 endings: 1,000 distinct names, the most popular first.
const BRAND_STEMS = [
  'Nor',
  'Vel',
  'Kas',
  'Lum',
  'Tor',
  'Bri',
  'Zen',
  'Mar',
  'Sol',
  'Quo',
  'Ard',
  'Fen',
  'Gal',
  'Hel',
  'Iro',
  'Jun',
  'Kor',
  'Lyn',
  'Mos',
  'Nex',
  'Ori',
  'Pax',
  'Rav',
  'Sil',
  'Tam',
  'Ulm',
  'Vox',
  'Wes',
  'Xan',
  'Yar',
  'Zor',
  'Alt',
  'Bel',
  'Cor',
  'Dal',
  'Eld',
  'Fal',
  'Gor',
  'Hav',
  'Ist',
];
const BRAND_ENDS = [
  'dia',
  'tex',
  'ona',
  'vik',
  'aro',
  'enz',
  'ix',
  'elle',
  'ora',
  'sen',
  'ton',
  'ura',
  'ano',
  'ett',
  'ica',
  'olt',
  'ux',
  'mar',
  'ven',
  'ide',
  'ast',
  'ery',
  'ola',
  'ant',
  'eon',
];
export const BRANDS = BRAND_ENDS.flatMap((end) => BRAND_STEMS.map((stem) => stem + end));

/**
 * Skews, as exponents of a uniform number: index = floor(count * u^exponent), so the first of
 * `count` values gets count^(-1/exponent) of the products: kinds 24^(-1/1.38) ≈ 10%, brands
 * 1000^(-1/2) ≈ 3.2%.
 */
const NOUN_SKEW = 1.38;
const BRAND_SKEW = 2;

/**
 * Descriptions per language: [before the noun, between noun and brand, before the model number, before the retailer
 * number, end].
 */
const DESCRIPTIONS = [
  ['The ', ' by ', ', model ', '. Quality you can trust from retailer ', '.'],
  ['De ', ' van ', ', model ', '. Kwaliteit waar je op kunt rekenen, van winkel ', '.'],
  ['Le modèle ', ' de ', ', référence ', '. Une qualité de confiance chez le détaillant ', '.'],
  ['Das Produkt ', ' von ', ', Modell ', '. Qualität, auf die Sie sich verlassen können, von Händler ', '.'],
  ['', '，品牌 ', '，型号 ', '。来自零售商 ', ' 的可靠品质。'],
];

const sqlText = (value) => `'${String(value).replaceAll("'", "''")}'`;
const sqlArray = (values) => `(ARRAY[${values.map(sqlText).join(',')}])`;

/** A uniform number in [0, 1) from an integer expression and a salt, in SQL. */
const unit = (expression, salt) =>
  `((hashint8((${expression})::bigint * 31 + ${salt}) & 2147483647)::float8 / 2147483648.0)`;

/** SQL statements that load `offers` offers, in order, on one connection; run them on an empty, migrated database. */
export function syntheticCatalogSql(offers) {
  const plan = syntheticCatalogPlan(offers);
  return [...plan.setup, ...plan.offerChunks.map((chunk) => chunk.sql), ...plan.finish];
}

/**
 * The same statements in three parts: `setup` (retailers, products, and two helper tables), in
 * order; `offerChunks` ({ sql, from, to, offers }), each inserting the offers numbered from..to,
 * independent of one another (any order, any connection, concurrently); then `finish` (drops the
 * helper tables, ANALYZE). Whatever the chunk size, the same rows result. A chunk also comes as
 * `columns` and `select` (`sql` is `INSERT INTO offer (columns) select`).
 */
export function syntheticCatalogPlan(offers, { chunkSize = 50_000 } = {}) {
  const products = Math.max(1, Math.round(offers / 2.5));
  const nounWords = LANGUAGES.map((_, l) => sqlArray(NOUNS.map((noun) => noun[l + 1])));
  const colourWords = LANGUAGES.map((_, l) => sqlArray(COLOURS.map((colour) => colour[l])));
  const categoryIds = `ARRAY[${NOUNS.map((noun) => noun[0]).join(',')}]`;
  const brands = sqlArray(BRANDS);
  const pick = (arrays, language, index) =>
    `(CASE ${language} ${arrays.map((array, l) => `WHEN ${l} THEN (${array})[${index}]`).join(' ')} END)`;
  const description = (noun, brand, model, retailer) =>
    `(CASE r.language ${DESCRIPTIONS.map(
      ([start, beforeBrand, beforeModel, beforeRetailer, end], l) =>
        `WHEN ${l} THEN ${sqlText(start)} || ${noun} || ${sqlText(beforeBrand)} || ${brand} || ` +
        `${sqlText(beforeModel)} || ${model} || ${sqlText(beforeRetailer)} || ${retailer} || ${sqlText(end)}`,
    ).join(' ')} END)`;
  const columns = `retailer_id, retailer_item_id, product_id, config_id,
                       title, description, link, image_link, availability,
                       price_minor, currency, sale_price_minor, brand, gtin, condition,
                       category_path, category_id, language, content_hash, created_at`;
  const offerSelect = (from, to) => `
     SELECT r.retailer_id, 'item-' || j, p.id, r.config_id,
            ${brands}[p.brand] || ' ' || ${pick(colourWords, 'r.language', 'p.colour')} ||
              CASE r.language WHEN 4 THEN '' ELSE ' ' END ||
              ${pick(nounWords, 'r.language', 'p.noun')} || ' M' || (p.k % 997),
            ${description(pick(nounWords, 'r.language', 'p.noun'), `${brands}[p.brand]`, '(p.k % 997)', 'r.n')},
            'https://retailer' || r.n || '.example/p/' || j,
            'https://retailer' || r.n || '.example/img/' || j || '.jpg',
            CASE WHEN ${unit('j', 5)} < 0.85 THEN 'in_stock'
                 WHEN ${unit('j', 5)} < 0.93 THEN 'out_of_stock'
                 ELSE 'backorder' END,
            (p.price * (90 + floor(${unit('j', 6)} * 21)) / 100)::bigint, 'EUR',
            CASE WHEN ${unit('j', 7)} < 0.1 THEN (p.price * 80 / 100)::bigint END,
            ${brands}[p.brand], lpad(p.k::text, 14, '0'),
            CASE WHEN ${unit('j', 8)} < 0.95 THEN 'new' WHEN ${unit('j', 8)} < 0.98 THEN 'refurbished' ELSE 'used' END,
            ARRAY[${pick(nounWords, 0, 'p.noun')}], (${categoryIds})[p.noun], ${sqlArray(LANGUAGES)}[1 + r.language],
            sha256(j::text::bytea), now() - (j % 100000) * interval '1 minute'
       FROM generate_series(${from}, ${to}) AS j
       JOIN bench_product p ON p.k = 1 + ((j::bigint * 7919) % ${products})
       JOIN bench_retailer r ON r.n = floor(100 * power(${unit('j', 9)}, 1.6))::int`;
  const offerChunks = [];
  for (let from = 1; from <= offers; from += chunkSize) {
    const to = Math.min(offers, from + chunkSize - 1);
    const select = offerSelect(from, to);
    offerChunks.push({
      sql: `INSERT INTO offer (${columns})${select}`,
      columns,
      select,
      from,
      to,
      offers: to - from + 1,
    });
  }
  return {
    products,
    setup: [
      `DROP TABLE IF EXISTS bench_retailer, bench_product`,
      `INSERT INTO retailer (name, slug, default_currency, contact_email, countries)
       SELECT 'Bench Retailer ' || r, 'bench-retailer-' || r, 'EUR', 'bench' || r || '@example.com', ARRAY['NL']
         FROM generate_series(0, 99) AS r`,
      `INSERT INTO connector_config (retailer_id, connector_id, name, settings)
       SELECT id, 'google-merchant-feed', 'bench feed',
              jsonb_build_object('language', ${sqlArray(LANGUAGES)}[1 + (substr(slug, 16)::int % 5)])
         FROM retailer WHERE slug LIKE 'bench-retailer-%'`,
      // Plain (unlogged) tables rather than temporary ones, so that every connection sees them.
      `CREATE UNLOGGED TABLE bench_retailer AS
       SELECT (row_number() OVER (ORDER BY substr(r.slug, 16)::int) - 1)::int AS n,
              r.id AS retailer_id, c.id AS config_id,
              substr(r.slug, 16)::int % 5 AS language
         FROM retailer r JOIN connector_config c ON c.retailer_id = r.id WHERE r.slug LIKE 'bench-retailer-%'`,
      `ALTER TABLE bench_retailer ADD PRIMARY KEY (n)`,
      `CREATE UNLOGGED TABLE bench_product AS
       SELECT k, gen_random_uuid() AS id,
              1 + floor(${NOUNS.length} * power(${unit('k', 1)}, ${NOUN_SKEW}))::int AS noun,
              1 + floor(${BRANDS.length} * power(${unit('k', 2)}, ${BRAND_SKEW}))::int AS brand,
              1 + floor(${COLOURS.length} * ${unit('k', 3)})::int AS colour,
              500 + floor(49500 * power(${unit('k', 4)}, 3))::bigint AS price
         FROM generate_series(1, ${products}) AS k`,
      `ALTER TABLE bench_product ADD PRIMARY KEY (k)`,
      `ANALYZE bench_retailer, bench_product`,
      `INSERT INTO product (id, match_key, gtin)
       SELECT id, 'gtin:' || lpad(k::text, 14, '0'), lpad(k::text, 14, '0') FROM bench_product`,
    ],
    offerChunks,
    finish: [`DROP TABLE bench_retailer, bench_product`, `ANALYZE`],
  };
}
