import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CatalogSnapshot } from '../catalog/catalog.js';
import { isSendFault, parseFaultPlan, type FaultPlan, type SendFault } from '../faults.js';
import type { UserSendOptions, UserSendResult } from '../phone-users.js';
import type { Records } from '../records.js';
import type { SendApi } from '../send-api.js';
import { UserMessageError, type UserMessage } from '../user-messages.js';
import type { DeliveryAttempt, RetryPolicy, WebhookDelivery } from '../webhooks/webhook-delivery.js';
import type { VerificationResult } from '../webhooks/webhook-verification.js';
import { streamConversation } from './conversation-stream.js';
import { BodyTooLarge, notAllowed, notFound, readBody, readJson, sendJson } from './http-kit.js';
import { isSimulatorAsset, serveSimulatorAsset } from './simulator-assets.js';

/** What the routes use of the sandbox: its public methods. */
export interface SandboxControls {
  config(): unknown;
  userSends(waId: string, message: UserMessage, options?: UserSendOptions): Promise<UserSendResult>;
  userReads(waId: string, wamids?: readonly string[]): string[];
  redeliver(wamid: string): Promise<DeliveryAttempt>;
  deliveries(): WebhookDelivery[];
  settled(): Promise<void>;
  catalog(): Promise<CatalogSnapshot>;
  refreshCatalog(): Promise<void>;
  failNext(fault: SendFault, times?: number): void;
  setFaults(plan: FaultPlan): void;
  faultPlan(): unknown;
  setRetryPolicy(policy: Partial<RetryPolicy>): void;
  readonly retryPolicy: RetryPolicy;
  setWebhookUrl(url: string | null, verifyToken?: string): void;
  readonly currentWebhookUrl: string | null;
  verifyWebhook(options?: { verifyToken?: string }): Promise<VerificationResult>;
}

const SEND_PATH = /^\/(v\d+\.\d+)\/([^/]+)\/messages\/?$/;
const USER_PATH = /^\/_sandbox\/users\/(\d{7,15})\/(conversation|messages|read|events)$/;
/** A wamid's base64 may hold `/` and `+`: callers percent-encode it. */
const REDELIVER_PATH = /^\/_sandbox\/messages\/([^/]+)\/redeliver$/;

/**
 * Routes every request: the Graph send API, the simulator page's files, and the unsigned
 * `/_sandbox/*` JSON controls that other processes (and the simulator) use in place of the
 * in-process methods.
 */
export async function handleRequest(
  sandbox: SandboxControls,
  sendApi: SendApi,
  records: Records,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const path = url.pathname;
  const method = request.method ?? 'GET';
  try {
    const send = SEND_PATH.exec(path);
    if (send) {
      if (method !== 'POST') return notAllowed(response, 'POST');
      const answer = await sendApi.handle({
        phoneNumberId: send[2]!,
        authorization: request.headers.authorization,
        queryToken: url.searchParams.get('access_token'),
        rawBody: await readBody(request),
      });
      return sendJson(response, answer.status, answer.body, answer.headers);
    }
    if (path === '/') {
      response.writeHead(302, { location: '/simulator' }).end();
      return;
    }
    if (isSimulatorAsset(path))
      return method === 'GET' ? serveSimulatorAsset(path, response) : notAllowed(response, 'GET');
    const user = USER_PATH.exec(path);
    if (user) return await userRoute(sandbox, records, user[1]!, user[2]!, method, request, response);
    const redeliver = REDELIVER_PATH.exec(path);
    if (redeliver) {
      if (method !== 'POST') return notAllowed(response, 'POST');
      const wamid = decodeURIComponent(redeliver[1]!);
      if (!sandbox.deliveries().some((delivery) => delivery.kind === 'message' && delivery.wamid === wamid))
        return sendJson(response, 404, { error: `No user message ${wamid} was delivered.` });
      return sendJson(response, 200, await sandbox.redeliver(wamid));
    }
    return await controlRoute(sandbox, records, path, method, request, response);
  } catch (error) {
    if (error instanceof BodyTooLarge) return sendJson(response, 413, { error: error.message });
    if (error instanceof SyntaxError || error instanceof TypeError || error instanceof UserMessageError)
      return sendJson(response, 400, { error: error.message });
    throw error;
  }
}

async function userRoute(
  sandbox: SandboxControls,
  records: Records,
  waId: string,
  action: string,
  method: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  switch (action) {
    case 'conversation':
      return method === 'GET'
        ? sendJson(response, 200, { user: records.knownUser(waId) ?? null, entries: records.conversation(waId) })
        : notAllowed(response, 'GET');
    case 'events':
      return method === 'GET' ? streamConversation(request, response, records, waId) : notAllowed(response, 'GET');
    case 'messages': {
      if (method !== 'POST') return notAllowed(response, 'POST');
      const body = (await readJson(request)) as { message?: UserMessage; name?: string };
      if (body.message === undefined)
        return sendJson(response, 400, {
          error: 'message is required: text, a button_reply, a list_reply or an order.',
        });
      const sent = await sandbox.userSends(
        waId,
        body.message,
        typeof body.name === 'string' ? { name: body.name } : {},
      );
      return sendJson(response, 202, { wamid: sent.wamid, message: sent.message, deliveryId: sent.delivery.id });
    }
    default: {
      if (method !== 'POST') return notAllowed(response, 'POST');
      const body = (await readJson(request)) as { wamids?: unknown };
      const wamids = Array.isArray(body.wamids)
        ? body.wamids.filter((id): id is string => typeof id === 'string')
        : undefined;
      return sendJson(response, 200, { read: sandbox.userReads(waId, wamids) });
    }
  }
}

