/** The URL in its normalized form when the text is an absolute http(s) URL; null otherwise. */
export function parseHttpUrl(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url.href;
}
