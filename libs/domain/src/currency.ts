/**
 * ISO 4217 active currency codes with their minor-unit exponent (the number of decimal places of
 * the minor unit). Money in Souk is always an integer count of minor units of one of these.
 * Fund codes and precious metals (XAU, XDR, ...) have no minor unit and are not accepted.
 */
const EXPONENT_ZERO = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const EXPONENT_THREE = 'BHD IQD JOD KWD LYD OMR TND';
const EXPONENT_FOUR = 'CLF UYW';
const EXPONENT_TWO =
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD ' +
  'CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS ' +
  'GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL ' +
  'MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK ' +
  'PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS ' +
  'TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG';

const EXPONENTS: ReadonlyMap<string, number> = new Map([
  ...EXPONENT_ZERO.split(' ').map((code) => [code, 0] as const),
  ...EXPONENT_TWO.split(' ').map((code) => [code, 2] as const),
  ...EXPONENT_THREE.split(' ').map((code) => [code, 3] as const),
  ...EXPONENT_FOUR.split(' ').map((code) => [code, 4] as const),
]);

export type CurrencyCode = string & { readonly __brand?: 'CurrencyCode' };

export function isCurrencyCode(value: unknown): value is CurrencyCode {
  return typeof value === 'string' && EXPONENTS.has(value);
}

/** The ISO 4217 minor-unit exponent of a currency: JPY 0, EUR 2, KWD 3. Throws for unknown codes. */
export function currencyExponent(code: CurrencyCode): number {
  const exponent = EXPONENTS.get(code);
  if (exponent === undefined) throw new RangeError(`unknown ISO 4217 currency code: ${code}`);
  return exponent;
}

export const CURRENCY_CODES: readonly string[] = [...EXPONENTS.keys()].sort();
