/** Country calling codes of common markets and their ISO 3166-1 country, longest code first when matched. */
const CALLING_CODES: Readonly<Record<string, string>> = {
  '1': 'US',
  '20': 'EG',
  '27': 'ZA',
  '30': 'GR',
  '31': 'NL',
  '32': 'BE',
  '33': 'FR',
  '34': 'ES',
  '36': 'HU',
  '39': 'IT',
  '40': 'RO',
  '41': 'CH',
  '43': 'AT',
  '44': 'GB',
  '45': 'DK',
  '46': 'SE',
  '47': 'NO',
  '48': 'PL',
  '49': 'DE',
  '52': 'MX',
  '55': 'BR',
  '61': 'AU',
  '62': 'ID',
  '63': 'PH',
  '64': 'NZ',
  '65': 'SG',
  '81': 'JP',
  '82': 'KR',
  '86': 'CN',
  '90': 'TR',
  '91': 'IN',
  '212': 'MA',
  '234': 'NG',
  '351': 'PT',
  '352': 'LU',
  '353': 'IE',
  '358': 'FI',
  '420': 'CZ',
  '965': 'KW',
  '966': 'SA',
  '971': 'AE',
  '973': 'BH',
  '974': 'QA',
};

/** The country of a WhatsApp number (its wa_id is the number without "+"), when its calling code is known. */
export function countryOfNumber(waId: string): string | null {
  for (const length of [3, 2, 1]) {
    const country = CALLING_CODES[waId.slice(0, length)];
    if (country) return country;
  }
  return null;
}
