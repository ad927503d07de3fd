/** Query parameters whose values are credentials: api_key, access_token, consumer_secret, signature... */
const SECRET_PARAMETER = /key|token|secret|signature|password|auth|^sig$/i;

/**
 * A URL fit for error messages and logs: no user info, no fragment, and `***` for the values of
 * query parameters that may hold credentials.
 */
export function safeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.split(/[?#]/)[0] ?? '';
  }
  parsed.username = '';
  parsed.password = '';
  parsed.hash = '';
  const masked = new URLSearchParams();
  for (const [name, value] of parsed.searchParams) masked.append(name, SECRET_PARAMETER.test(name) ? '***' : value);
  parsed.search = masked.toString();
  return parsed.toString();
}
