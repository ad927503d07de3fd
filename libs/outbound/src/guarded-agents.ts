import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Duplex } from 'node:stream';
import { OutboundRefusedError } from './outbound-refused-error.js';

/** What the agents ask the policy before each new connection. */
export interface ConnectionGuard {
  /** The refusal for this host and port, or the lookup that checks the addresses a name resolves to. */
  connect(host: string, port: number): OutboundRefusedError | { readonly lookup: LookupFunction | undefined };
}

type Callback = (error: Error | null, stream: Duplex) => void;

/**
 * HTTP and HTTPS agents that ask the guard before every connection they open, so every request
 * through them (redirects included) is checked where it connects: an IP host before connecting
 * (Node does not call `lookup` for one), a name when it resolves, so DNS rebinding between a check
 * and the connection cannot get through. With `keepAlive`, like Node's global agents, connections
 * are kept for the next request; without, each request has a connection of its own.
 */
export function guardedAgents(
  guard: ConnectionGuard,
  options: { keepAlive: boolean },
): { readonly http: http.Agent; readonly https: https.Agent } {
  return {
    http: new GuardedHttpAgent(guard, options.keepAlive),
    https: new GuardedHttpsAgent(guard, options.keepAlive),
  };
}

class GuardedHttpAgent extends http.Agent {
  constructor(
    private readonly guard: ConnectionGuard,
    keepAlive: boolean,
  ) {
    super({ keepAlive });
  }

  override createConnection(options: http.ClientRequestArgs, callback?: Callback): Duplex | null | undefined {
    const checked = checkedOptions(this.guard, options, 80);
    if (checked instanceof OutboundRefusedError) return refuse(checked, callback);
    return super.createConnection(checked, callback);
  }
}

class GuardedHttpsAgent extends https.Agent {
  constructor(
    private readonly guard: ConnectionGuard,
    keepAlive: boolean,
  ) {
    super({ keepAlive });
  }

  override createConnection(options: https.RequestOptions, callback?: Callback): Duplex | null | undefined {
    const checked = checkedOptions(this.guard, options, 443);
    if (checked instanceof OutboundRefusedError) return refuse(checked, callback);
    return super.createConnection(checked, callback);
  }
}

function checkedOptions<T extends http.ClientRequestArgs>(
  guard: ConnectionGuard,
  options: T,
  defaultPort: number,
): T | OutboundRefusedError {
  if (options.socketPath) return new OutboundRefusedError('unix-socket', 'requests to local sockets are not made');
  const host = String(options.host ?? options.hostname ?? 'localhost').replace(/^\[(.*)\]$/, '$1');
  const port = Number(options.port ?? defaultPort);
  const verdict = guard.connect(host, port);
  if (verdict instanceof OutboundRefusedError) return verdict;
  return verdict.lookup ? { ...options, lookup: verdict.lookup } : options;
}

/** The agent reports a connection that failed to open through the callback: the request emits it as its error. */
function refuse(error: OutboundRefusedError, callback: Callback | undefined): undefined {
  if (!callback) throw error;
  callback(error, undefined as unknown as Duplex);
  return undefined;
}
