import { parse, serialize } from 'cookie';

export const SESSION_COOKIE = 'souk_session';

/** The header that carries the session's CSRF token on every state-changing request. */
export const CSRF_HEADER = 'x-csrf-token';

/** The session token in a request's Cookie header, if any. */
export function sessionTokenFrom(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  const token = parse(cookieHeader)[SESSION_COOKIE];
  return token && token.length > 0 ? token : undefined;
}

/**
 * The cookie that opens a session: HttpOnly (no script reads it), SameSite=Strict (no other site's
 * page sends it), Secure when the request came over https, and gone when the session would end.
 */
export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return serialize(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    maxAge: maxAgeSeconds,
  });
}

/** The cookie that clears the session's cookie in the browser. */
export function clearedSessionCookie(secure: boolean): string {
  return serialize(SESSION_COOKIE, '', {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    maxAge: 0,
    expires: new Date(0),
  });
}

/** Methods that change nothing, which need no CSRF token. */
export function isSafeMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
}
