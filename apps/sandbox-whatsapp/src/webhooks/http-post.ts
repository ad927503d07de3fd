import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface PostAnswer {
  readonly status: number;
  readonly body: string;
}

const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * One request on a connection of its own (no keep-alive): a request sent on a kept connection that
 * the receiver is closing fails, and that failure would show up as a delivery attempt the receiver
 * never saw. Rejects on a network error or when no answer comes within `timeoutMs`.
 */
export function httpSend(
  method: 'GET' | 'POST',
  url: string,
  headers: Record<string, string>,
  body: string | null,
  timeoutMs: number,
  stop?: AbortSignal,
): Promise<PostAnswer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = stop ? AbortSignal.any([timeout, stop]) : timeout;
    const outgoing = send(
      target,
      { method, headers: { ...headers, connection: 'close' }, agent: false, signal },
      (answer) => {
        const chunks: Buffer[] = [];
        let size = 0;
        answer.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
        });
        answer.on('end', () =>
          resolve({ status: answer.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        answer.on('error', reject);
      },
    );
    outgoing.on('error', (error: Error) => {
      if (error.name !== 'AbortError') reject(error);
      else reject(new Error(timeout.aborted ? `no answer within ${timeoutMs} ms` : 'the sandbox closed'));
    });
    outgoing.end(body ?? undefined);
  });
}
