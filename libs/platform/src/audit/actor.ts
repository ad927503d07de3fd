export type ActorRole = 'operator' | 'retailer' | 'channel' | 'system';

/** Who is acting: an API key's holder, or the system itself (first start, demo data, jobs). */
export interface Actor {
  readonly role: ActorRole;
  /** The API key used; null for the system. */
  readonly keyId: string | null;
  readonly retailerId?: string | null;
  readonly channelId?: string | null;
  readonly requestId?: string | null;
  /** Set when the caller came through a console session rather than with the key itself. */
  readonly consoleSessionId?: string;
}

export const SYSTEM_ACTOR: Actor = { role: 'system', keyId: null };
