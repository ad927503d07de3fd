import http from 'node:http';
import https from 'node:https';
import type { OutboundPolicy } from '#outbound';

export interface PostAnswer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  /** The first `maxBodyBytes` of the answer's body; the rest is not read. */
  readonly body: string;
}

/**
 * One POST through the outbound policy's agents, which check the address it connects to, on a
 * connection of its own (see OutboundPolicy.freshAgents). Redirects are not followed (Node's http
 * does not), so a 3xx comes back as the answer.
 */
export function httpPost(
  url: URL,
  request: {
    headers: Record<string, string>;
    body: string;
    signal: AbortSignal;
    outbound: OutboundPolicy;
    maxBodyBytes: number;
  },
): Promise<PostAnswer> {
  const secure = url.protocol === 'https:';
  const send = secure ? https.request : http.request;
  const agent = secure ? request.outbound.freshAgents.https : request.outbound.freshAgents.http;
  return new Promise((resolve, reject) => {
    const outgoing = send(
      url,
      { method: 'POST', headers: request.headers, agent, signal: request.signal },
      (answer) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        const done = () =>
          resolve({
            status: answer.statusCode ?? 0,
            headers: answer.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        answer.on('data', (chunk: Buffer) => {
          const room = request.maxBodyBytes - kept;
          chunks.push(chunk.subarray(0, Math.max(0, room)));
          kept += Math.min(chunk.length, Math.max(0, room));
          if (chunk.length >= room) {
            answer.destroy();
            done();
          }
        });
        answer.on('end', done);
        answer.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}
