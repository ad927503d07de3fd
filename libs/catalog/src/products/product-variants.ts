/** An offer as far as telling variants apart goes. */
export interface VariantSource {
  readonly retailerId: string;
  readonly retailerItemId: string;
  readonly gtin: string | null;
}

/**
 * The variant an offer sells: its GTIN, which names it across retailers; without one, the retailer's item, which is
 * then the variant's only offer.
 */
export function variantKey(offer: VariantSource): string {
  return offer.gtin ?? `${offer.retailerId}:${offer.retailerItemId}`;
}

const CLOTHING_SIZES = ['xxs', 'xs', 's', 'm', 'l', 'xl', 'xxl', 'xxxl'];
const NUMBER = /^\d+([.,]\d+)?$/;

/** Numbers ascending, clothing sizes small to large, anything else as given. */
function ordered(values: string[]): string[] {
  if (values.every((value) => NUMBER.test(value))) {
    return [...values].sort((a, b) => Number(a.replace(',', '.')) - Number(b.replace(',', '.')));
  }
  const size = (value: string) => CLOTHING_SIZES.indexOf(value.toLowerCase());
  if (values.every((value) => size(value) >= 0)) return [...values].sort((a, b) => size(a) - size(b));
  return values;
}

/**
 * What a buyer chooses between: the attributes whose values differ between the variants, by name, each with its
 * values in a natural order (see ordered), else in the order the variants are given. An attribute every variant
 * shares is no choice.
 */
export function variantChoices(
  variants: readonly Readonly<Record<string, string>>[],
): { name: string; values: string[] }[] {
  if (variants.length < 2) return [];
  const values = new Map<string, string[]>();
  for (const attributes of variants) {
    for (const [name, value] of Object.entries(attributes)) {
      const seen = values.get(name) ?? [];
      if (!seen.includes(value)) seen.push(value);
      values.set(name, seen);
    }
  }
  return [...values.entries()]
    .filter(([, seen]) => seen.length > 1)
    .map(([name, seen]) => ({ name, values: ordered(seen) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