async function controlRoute(
  sandbox: SandboxControls,
  records: Records,
  path: string,
  method: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  switch (path) {
    case '/_sandbox/config':
      return method === 'GET' ? sendJson(response, 200, sandbox.config()) : notAllowed(response, 'GET');
    case '/_sandbox/messages':
      return method === 'GET' ? sendJson(response, 200, records.sends()) : notAllowed(response, 'GET');
    case '/_sandbox/deliveries':
      return method === 'GET' ? sendJson(response, 200, sandbox.deliveries()) : notAllowed(response, 'GET');
    case '/_sandbox/statuses':
      return method === 'GET' ? sendJson(response, 200, records.statuses()) : notAllowed(response, 'GET');
    case '/_sandbox/users':
      return method === 'GET' ? sendJson(response, 200, records.allUsers()) : notAllowed(response, 'GET');
    case '/_sandbox/settled':
      if (method !== 'GET') return notAllowed(response, 'GET');
      await sandbox.settled();
      return sendJson(response, 200, { settled: true });
    case '/_sandbox/catalog':
      return method === 'GET' ? sendJson(response, 200, await sandbox.catalog()) : notAllowed(response, 'GET');
    case '/_sandbox/catalog/refresh':
      if (method !== 'POST') return notAllowed(response, 'POST');
      await sandbox.refreshCatalog();
      return sendJson(response, 200, await sandbox.catalog());
    case '/_sandbox/faults':
      if (method === 'GET') return sendJson(response, 200, sandbox.faultPlan());
      if (method !== 'PUT') return notAllowed(response, 'GET, PUT');
      return putFaults(sandbox, await readJson(request), response);
    case '/_sandbox/retry-policy':
      if (method === 'GET') return sendJson(response, 200, sandbox.retryPolicy);
      if (method !== 'PUT') return notAllowed(response, 'GET, PUT');
      sandbox.setRetryPolicy(retryPolicy(await readJson(request)));
      return sendJson(response, 200, sandbox.retryPolicy);
    case '/_sandbox/webhook':
      if (method === 'GET') return sendJson(response, 200, { url: sandbox.currentWebhookUrl });
      if (method !== 'PUT') return notAllowed(response, 'GET, PUT');
      return putWebhook(sandbox, await readJson(request), response);
    case '/_sandbox/webhook/verify':
      return method === 'POST'
        ? sendJson(response, 200, await sandbox.verifyWebhook(tokenOf(await readJson(request))))
        : notAllowed(response, 'POST');
    default:
      return notFound(response, path);
  }
}

/**
 * `{rate, kinds?, seed?}` replaces the plan; `{next: ["pair-rate", ...]}` queues faults for the next sends; both may
 * come together.
 */
function putFaults(sandbox: SandboxControls, body: unknown, response: ServerResponse): void {
  const { next, ...plan } = (body ?? {}) as { next?: unknown };
  if (next !== undefined && (!Array.isArray(next) || !next.every(isSendFault)))
    throw new TypeError('next must be a list of faults.');
  if (Object.keys(plan).length > 0) sandbox.setFaults(parseFaultPlan(plan));
  for (const fault of (next as SendFault[] | undefined) ?? []) sandbox.failNext(fault);
  sendJson(response, 200, sandbox.faultPlan());
}

function putWebhook(sandbox: SandboxControls, body: unknown, response: ServerResponse): void {
  const { url, verifyToken } = (body ?? {}) as { url?: unknown; verifyToken?: unknown };
  if (url !== null && typeof url !== 'string') throw new TypeError('url must be a URL or null.');
  if (verifyToken !== undefined && typeof verifyToken !== 'string')
    throw new TypeError('verifyToken must be a string.');
  sandbox.setWebhookUrl(url, verifyToken);
  sendJson(response, 200, { url: sandbox.currentWebhookUrl });
}

function retryPolicy(body: unknown): Partial<RetryPolicy> {
  const fields = (body ?? {}) as Record<string, unknown>;
  const policy: Record<string, number> = {};
  for (const key of ['maxAttempts', 'firstDelayMs', 'maxDelayMs', 'timeoutMs']) {
    const value = fields[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < (key === 'maxAttempts' ? 1 : 0))
      throw new TypeError(`${key} must be a number of at least ${key === 'maxAttempts' ? 1 : 0}.`);
    policy[key] = value;
  }
  const unknown = Object.keys(fields).filter(
    (key) => !['maxAttempts', 'firstDelayMs', 'maxDelayMs', 'timeoutMs'].includes(key),
  );
  if (unknown.length > 0) throw new TypeError(`Unknown retry policy field: ${unknown.join(', ')}.`);
  return policy;
}

function tokenOf(body: unknown): { verifyToken?: string } {
  const token = (body as { verifyToken?: unknown } | null)?.verifyToken;
  return typeof token === 'string' ? { verifyToken: token } : {};
}
