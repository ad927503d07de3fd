import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { ApiError, request, setCsrfToken, whenUnauthorized } from './api';

export interface Session {
  readonly role: 'operator' | 'retailer';
  readonly retailerId: string | null;
  readonly retailerName: string | null;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

export const SESSION_PATH = '/v1/console/session';
const SESSION_KEY = ['console-session'];

interface SessionState {
  readonly session: Session | null;
  readonly loading: boolean;
  readonly error: unknown;
  signIn(apiKey: string): Promise<Session>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

/**
 * Drops every answer of the previous session (another key may see other data), keeping the session query itself
 * observed.
 */
function forgetData(client: QueryClient): void {
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: SESSION_KEY,
    queryFn: async () => {
      try {
        return await request<Session>('GET', SESSION_PATH, { quiet401: true });
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: Infinity,
    retry: false,
  });
  const session = query.data ?? null;
  setCsrfToken(session?.csrfToken ?? null);
  useEffect(() => {
    whenUnauthorized(() => {
      setCsrfToken(null);
      forgetData(client);
      client.setQueryData(SESSION_KEY, null);
    });
  }, [client]);

  const state: SessionState = {
    session,
    loading: query.isPending,
    error: query.error,
    async signIn(apiKey: string) {
      const created = await request<Session>('POST', SESSION_PATH, { body: { apiKey }, quiet401: true });
      setCsrfToken(created.csrfToken);
      forgetData(client);
      client.setQueryData(SESSION_KEY, created);
      return created;
    },
    async signOut() {
      try {
        await request<void>('DELETE', SESSION_PATH, { quiet401: true });
      } finally {
        setCsrfToken(null);
        forgetData(client);
        client.setQueryData(SESSION_KEY, null);
      }
    },
  };
  return <SessionContext.Provider value={state}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}
