/**
 * Souk's error answer, an RFC 9457 problem (application/problem+json), as docs/errors.md describes
 * it. The OpenAPI document gives it (as ProblemView) only for the answers a route lists, such as its
 * 409 and 422; any route can answer 400, 401, 403 or 404 too, so `problemOf` reads any `error`.
 */
export interface SoukProblem {
  /** `https://souk.dev/problems/<slug>`: branch on this. */
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly requestId?: string;
  /** One entry per wrong field (validation, unprocessable, some conflicts). */
  readonly errors?: readonly { readonly field: string; readonly message: string }[];
  /** Other members of some problems, such as `changes` of `lines-changed`. */
  readonly [member: string]: unknown;
}

/** Whether an answer's body is a Souk problem; with `slug`, one of that type (`lines-changed`, `not-found`, ...). */
export function isSoukProblem(body: unknown, slug?: string): body is SoukProblem {
  if (typeof body !== 'object' || body === null) return false;
  const { type, status } = body as { type?: unknown; status?: unknown };
  if (typeof type !== 'string' || typeof status !== 'number' || !type.startsWith('https://souk.dev/problems/'))
    return false;
  return slug === undefined || type === `https://souk.dev/problems/${slug}`;
}

/**
 * The problem a call answered, if it failed with one: `problemOf(await client.GET(...))`. Where the
 * document lists no error answer for a route, openapi-fetch types its `error` as never.
 */
export function problemOf(answer: { readonly error?: unknown }): SoukProblem | undefined {
  const error: unknown = answer.error;
  return isSoukProblem(error) ? error : undefined;
}
