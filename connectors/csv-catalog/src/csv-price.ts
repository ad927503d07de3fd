/**
 * Makes a price cell a Google price ("15.00 EUR"). A bare amount gets the configured currency, and
 * a decimal comma ("12,50", "1.234,50") becomes a point, as spreadsheets in much of Europe write
 * them. Anything else is left as it is, for normalization to accept or report.
 */
export function googlePrice(cell: string, currency: string | undefined): string {
  const value = cell.trim();
  const amount = /^([A-Z]{3})?\s*([-+]?[0-9.,]+)\s*([A-Z]{3})?$/.exec(value);
  if (amount === null || (amount[1] && amount[3])) return value;
  const code = amount[1] ?? amount[3] ?? currency;
  if (code === undefined) return value;
  return `${pointDecimal(amount[2])} ${code}`;
}

function pointDecimal(amount: string): string {
  if (/^[-+]?[0-9]+,[0-9]{1,2}$/.test(amount)) return amount.replace(',', '.');
  if (/^[-+]?[0-9]{1,3}(?:\.[0-9]{3})+,[0-9]{1,2}$/.test(amount)) return amount.replaceAll('.', '').replace(',', '.');
  return amount;
}
