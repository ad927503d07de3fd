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
  /** A channel key's channel as read with the key, so that a request need not read it again. */
  readonly channel?: CallerChannel;
}

/** What shapes what a channel is shown: its language, currency and WhatsApp number and catalog. */
export interface CallerChannel {
  readonly locale: string;
  readonly currency: string;
  readonly whatsappNumber: string | null;
  readonly whatsappCatalogId: string | null;
}

export const SYSTEM_ACTOR: Actor = { role: 'system', keyId: null };
