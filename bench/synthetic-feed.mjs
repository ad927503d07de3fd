// A deterministic synthetic Google Merchant RSS 2.0 feed, streamed to disk (never held in memory).
// Every field of item i comes from a PRNG seeded with (seed, i), so the "changed" variant can
// rebuild item i exactly and then alter it.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

const BRANDS = [
  'Acme',
  'Nordwind',
  'Solara',
  'Kestrel',
  'Brightline',
  'Vantor',
  'Helix',
  'Orbis',
  'Lumen',
  'Tandem',
  'Corvid',
  'Pellucid',
  'Quarry',
  'Mistral',
  'Aurel',
  'Bexley',
  'Cobalt',
  'Dunmore',
  'Ember',
  'Fjord',
  'Garnet',
  'Halden',
  'Isola',
  'Juniper',
  'Kinto',
  'Larkspur',
  'Moraine',
  'Nimbus',
  'Oakridge',
  'Pinnacle',
  'Quillon',
  'Rowan',
  'Saffron',
  'Tessel',
  'Umbra',
  'Verdant',
  'Wexford',
  'Xylo',
  'Yarrow',
  'Zephyr',
];

// Weighted towards the first entries: a few categories hold most of the catalog.
const PRODUCT_TYPES = [
  'Electronics > Audio > Headphones',
  'Home & Garden > Kitchen & Dining > Cookware',
  'Apparel & Accessories > Clothing > Shirts & Tops',
  'Electronics > Computers > Laptops',
  'Sporting Goods > Outdoor Recreation > Camping & Hiking',
  'Health & Beauty > Personal Care > Hair Care',
  'Toys & Games > Toys > Building Toys',
  'Electronics > Audio > Speakers',
  'Home & Garden > Lighting > Lamps',
  'Apparel & Accessories > Shoes',
  'Furniture > Chairs > Office Chairs',
  'Electronics > Video > Televisions',
  'Office Supplies > Paper Products > Notebooks',
  'Hardware > Tools > Power Tools > Drills',
  'Baby & Toddler > Nursing & Feeding > Baby Bottles',
  'Pet Supplies > Dog Supplies > Dog Beds',
  'Vehicles & Parts > Vehicle Parts & Accessories > Motor Vehicle Electronics',
  'Luggage & Bags > Backpacks',
  'Arts & Entertainment > Hobbies & Creative Arts > Musical Instruments > Guitars',
  'Food, Beverages & Tobacco > Beverages > Coffee',
];

const ADJECTIVES = [
  'Compact',
  'Wireless',
  'Classic',
  'Premium',
  'Lightweight',
  'Ergonomic',
  'Waterproof',
  'Foldable',
  'Smart',
  'Vintage',
  'Heavy-Duty',
  'Ultra-Slim',
  'Organic',
  'Portable',
  'Modular',
];
const NOUNS = [
  'Headphones',
  'Frying Pan',
  'T-Shirt',
  'Laptop Sleeve',
  'Tent',
  'Hair Dryer',
  'Building Set',
  'Speaker',
  'Desk Lamp',
  'Sneakers',
  'Office Chair',
  'Television',
  'Notebook',
  'Cordless Drill',
  'Baby Bottle',
  'Dog Bed',
  'Dash Cam',
  'Backpack',
  'Acoustic Guitar',
  'Coffee Beans',
  'Salt & Pepper Mill',
  'Cable & Adapter Kit',
];
const FEATURES = [
  'a long-lasting battery',
  'a two-year warranty',
  'recycled materials',
  'a soft-touch finish',
  'fast charging',
  'dishwasher-safe parts',
  'a sturdy steel frame',
  'low noise',
  'a slim profile',
  'easy assembly',
  'a machine-washable cover',
  'USB-C charging',
];
const COLORS = ['black', 'white', 'grey', 'navy', 'red', 'green', 'sand', 'teal'];

/** splitmix32-style mixing of (seed, index) into one 32-bit PRNG state. */
function itemState(seed, index, salt) {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(salt, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x21f0aaad);
  h = Math.imul(h ^ (h >>> 15), 0x735a2d97);
  return (h ^ (h >>> 15)) >>> 0;
}

