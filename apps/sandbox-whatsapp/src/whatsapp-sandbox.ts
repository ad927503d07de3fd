import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Catalog, type CatalogSnapshot } from './catalog/catalog.js';
import { FaultPicker, parseFaultPlan, type FaultPlan, type SendFault } from './faults.js';
import { handleRequest } from './http/http-routes.js';
import { PhoneUsers, type UserSendOptions, type UserSendResult } from './phone-users.js';
import {
  Records,
  type ConversationEntry,
  type OutboundEntry,
  type SandboxUser,
  type SentMessageRecord,
  type StatusRecord,
} from './records.js';
import { SendApi, type ReEngagementFailure } from './send-api.js';
import { StatusReporter } from './status-reporter.js';
import { templateDefinitions, type TemplateOption } from './templates.js';
import { ThroughputLimit } from './throughput.js';
import type { UserMessage } from './user-messages.js';
import {
  WebhookDispatcher,
  type DeliveryAttempt,
  type RetryPolicy,
  type WebhookDelivery,
} from './webhooks/webhook-delivery.js';
import { verifySubscription, type VerificationResult } from './webhooks/webhook-verification.js';

export interface WhatsAppSandboxOptions {
  /** The token the channel sends as `Authorization: Bearer <token>`. */
  readonly accessToken: string;
  /** The app secret that signs every webhook (X-Hub-Signature-256). */
  readonly appSecret: string;
  readonly phoneNumberId: string;
  /** The business number as users see it, digits only, e.g. 15550783881. */
  readonly displayPhoneNumber: string;
  /** The WhatsApp Business Account id: `entry[].id` of every webhook. */
  readonly businessAccountId: string;
  /** The Graph API version the channel is expected to call, e.g. v21.0 (any vNN.N is answered, as Meta does). */
  readonly version: string;
  /** Where webhooks go; settable later with setWebhookUrl. Without one, nothing is delivered. */
  readonly webhookUrl?: string;
  /** What verifyWebhook() sends as hub.verify_token. */
  readonly verifyToken?: string;
  /** A Meta/Google catalog feed (TSV or RSS/Atom): the catalog connected to the number. */
  readonly catalogFeedUrl?: string;
  readonly catalogId: string;
  /** The approved templates: names, or definitions with their texts; default: any name. */
  readonly templates?: readonly TemplateOption[];
  /** The clock for timestamps and the 24-hour window; tests move it. Default: the system clock. */
  readonly now?: () => Date;
  /** The business name the simulator shows; default "Souk". */
  readonly businessName?: string;
  /** Webhook redelivery; tests make it fast. */
  readonly retry?: Partial<RetryPolicy>;
  readonly faults?: FaultPlan;
  /** Sends per second before 130429; default 80, Meta's default per number. */
  readonly throughputPerSecond?: number;
  /**
   * A free-form send outside the 24-hour window: `status` (default, as the Cloud API does) accepts
   * it with a wamid and reports a `failed` status with 131047; `response` refuses it at once with
   * HTTP 400 and 131047.
   */
  readonly reEngagementFailure?: ReEngagementFailure;
}

/** What the simulator page reads to draw its header and product cards. */
export interface SandboxConfig {
  readonly businessName: string;
  readonly displayPhoneNumber: string;
  readonly phoneNumberId: string;
  readonly catalogId: string;
  readonly version: string;
}

/**
 * A WhatsApp Business Cloud API sandbox: the send API as graph.facebook.com answers it, webhooks
 * to the channel signed and redelivered as Meta sends them, phone users played by tests (or by a
 * person on the simulator page at /simulator), and records of all of it. Serves the send API at
 * `POST /{version}/{phone-number-id}/messages`, control routes under `/_sandbox/`.
 */
export class WhatsAppSandbox {
  readonly options: WhatsAppSandboxOptions;
  private readonly now: () => Date;
  private readonly records = new Records();
  private readonly catalogState: Catalog;
  private readonly faultPicker: FaultPicker;
  private readonly throughput: ThroughputLimit;
  private readonly dispatcher: WebhookDispatcher;
  private readonly statusReporter: StatusReporter;
  private readonly phoneUsers: PhoneUsers;
  private readonly sendApi: SendApi;
  private webhookUrl: string | null;
  private verifyToken: string | null;
  private reEngagementFailure: ReEngagementFailure;
  private server: Server | undefined;
  private base: string | undefined;

