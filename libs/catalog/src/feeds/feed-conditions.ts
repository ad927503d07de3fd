import { createHash } from 'node:crypto';

/**
 * A strong ETag for the feed from everything its bytes depend on. The gzip-encoded answer is another
 * representation with other bytes, so it gets its own tag (`-gzip`); If-None-Match with either one
 * finds the feed unchanged.
 */
export function feedEtags(parts: readonly (string | number)[]): { identity: string; gzip: string } {
  const hash = createHash('sha256').update(parts.join('\n')).digest('base64url').slice(0, 32);
  return { identity: `"${hash}"`, gzip: `"${hash}-gzip"` };
}

/** Whether If-None-Match names one of `etags`, or is `*`; compared weakly, as RFC 9110 says for If-None-Match. */
export function ifNoneMatchHits(header: string | undefined, etags: readonly string[]): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const listed = header.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  return listed.some((tag) => etags.includes(tag));
}

/** Whether Accept-Encoding takes gzip (named, or by `*`, with a q above 0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  const codings = new Map(
    header.split(',').map((part) => {
      const [name = '', ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
      const q = parameters.find((parameter) => parameter.startsWith('q='));
      return [name, q === undefined ? 1 : Number(q.slice(2))] as const;
    }),
  );
  const q = codings.get('gzip') ?? codings.get('x-gzip') ?? codings.get('*');
  return q !== undefined && q > 0;
}
