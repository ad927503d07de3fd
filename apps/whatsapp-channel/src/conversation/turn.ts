import type pg from 'pg';
import type { ChatMessage } from '../cloud-api/chat-message.js';
import type { SoukPort } from '../souk/souk-port.js';
import type { Buyer } from './buyer-store.js';
import type { Step } from './conversation-step.js';
import type { Strings } from './strings/strings.js';

/** Everything a flow needs while it answers one message; it ends by saying where the conversation now stands. */
export interface Turn {
  readonly tx: pg.PoolClient;
  readonly waId: string;
  /** The buyer's reference at Souk (carts, checkout). */
  readonly userRef: string;
  readonly profileName: string | null;
  /** The conversation's language (`en`, `nl`) and the locale prices are shown in. */
  readonly language: string;
  readonly moneyLocale: string;
  readonly t: Strings;
  readonly souk: SoukPort;
  readonly shopName: string;
  /** The Meta catalog connected to the number (its items are Souk's offers); null without one. */
  readonly catalogId: string | null;
  readonly step: Step;
  /** Grows with every step; a summary's number goes into the order's idempotency key. */
  readonly stepNumber: number;
  buyer: Buyer;
  send(message: ChatMessage): Promise<void>;
}

/** Where a flow leaves the conversation. */
export interface Outcome {
  readonly step: Step;
}
