import { gtinCheckDigit } from '#domain';

/**
 * The demo retailers' catalogs, generated the same way on every machine: an electronics shop's
 * Google Merchant feed and a corner shop's CSV. A third of their products share GTINs, so the
 * catalog shows products with offers from both.
 */
const PRODUCTS = [
  ['Wireless Earbuds', 'Electronics > Audio > Headphones', 'Sonora'],
  ['Bluetooth Speaker', 'Electronics > Audio > Speakers', 'Sonora'],
  ['USB-C Charger 65W', 'Electronics > Power > Chargers', 'Voltix'],
  ['Power Bank 10000mAh', 'Electronics > Power > Power Banks', 'Voltix'],
  ['Smartwatch', 'Electronics > Wearables', 'Pulse'],
  ['Phone Case', 'Electronics > Phone Accessories', 'Shellby'],
  ['LED Desk Lamp', 'Home & Garden > Lighting', 'Lumo'],
  ['Coffee Beans 1kg', 'Food, Beverages & Tobacco > Coffee', 'Tostado'],
  ['Green Tea 100g', 'Food, Beverages & Tobacco > Tea', 'Kyoto Leaf'],
  ['Notebook A5', 'Office Supplies > Paper', 'Papiro'],
] as const;

const COLORS = ['black', 'white', 'blue', 'red', 'green'];

export const SHARED_GTINS = 60;

function gtin(n: number): string {
  const body = `87${String(1_000_000_000 + n).slice(-10)}`;
  return body + gtinCheckDigit(body);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** 200 items; the first SHARED_GTINS GTINs are also sold by the corner shop. */
export function demoElectronicsFeed(): string {
  const items = Array.from({ length: 200 }, (_, n) => {
    const [name, category, brand] = PRODUCTS[n % PRODUCTS.length]!;
    const color = COLORS[n % COLORS.length]!;
    const cents = 999 + ((n * 737) % 15000);
    return `    <item>
      <g:id>EL-${n}</g:id>
      <title>${escapeXml(`${brand} ${name} (${color})`)}</title>
      <description>${escapeXml(`<p>The ${name.toLowerCase()} from ${brand}, in ${color}.</p>`)}</description>
      <link>https://electronics.demo.souk.invalid/p/EL-${n}</link>
      <g:image_link>https://electronics.demo.souk.invalid/img/EL-${n}.jpg</g:image_link>
      <g:price>${(cents / 100).toFixed(2)} EUR</g:price>
      <g:availability>${n % 11 === 0 ? 'out_of_stock' : 'in_stock'}</g:availability>
      <g:brand>${escapeXml(brand)}</g:brand>
      <g:gtin>${gtin(n)}</g:gtin>
      <g:condition>new</g:condition>
      <g:product_type>${escapeXml(category)}</g:product_type>
      <g:color>${color}</g:color>
    </item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">
  <channel>
    <title>Demo Electronics</title>
${items.join('\n')}
  </channel>
</rss>
`;
}

/** 150 rows with the corner shop's own column names; the first SHARED_GTINS share GTINs with the feed. */
export function demoCornerShopCsv(): string {
  const rows = Array.from({ length: 150 }, (_, n) => {
    const [name, category, brand] = PRODUCTS[n % PRODUCTS.length]!;
    const color = COLORS[n % COLORS.length]!;
    const cents = 899 + ((n * 911) % 14000);
    const price = `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
    const barcode = n < SHARED_GTINS ? gtin(n) : gtin(10_000 + n);
    return [
      `CS-${n}`,
      `"${brand} ${name} ${color}"`,
      `https://corner.demo.souk.invalid/${n}`,
      `https://corner.demo.souk.invalid/img/${n}.jpg`,
      price,
      n % 7 === 0 ? 'out of stock' : 'in stock',
      barcode,
      `"${category}"`,
      brand,
    ].join(';');
  });
  return ['sku;name;url;image;price;availability;barcode;category;brand', ...rows].join('\n') + '\n';
}
