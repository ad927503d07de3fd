import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConversationEntry, ConversationEvent, Records } from '../records.js';

const HEARTBEAT_MS = 15_000;

/**
 * A user's conversation as Server-Sent Events, for the simulator page: first `snapshot` (the
 * whole transcript), then `entry` for each new message either way, `status` for each status of a
 * business message and `delivery` for how each user message's webhook fared.
 * A browser that reconnects gets a fresh snapshot, so nothing is missed.
 */
export function streamConversation(
  request: IncomingMessage,
  response: ServerResponse,
  records: Records,
  waId: string,
): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-accel-buffering': 'no',
  });
  const write = (event: string, data: unknown) => {
    if (!response.destroyed) response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const snapshot: { user: unknown; entries: ConversationEntry[]; deliveries: unknown } = {
    user: records.knownUser(waId) ?? null,
    entries: records.conversation(waId),
    deliveries: records.userDeliveries(waId),
  };
  write('snapshot', snapshot);
  const unsubscribe = records.subscribe(waId, (event: ConversationEvent) => write(event.type, event));
  const heartbeat = setInterval(() => {
    if (!response.destroyed) response.write(': keep-alive\n\n');
  }, HEARTBEAT_MS);
  const stop = () => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  request.once('close', stop);
  response.once('close', stop);
}
