import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The address the request came in on: 127.0.0.1 or ::1. */
  readonly localAddress: string;
}

export interface RecordingServer {
  readonly port: number;
  /** Every request that reached the server, in order. */
  readonly requests: RecordedRequest[];
  /** The body every answer has unless a handler says otherwise: it must never show up anywhere. */
  readonly secret: string;
  url(path?: string): string;
  close(): Promise<void>;
}

export const INTERNAL_SECRET = 'id\ttitle\tINTERNAL-SECRET-7f3a9c\n';

/**
 * A plain HTTP server on loopback (127.0.0.1, and ::1 on the same port where the machine has IPv6)
 * that records every request reaching it: an internal service that must stay out of reach.
 */
export async function startRecordingServer(
  handle?: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const onRequest = (request: IncomingMessage, response: ServerResponse) => {
    requests.push({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      localAddress: request.socket.localAddress ?? '',
    });
    request.resume();
    if (handle) handle(request, response);
    else response.writeHead(200, { 'content-type': 'text/tab-separated-values' }).end(INTERNAL_SECRET);
  };
  const v4 = createServer(onRequest);
  await new Promise<void>((resolve) => v4.listen(0, '127.0.0.1', resolve));
  const port = (v4.address() as AddressInfo).port;
  const v6 = createServer(onRequest);
  const servers: Server[] = [v4];
  await new Promise<void>((resolve) => {
    v6.once('error', () => resolve());
    v6.listen(port, '::1', () => {
      servers.push(v6);
      resolve();
    });
  });
  return {
    port,
    requests,
    secret: INTERNAL_SECRET,
    url: (path = '/') => `http://127.0.0.1:${port}${path}`,
    close: async () => {
      await Promise.all(
        servers.map((server) => {
          server.closeAllConnections();
          return new Promise<void>((resolve) => server.close(() => resolve()));
        }),
      );
    },
  };
}
