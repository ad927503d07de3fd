import type { KeyRole } from '#platform';
import type { DeclaredRoute } from './declared-routes.js';
import type { Probe } from './malformed-probes.js';

/**
 * What another tenant of the same role (a second retailer, a second channel) may do on a route,
 * given the ids of the first tenant's records. Declared per route in the matrix test.
 */
export type Ownership =
  /** Nothing on the route belongs to one tenant: operator routes, public routes, the catalog every channel sees. */
  | { readonly kind: 'shared' }
  /** The route answers with the caller's own records (lists, `me`, settings, a user's cart): another tenant's key sees none of the first tenant's. */
  | { readonly kind: 'callers-own' }
  /**
   * The path names one tenant's record: another tenant's key gets 404, as if it did not exist.
   * `ids` picks path values the default fixtures do not have; `body` replaces a generated body that
   * validation would refuse before the record is looked up.
   */
  | ({ readonly kind: 'in-path' } & InPathOptions)
  /** The route serves console sessions (the cookie), not keys: a key the guard admits gets 401, for it brings no session. */
  | { readonly kind: 'session-only' };

export interface InPathOptions {
  readonly ids?: (world: MatrixWorld) => Record<string, string>;
  readonly body?: unknown;
}

export const shared: Ownership = { kind: 'shared' };
export const callersOwn: Ownership = { kind: 'callers-own' };
export const inPath = (options: InPathOptions = {}): Ownership => ({ kind: 'in-path', ...options });
export const sessionOnly: Ownership = { kind: 'session-only' };

export type Credential = 'no key' | 'revoked key' | KeyRole | 'another retailer' | 'another channel';

/** The keys the matrix calls with and the ids of the first tenant's records. */
export interface MatrixWorld {
  readonly keys: Record<Credential, string | null>;
  /** Ids that belong to the first retailer and the first channel, that another tenant's answer must never show. */
  readonly privateIds: Record<'retailer' | 'channel', readonly string[]>;
  /** Extra records the default fixtures do not have. */
  readonly channelWebhookDelivery: string;
}

export interface MatrixCase {
  readonly route: DeclaredRoute;
  readonly credential: Credential;
  readonly ownership: Ownership;
}

export interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly wwwAuthenticate: string | null;
  readonly text: string;
}

/** Routes with no declared expectation, and declarations of routes that do not exist. */
export function undeclared(
  routes: readonly DeclaredRoute[],
  expectations: Readonly<Record<string, Ownership>>,
): string[] {
  const names = new Set(routes.map((route) => route.name));
  return [
    ...routes
      .filter((route) => !expectations[route.name])
      .map((route) => `${route.name} (${route.handler}) has no declared expectation`),
    ...Object.keys(expectations)
      .filter((name) => !names.has(name))
      .map((name) => `${name} is declared but the app has no such route`),
  ];
}

/** Declarations that contradict the route's roles: only a route open to retailers or channels has another tenant. */
export function contradictions(
  routes: readonly DeclaredRoute[],
  expectations: Readonly<Record<string, Ownership>>,
): string[] {
  return routes
    .filter((route) => expectations[route.name]!.kind !== 'shared' && tenantRoles(route).length === 0)
    .map(
      (route) => `${route.name} is declared ${expectations[route.name]!.kind}, but no retailer or channel may call it`,
    );
}

/** The tenant roles (retailer, channel) a route admits. */
export function tenantRoles(route: DeclaredRoute): ('retailer' | 'channel')[] {
  if (route.access.public) return [];
  return route.access.roles.filter((role): role is 'retailer' | 'channel' => role === 'retailer' || role === 'channel');
}

/** Every credential the matrix tries on a route: none, a revoked key, each role, and another tenant of each tenant role it admits. */
export function casesOf(
  routes: readonly DeclaredRoute[],
  expectations: Readonly<Record<string, Ownership>>,
): MatrixCase[] {
  return routes.flatMap((route) => {
    const ownership = expectations[route.name]!;
    const others = tenantRoles(route).map(
      (role) => (role === 'retailer' ? 'another retailer' : 'another channel') as Credential,
    );
    return (['no key', 'revoked key', 'operator', 'retailer', 'channel', ...others] as Credential[]).map(
      (credential) => ({ route, credential, ownership }),
    );
  });
}

/** Whether the guard lets this credential through to the route at all. */
export function admitted(route: DeclaredRoute, credential: Credential): boolean {
  if (route.access.public) return true;
  if (credential === 'no key' || credential === 'revoked key') return false;
  const role: KeyRole =
    credential === 'another retailer' ? 'retailer' : credential === 'another channel' ? 'channel' : credential;
  return route.access.roles.includes(role);
}

const problemType = (answer: Answer): string => {
  try {
    return String((JSON.parse(answer.text) as { type?: string }).type ?? '');
  } catch {
    return '';
  }
};

/** What is wrong with the answer to one case, or undefined when it is what the route's roles and ownership say. */
export function fault(matrixCase: MatrixCase, request: Probe, answer: Answer, world: MatrixWorld): string | undefined {
  const { route, credential, ownership } = matrixCase;
  const { status } = answer;
  const text = answer.text.slice(0, 200);
  if (status >= 500) return `answered ${status}: ${text}`;
  if (!admitted(route, credential)) {
    if (credential === 'no key' || credential === 'revoked key') {
      if (status !== 401 || !answer.wwwAuthenticate?.startsWith('Bearer'))
        return `answered ${status}, not 401 with a Bearer challenge: ${text}`;
      return undefined;
    }
    if (status !== 403 || problemType(answer) !== 'https://souk.dev/problems/forbidden')
      return `answered ${status}, not 403 forbidden: ${text}`;
    return undefined;
  }
  if (ownership.kind === 'session-only') {
    return status === 401 && problemType(answer) === 'https://souk.dev/problems/unauthorized'
      ? undefined
      : `answered ${status} to a key without a console session, not 401: ${text}`;
  }
  if (status === 401 || status === 403) return `refused an admitted caller with ${status}: ${text}`;
  const another = credential === 'another retailer' || credential === 'another channel';
  if (!another) {
    // The first tenant's own ids must lead somewhere, or another tenant's 404 would prove nothing.
    if (ownership.kind === 'in-path' && status === 404)
      return `answered 404 to the owner: the path names no record: ${text}`;
    return undefined;
  }
  if (ownership.kind === 'in-path')
    return status === 404 ? undefined : `answered ${status} to another tenant, not 404: ${text}`;
  if (ownership.kind === 'callers-own') {
    const role = credential === 'another retailer' ? 'retailer' : 'channel';
    const sent = request.url + String(request.body ?? '');
    const shown = world.privateIds[role].filter((id) => !sent.includes(id) && answer.text.includes(id));
    if (shown.length > 0) return `showed another tenant the first ${role}'s ${shown.join(', ')}: ${text}`;
  }
  return undefined;
}