/** mulberry32: a small, fast, seeded PRNG giving floats in [0, 1). */
function prng(state) {
  let a = state;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An index into a list of n, skewed: low indexes are far more likely (r^3). */
const skewed = (random, n) => Math.floor(n * random() ** 3);
const pick = (random, list) => list[Math.floor(random() * list.length)];

/** The GS1 mod-10 check digit (weights 3, 1, 3, ... from the right). */
export function gtinCheckDigit(body) {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (body.charCodeAt(body.length - 1 - i) - 48) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10;
}

/** A valid GTIN-13, unique per index (7919 is prime to 10^10, so the 10-digit part never repeats). */
function gtinFor(index) {
  const body = `40${String((index * 7919) % 1e10).padStart(10, '0')}`;
  return body + gtinCheckDigit(body);
}

const escapeXml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Item i of the feed, as plain fields (before any change). */
export function syntheticItem(seed, index) {
  const random = prng(itemState(seed, index, 1));
  const brand = BRANDS[skewed(random, BRANDS.length)];
  const productType = PRODUCT_TYPES[skewed(random, PRODUCT_TYPES.length)];
  const adjective = pick(random, ADJECTIVES);
  const noun = pick(random, NOUNS);
  const color = pick(random, COLORS);
  const model = `${String.fromCharCode(65 + Math.floor(random() * 26))}${100 + Math.floor(random() * 900)}`;
  const id = `SKU-${String(index).padStart(8, '0')}`;
  const title = `${brand} ${adjective} ${noun} ${model}, ${color}`;
  const sentence =
    `The ${adjective.toLowerCase()} ${noun.toLowerCase()} by ${brand} ` +
    `comes with ${pick(random, FEATURES)} and ${pick(random, FEATURES)}.`;
  const markup = random();
  // About a quarter of descriptions carry simple HTML, as merchant feeds often do.
  const description =
    markup < 0.15
      ? `<p>${sentence}</p><p>Colour: <b>${color}</b>.</p>`
      : markup < 0.25
        ? `<p>${sentence} <b>Model ${model}</b></p>`
        : `${sentence} Model ${model} in ${color}.`;
  // Prices from about 2 to 1100 EUR, log-uniform, with cents.
  const cents = Math.round(Math.exp(0.7 + random() * 6.3) * 100);
  const availabilityRoll = random();
  const availability =
    availabilityRoll < 0.85
      ? 'in_stock'
      : availabilityRoll < 0.95
        ? 'out_of_stock'
        : availabilityRoll < 0.98
          ? 'preorder'
          : 'backorder';
  const gtin = random() < 0.7 ? gtinFor(index) : null;
  return { id, title, description, cents, availability, brand, gtin, productType };
}

/** Whether item i is changed in the 10%-changed variant, and how. */
export function changeFor(seed, index, fraction) {
  const random = prng(itemState(seed, index, 2));
  if (random() >= fraction) return null;
  return random() < 0.5 ? 'price' : 'title';
}

function itemXml(item) {
  return `<item>
<g:id>${item.id}</g:id>
<title>${escapeXml(item.title)}</title>
<description>${escapeXml(item.description)}</description>
<link>https://shop.example/p/${item.id.toLowerCase()}</link>
<g:image_link>https://cdn.shop.example/img/${item.id.slice(-3)}/${item.id.toLowerCase()}.jpg</g:image_link>
<g:price>${Math.floor(item.cents / 100)}.${String(item.cents % 100).padStart(2, '0')} EUR</g:price>
<g:availability>${item.availability}</g:availability>
<g:brand>${escapeXml(item.brand)}</g:brand>
${item.gtin ? `<g:gtin>${item.gtin}</g:gtin>\n` : ''}<g:product_type>${escapeXml(item.productType)}</g:product_type>
<g:condition>new</g:condition>
</item>
`;
}

/**
 * Writes the feed of `offers` items to `path`; with `changeFraction`, that share of items has its
 * price (+1.00 EUR) or title (" (2026 edition)") changed. Returns the bytes written and the number
 * of changed items.
 */
export async function writeSyntheticFeed(path, { offers, seed = 20261122, changeFraction = 0 }) {
  const out = createWriteStream(path);
  const failed = once(out, 'error').then(([error]) => Promise.reject(error));
  failed.catch(() => undefined);
  const write = async (text) => {
    if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
  };
  await write(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">
<channel>
<title>Synthetic benchmark shop</title>
<link>https://shop.example/</link>
<description>A synthetic feed for npm run bench:ingest</description>
`);
  let changed = 0;
  let batch = '';
  for (let index = 0; index < offers; index++) {
    const item = syntheticItem(seed, index);
    if (changeFraction > 0) {
      const change = changeFor(seed, index, changeFraction);
      if (change === 'price') item.cents += 100;
      if (change === 'title') item.title += ' (2026 edition)';
      if (change) changed += 1;
    }
    batch += itemXml(item);
    if (batch.length >= 256 * 1024) {
      await write(batch);
      batch = '';
    }
  }
  await write(`${batch}</channel>
</rss>
`);
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  return { bytes: out.bytesWritten, changed };
}
