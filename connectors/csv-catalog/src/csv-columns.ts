import { ConnectorError } from '#connector-sdk';

/** The Google attributes a CSV column may hold, by the Google name. */
export const CSV_ATTRIBUTES = [
  'id',
  'title',
  'description',
  'link',
  'image_link',
  'additional_image_link',
  'availability',
  'availability_date',
  'price',
  'sale_price',
  'sale_price_effective_date',
  'brand',
  'gtin',
  'mpn',
  'condition',
  'product_type',
  'google_product_category',
  'item_group_id',
  'color',
  'size',
  'material',
  'pattern',
  'gender',
  'age_group',
  'quantity',
  'content_language',
] as const;

/** Friendlier column names small shops use, and the attribute each one stands for. */
export const CSV_ALIASES: Readonly<Record<string, (typeof CSV_ATTRIBUTES)[number]>> = {
  sku: 'id',
  name: 'title',
  url: 'link',
  image: 'image_link',
  stock: 'quantity',
  category: 'product_type',
  ean: 'gtin',
  upc: 'gtin',
  barcode: 'gtin',
};

export const REQUIRED_ATTRIBUTES = ['id', 'title', 'link', 'price'] as const;

const ATTRIBUTES: ReadonlySet<string> = new Set(CSV_ATTRIBUTES);

export interface CsvColumns {
  /** For each column, the attribute it holds, or null when it is ignored. */
  readonly attributes: readonly (string | null)[];
  /** Header names of the ignored columns: unknown, or a second column for the same attribute. */
  readonly ignored: readonly string[];
  readonly missing: readonly string[];
}

/** `Image Link`, `g:image_link`, `IMAGE` -> `image_link`; null for an unknown name. */
export function columnAttribute(header: string): string | null {
  const name = header
    .trim()
    .toLowerCase()
    .replace(/^g:/, '')
    .replace(/[\s-]+/g, '_');
  if (ATTRIBUTES.has(name)) return name;
  return CSV_ALIASES[name] ?? null;
}

/** Reads the header row. The first column for an attribute is used; later ones are ignored. */
export function resolveColumns(header: readonly string[]): CsvColumns {
  const seen = new Set<string>();
  const ignored: string[] = [];
  const attributes = header.map((name) => {
    const attribute = columnAttribute(name);
    if (attribute === null || seen.has(attribute)) {
      if (name.trim() !== '') ignored.push(name.trim());
      return null;
    }
    seen.add(attribute);
    return attribute;
  });
  const missing = REQUIRED_ATTRIBUTES.filter((attribute) => !seen.has(attribute));
  return { attributes, ignored, missing };
}

/** The header's columns, or a ConnectorError naming the required columns it lacks. */
export function requireColumns(header: readonly string[]): CsvColumns {
  const columns = resolveColumns(header);
  if (columns.missing.length > 0) throw new ConnectorError(missingColumnsMessage(columns.missing), 'format');
  return columns;
}

export function missingColumnsMessage(missing: readonly string[]): string {
  const names = missing.map((attribute) => {
    const aliases = Object.keys(CSV_ALIASES).filter((alias) => CSV_ALIASES[alias] === attribute);
    return aliases.length > 0 ? `${attribute} (or ${aliases.join(', ')})` : attribute;
  });
  return (
    `The CSV file has no ${names.join(', ')} column${missing.length === 1 ? '' : 's'}; ` +
    `the header row must name the columns id, title, link and price.`
  );
}