  constructor(options: WhatsAppSandboxOptions) {
    for (const key of [
      'accessToken',
      'appSecret',
      'phoneNumberId',
      'displayPhoneNumber',
      'businessAccountId',
      'version',
      'catalogId',
    ] as const) {
      if (typeof options[key] !== 'string' || options[key].trim() === '')
        throw new TypeError(`WhatsAppSandbox needs ${key}.`);
    }
    if (!/^v\d+\.\d+$/.test(options.version))
      throw new TypeError(`version must look like v21.0, not ${options.version}.`);
    this.options = options;
    this.now = options.now ?? (() => new Date());
    this.webhookUrl = options.webhookUrl ?? null;
    this.verifyToken = options.verifyToken ?? null;
    this.reEngagementFailure = options.reEngagementFailure ?? 'status';
    const account = {
      businessAccountId: options.businessAccountId,
      phoneNumberId: options.phoneNumberId,
      displayPhoneNumber: options.displayPhoneNumber,
    };
    const appSecret = () => options.appSecret;
    this.catalogState = new Catalog(options.catalogId, options.catalogFeedUrl ?? null, this.now);
    this.faultPicker = new FaultPicker(options.faults ?? { rate: 0 });
    this.throughput = new ThroughputLimit(options.throughputPerSecond ?? 80);
    this.dispatcher = new WebhookDispatcher(
      () => this.webhookUrl,
      this.now,
      options.retry,
      (delivery) => {
        if (delivery.kind === 'message' && delivery.signature === 'valid')
          this.records.deliveryChanged(delivery.waId, delivery.wamid, delivery.state);
      },
    );
    this.statusReporter = new StatusReporter(account, appSecret, this.records, this.dispatcher, this.now);
    this.phoneUsers = new PhoneUsers(
      { ...account, catalogId: options.catalogId },
      appSecret,
      this.records,
      this.catalogState,
      this.dispatcher,
      this.now,
    );
    this.sendApi = new SendApi({
      accessToken: options.accessToken,
      phoneNumberId: options.phoneNumberId,
      catalog: this.catalogState,
      templates: templateDefinitions(options.templates),
      records: this.records,
      statuses: this.statusReporter,
      faults: this.faultPicker,
      throughput: this.throughput,
      now: this.now,
      reEngagementFailure: () => this.reEngagementFailure,
    });
  }

