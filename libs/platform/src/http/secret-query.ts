/** Query parameters that carry a credential (a channel's catalog feed token): never logged or echoed. */
export const SECRET_QUERY_PARAMETERS: readonly string[] = ['token'];

const SECRET_PARAMETER = new RegExp(`([?&](?:${SECRET_QUERY_PARAMETERS.join('|')})=)[^&#]*`, 'gi');

/** The request URL with the value of every secret query parameter replaced by `[redacted]`. */
export function redactSecretQuery(url: string): string {
  return url.includes('?') ? url.replace(SECRET_PARAMETER, '$1[redacted]') : url;
}
