/** GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN) and GTIN-14, per GS1. */
export const GTIN_LENGTHS = [8, 12, 13, 14] as const;

/**
 * The GS1 mod-10 check digit for the digits before it: weights 3, 1, 3, ... starting from the
 * rightmost digit (the one left of the check digit), then the distance up to a multiple of 10.
 */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const weight = i % 2 === 0 ? 3 : 1;
    sum += (body.charCodeAt(body.length - 1 - i) - 48) * weight;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * A valid GTIN as 14 digits, zero-padded on the left (the same product has the same form whatever
 * length the retailer wrote), or an error that says what is wrong. Spaces and hyphens are ignored.
 */
export function normalizeGtin(text: string): { gtin: string } | { error: string } {
  const digits = text.replace(/[\s-]/g, '');
  if (digits === '') return { error: 'GTIN is empty' };
  if (!/^[0-9]+$/.test(digits)) return { error: 'GTIN must contain only digits' };
  if (!(GTIN_LENGTHS as readonly number[]).includes(digits.length)) {
    return { error: `GTIN must have 8, 12, 13 or 14 digits, not ${digits.length}` };
  }
  if (/^0+$/.test(digits)) return { error: 'GTIN cannot be all zeros' };
  const expected = gtinCheckDigit(digits.slice(0, -1));
  const actual = digits.charCodeAt(digits.length - 1) - 48;
  if (actual !== expected) return { error: `GTIN check digit is ${actual} but should be ${expected}` };
  return { gtin: digits.padStart(14, '0') };
}