  /** Listens on 127.0.0.1 and resolves to the base URL, e.g. http://127.0.0.1:PORT. */
  async listen(port = 0): Promise<string> {
    const server = createServer((request, response) => {
      handleRequest(this, this.sendApi, this.records, request, response).catch((error: unknown) => {
        if (response.headersSent) response.destroy();
        else
          response
            .writeHead(500, { 'content-type': 'application/json' })
            .end(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
      });
    });
    this.server = server;
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(port, '127.0.0.1', done);
    });
    this.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.base;
  }

  /** Stops retrying deliveries and listening; open simulator pages are disconnected. */
  async close(): Promise<void> {
    this.dispatcher.close();
    const server = this.server;
    this.server = undefined;
    server?.closeAllConnections();
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  }

  /** The base URL (after listen). */
  get url(): string {
    if (!this.base) throw new Error('The WhatsApp sandbox is not listening.');
    return this.base;
  }

  /** What the channel uses in place of https://graph.facebook.com/{version}, e.g. http://127.0.0.1:PORT/v21.0. */
  get graphApiUrl(): string {
    return `${this.url}/${this.options.version}`;
  }

  /** The phone simulator for one user; default the demo user 31612345678. */
  simulatorUrl(waId?: string): string {
    return `${this.url}/simulator${waId ? `?user=${encodeURIComponent(waId)}` : ''}`;
  }

  config(): SandboxConfig {
    const { displayPhoneNumber, phoneNumberId, catalogId, version } = this.options;
    return { businessName: this.options.businessName ?? 'Souk', displayPhoneNumber, phoneNumberId, catalogId, version };
  }

  // --- The channel's webhook ---

  /** Where webhooks go from now on (null: nowhere); `verifyToken` replaces the one for verifyWebhook. */
  setWebhookUrl(url: string | null, verifyToken?: string): void {
    if (url !== null && !/^https?:$/.test(URL.parse(url)?.protocol ?? ''))
      throw new TypeError(`The webhook URL must be an http(s) URL, not ${JSON.stringify(url)}.`);
    this.webhookUrl = url;
    if (verifyToken !== undefined) this.verifyToken = verifyToken;
  }

  get currentWebhookUrl(): string | null {
    return this.webhookUrl;
  }

  /**
   * Meta's subscription handshake against the webhook URL, with the configured verify token unless another is given.
   */
  async verifyWebhook(options: { verifyToken?: string } = {}): Promise<VerificationResult> {
    if (this.webhookUrl === null) throw new Error('No webhook URL is set.');
    const token = options.verifyToken ?? this.verifyToken;
    if (token === null) throw new Error('No verify token is set.');
    return verifySubscription(this.webhookUrl, token, this.dispatcher.retryPolicy.timeoutMs);
  }

  // --- Phone users ---

  /** A user sends something: the webhook is built, signed and queued (redelivered until a 2xx). */
  userSends(waId: string, message: UserMessage, options: UserSendOptions = {}): Promise<UserSendResult> {
    return this.phoneUsers.send(waId, message, options);
  }

  /** The same kind of webhook signed with a wrong secret, one attempt; resolves to its record (attempts[0].status). */
  sendWithBadSignature(waId: string, message: UserMessage, options: UserSendOptions = {}): Promise<WebhookDelivery> {
    return this.phoneUsers.sendWithBadSignature(waId, message, options);
  }

  /** The identical delivery of a user message again (same body, signature and wamid): a duplicate. */
  redeliver(wamid: string): Promise<DeliveryAttempt> {
    return this.phoneUsers.redeliver(wamid);
  }

  /**
   * The user opens the chat: `read` for the delivered messages (all unread, or those listed); resolves to the wamids
   * read.
   */
  userReads(waId: string, wamids?: readonly string[]): string[] {
    return this.statusReporter.read(waId, wamids);
  }

  // --- Records ---

  /** Every call of the send API, accepted or refused, in order. */
  sentMessages(): SentMessageRecord[] {
    return this.records.sends();
  }

  /** Every webhook delivery (user messages and statuses) with its attempts. */
  deliveries(): WebhookDelivery[] {
    return this.dispatcher.deliveries();
  }

  /** Every status reported, or those of one message. */
  statuses(wamid?: string): StatusRecord[] {
    return this.records.statuses(wamid);
  }

  /** A user's chat, both ways, in order. */
  conversation(waId: string): ConversationEntry[] {
    return this.records.conversation(waId);
  }

  users(): SandboxUser[] {
    return this.records.allUsers();
  }

  /** Resolves when every delivery queued so far, retries included, has ended. */
  settled(): Promise<void> {
    return this.dispatcher.settled();
  }

  /** Resolves with the user's conversation once `done` holds for it, checked now and on every change. */
  waitForConversation(
    waId: string,
    done: (entries: ConversationEntry[]) => boolean,
    timeoutMs = 10_000,
  ): Promise<ConversationEntry[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const entries = this.records.conversation(waId);
        if (!done(entries)) return false;
        clearTimeout(timer);
        unsubscribe();
        resolve(entries);
        return true;
      };
      const timer = setTimeout(() => {
        unsubscribe();
        reject(
          new Error(
            `The conversation with ${waId} did not reach the expected state within ${timeoutMs} ms; ` +
              `it has ${JSON.stringify(this.records.conversation(waId))}.`,
          ),
        );
      }, timeoutMs);
      const unsubscribe = this.records.subscribe(waId, () => void check());
      check();
    });
  }

  /** Resolves with the next message the business sends to the user after this call. */
  async nextOutbound(waId: string, timeoutMs = 10_000): Promise<OutboundEntry> {
    const before = this.records.conversation(waId).length;
    const entries = await this.waitForConversation(
      waId,
      (all) => all.slice(before).some((entry) => entry.direction === 'out'),
      timeoutMs,
    );
    return entries.slice(before).find((entry): entry is OutboundEntry => entry.direction === 'out')!;
  }

  // --- Faults and protocol settings ---

  /** The next `times` valid sends meet `fault`, before the plan draws. */
  failNext(fault: SendFault, times = 1): void {
    this.faultPicker.failNext(fault, times);
  }

  setFaults(plan: FaultPlan): void {
    this.faultPicker.setPlan(parseFaultPlan(plan));
  }

  faultPlan(): FaultPlan & { readonly next: readonly SendFault[] } {
    return { ...this.faultPicker.plan, next: this.faultPicker.pending() };
  }

  setRetryPolicy(policy: Partial<RetryPolicy>): void {
    this.dispatcher.setRetryPolicy(policy);
  }

  get retryPolicy(): RetryPolicy {
    return this.dispatcher.retryPolicy;
  }

  setReEngagementFailure(mode: ReEngagementFailure): void {
    this.reEngagementFailure = mode;
  }

  setThroughputPerSecond(perSecond: number): void {
    this.throughput.setPerSecond(perSecond);
  }

  // --- Catalog ---

  catalog(): Promise<CatalogSnapshot> {
    return this.catalogState.snapshot();
  }

  /** Reads the catalog feed again (Meta's scheduled fetch, on demand). */
  refreshCatalog(): Promise<void> {
    return this.catalogState.refresh();
  }

  setCatalogFeedUrl(url: string | null): void {
    this.catalogState.setFeedUrl(url);
  }
}
