import type { SendFault } from './faults.js';
import type { WebhookError } from './graph-errors.js';
import type { DeliveryState } from './webhooks/webhook-delivery.js';
import type { InboundMessage, MessageStatus } from './webhooks/webhook-payloads.js';

/** One call of the send API, accepted or not. */
export interface SentMessageRecord {
  readonly at: string;
  /** The request body as parsed (the raw text when it was not JSON). */
  readonly request: unknown;
  readonly accepted: boolean;
  readonly httpStatus: number;
  /** The JSON the API answered. */
  readonly answer: unknown;
  readonly wamid: string | null;
  readonly waId: string | null;
  readonly type: string | null;
  /** The refusal: Meta's code and details. */
  readonly error: { readonly code: number; readonly details: string } | null;
  /** The injected fault this send met, if any. */
  readonly fault: SendFault | null;
}

/** A status the sandbox reported to the webhook for a message the business sent. */
export interface StatusRecord {
  readonly wamid: string;
  readonly waId: string;
  readonly status: MessageStatus;
  readonly at: string;
  readonly errors?: readonly WebhookError[];
}

/** One message of a user's chat, as the phone shows it. */
export type ConversationEntry = InboundEntry | OutboundEntry;

export interface InboundEntry {
  readonly direction: 'in';
  readonly wamid: string;
  readonly at: string;
  /** The message exactly as the webhook carried it. */
  readonly message: InboundMessage;
}

export interface OutboundEntry {
  readonly direction: 'out';
  readonly wamid: string;
  readonly at: string;
  /** The send request's body. */
  readonly message: Record<string, unknown>;
  /** The last status: sent, delivered, read or failed. */
  readonly status: MessageStatus | null;
  readonly errors?: readonly WebhookError[];
  /** For a template: the text the phone shows. */
  readonly templateText?: string;
}

export interface SandboxUser {
  readonly waId: string;
  readonly name: string;
  /** The user's last message, which opens the 24-hour window; null when they never wrote. */
  readonly lastMessageAt: string | null;
}

export type ConversationEvent =
  | { readonly type: 'entry'; readonly entry: ConversationEntry }
  | {
      readonly type: 'status';
      readonly wamid: string;
      readonly status: MessageStatus;
      readonly errors?: readonly WebhookError[];
    }
  | { readonly type: 'delivery'; readonly wamid: string; readonly state: DeliveryState };

type Listener = (event: ConversationEvent) => void;

interface MutableUser {
  readonly waId: string;
  name: string;
  lastMessageAt: Date | null;
}

const STATUS_ORDER: Record<MessageStatus, number> = { sent: 1, delivered: 2, read: 3, failed: 4 };

/**
 * Everything the sandbox saw, for tests and the control routes: send API calls, statuses, and a
 * transcript per user. Readers get copies. Listeners hear each user's new entries and statuses
 * (the simulator's live view).
 */
export class Records {
  private readonly sent: SentMessageRecord[] = [];
  private readonly statusLog: StatusRecord[] = [];
  private readonly users = new Map<string, MutableUser>();
  private readonly transcripts = new Map<string, ConversationEntry[]>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly deliveryStates = new Map<string, Map<string, DeliveryState>>();

  addSend(record: SentMessageRecord): void {
    this.sent.push(record);
  }

  sends(): SentMessageRecord[] {
    return [...this.sent];
  }

  /** The user, made on first sight with the name given or their number. */
  user(waId: string, name?: string): SandboxUser {
    let user = this.users.get(waId);
    if (!user) {
      user = { waId, name: name ?? waId, lastMessageAt: null };
      this.users.set(waId, user);
    } else if (name !== undefined) {
      user.name = name;
    }
    return snapshotUser(user);
  }

  knownUser(waId: string): SandboxUser | undefined {
    const user = this.users.get(waId);
    return user && snapshotUser(user);
  }

  allUsers(): SandboxUser[] {
    return [...this.users.values()].map(snapshotUser);
  }

  lastMessageAt(waId: string): Date | null {
    return this.users.get(waId)?.lastMessageAt ?? null;
  }

  addInbound(waId: string, message: InboundMessage, at: Date): void {
    this.user(waId);
    this.users.get(waId)!.lastMessageAt = at;
    this.addEntry(waId, { direction: 'in', wamid: message.id, at: at.toISOString(), message });
  }

  addOutbound(waId: string, entry: Omit<OutboundEntry, 'direction' | 'status'>): void {
    this.user(waId);
    this.addEntry(waId, { direction: 'out', status: null, ...entry });
  }

  /** Records a status; the transcript keeps the furthest one (a late `delivered` does not undo `read`). */
  addStatus(record: StatusRecord): void {
    this.statusLog.push(record);
    const entries = this.transcripts.get(record.waId) ?? [];
    const index = entries.findIndex((entry) => entry.direction === 'out' && entry.wamid === record.wamid);
    const entry = entries[index] as OutboundEntry | undefined;
    if (entry && (entry.status === null || STATUS_ORDER[record.status] > STATUS_ORDER[entry.status])) {
      entries[index] = { ...entry, status: record.status, ...(record.errors ? { errors: record.errors } : {}) };
    }
    this.emit(record.waId, {
      type: 'status',
      wamid: record.wamid,
      status: record.status,
      ...(record.errors ? { errors: record.errors } : {}),
    });
  }

  /** How the webhook of a user's message fares: what the simulator shows as its ticks. */
  deliveryChanged(waId: string, wamid: string, state: DeliveryState): void {
    const states = this.deliveryStates.get(waId) ?? new Map<string, DeliveryState>();
    if (states.get(wamid) === state) return;
    states.set(wamid, state);
    this.deliveryStates.set(waId, states);
    this.emit(waId, { type: 'delivery', wamid, state });
  }

  /** The delivery state of each of the user's messages, by wamid. */
  userDeliveries(waId: string): Record<string, DeliveryState> {
    return Object.fromEntries(this.deliveryStates.get(waId) ?? []);
  }

  statuses(wamid?: string): StatusRecord[] {
    return this.statusLog.filter((record) => wamid === undefined || record.wamid === wamid);
  }

  conversation(waId: string): ConversationEntry[] {
    return [...(this.transcripts.get(waId) ?? [])];
  }

  /** The outbound entry with this wamid, whoever it went to. */
  outbound(wamid: string): OutboundEntry | undefined {
    for (const entries of this.transcripts.values()) {
      const entry = entries.find((candidate) => candidate.direction === 'out' && candidate.wamid === wamid);
      if (entry) return entry as OutboundEntry;
    }
    return undefined;
  }

  subscribe(waId: string, listener: Listener): () => void {
    const set = this.listeners.get(waId) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(waId, set);
    return () => set.delete(listener);
  }

  private addEntry(waId: string, entry: ConversationEntry): void {
    const entries = this.transcripts.get(waId) ?? [];
    entries.push(entry);
    this.transcripts.set(waId, entries);
    this.emit(waId, { type: 'entry', entry });
  }

  private emit(waId: string, event: ConversationEvent): void {
    for (const listener of this.listeners.get(waId) ?? []) listener(event);
  }
}

function snapshotUser(user: MutableUser): SandboxUser {
  return { waId: user.waId, name: user.name, lastMessageAt: user.lastMessageAt?.toISOString() ?? null };
}
