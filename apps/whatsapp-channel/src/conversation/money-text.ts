/**
 * An amount in minor units shown in a locale, exactly: the minor units are turned into a decimal
 * string by the currency's exponent (as Intl knows it) and formatted as a string, never as a float.
 */
export function formatMoney(amountMinor: string | bigint, currency: string, locale: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const exponent = format.resolvedOptions().maximumFractionDigits ?? 2;
  const minor = BigInt(amountMinor);
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(exponent + 1, '0');
  const decimal = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  // format() takes a decimal string exactly (Intl.NumberFormat v3); the cast is for older typings.
  return format.format(`${negative ? '-' : ''}${decimal}` as unknown as number);
}

/** Several amounts in different currencies, as Souk formatted them, never summed across them: "€ 12,00 + $ 3.00". */
export function totalsText(totals: readonly { amount: string }[]): string {
  return totals.map((total) => total.amount).join(' + ');
}
