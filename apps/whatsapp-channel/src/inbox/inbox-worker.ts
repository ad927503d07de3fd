import type { Logger } from 'pino';
import type pg from 'pg';
import { inTransaction } from '../database/in-transaction.js';
import type { InboundMessage } from '../webhook/meta-webhook-payload.js';

/** A message could not be handled now (Souk or the Cloud API is unreachable); it is tried again later. */
export class TryLaterError extends Error {}

export interface ConversationRow {
  readonly waId: string;
  readonly profileName: string | null;
  readonly locale: string;
  readonly step: Readonly<Record<string, unknown>>;
  readonly stepNumber: number;
  readonly lastInboundAt: Date | null;
}

export interface PendingMessage {
  readonly wamid: string;
  readonly message: InboundMessage;
  readonly attempts: number;
}

/** Handles one inbound message of a conversation, inside the transaction that holds the conversation. */
export interface MessageHandler {
  handle(tx: pg.PoolClient, conversation: ConversationRow, pending: PendingMessage): Promise<void>;
  /** Told once when a message is first put off, so the buyer is not left in silence. */
  putOff(tx: pg.PoolClient, conversation: ConversationRow, pending: PendingMessage, reason: string): Promise<void>;
  /** Told when a message failed so often that it is given up. */
  gaveUp(tx: pg.PoolClient, conversation: ConversationRow, pending: PendingMessage, reason: string): Promise<void>;
}

/**
 * Tries before a message that keeps failing unexpectedly is given up (one that must wait for Souk is never given up).
 */
const MAX_FAILED_TRIES = 5;
/** Conversations with due messages looked at per claim. */
const CANDIDATES = 32;

/**
 * Works the inbox: claims one conversation that has messages due (`FOR UPDATE SKIP LOCKED`, so a
 * conversation is worked by one worker at a time across processes) and handles its messages in
 * the order they were sent. A message that must wait (TryLaterError) holds back the later ones of
 * its conversation, with backoff; the buyer is told once. Each message is marked done in the same
 * transaction as the conversation's new step, so a message is applied once.
 */
export class InboxWorker {
  constructor(
    private readonly pool: pg.Pool,
    private readonly handler: MessageHandler,
    private readonly log: Logger,
    private readonly retryDelayMs: (attempts: number) => number = (attempts) =>
      Math.min(60_000, 2_000 * 2 ** Math.max(0, attempts - 1)),
  ) {}

  /** Works one conversation; true when it found one (there may be more). */
  async workOnce(): Promise<boolean> {
    return inTransaction(this.pool, async (tx) => {
      const claimed = await tx.query(
        `SELECT c.wa_id
           FROM (SELECT DISTINCT wa_id FROM whatsapp_channel.inbound_message
                  WHERE state = 'pending' AND next_attempt_at <= now() LIMIT ${CANDIDATES}) due
           JOIN whatsapp_channel.conversation c ON c.wa_id = due.wa_id
          LIMIT 1 FOR UPDATE OF c SKIP LOCKED`,
      );
      const row = claimed.rows[0] as { wa_id: string } | undefined;
      if (!row) return false;
      await this.workConversation(tx, row.wa_id);
      return true;
    });
  }

  private async workConversation(tx: pg.PoolClient, waId: string): Promise<void> {
    const pending = await tx.query(
      `SELECT wamid, message, attempts, next_attempt_at <= now() AS due FROM whatsapp_channel.inbound_message
        WHERE wa_id = $1 AND state = 'pending' ORDER BY sent_at, wamid`,
      [waId],
    );
    for (const row of pending.rows as { wamid: string; message: InboundMessage; attempts: number; due: boolean }[]) {
      if (!row.due) return;
      const message: PendingMessage = { wamid: row.wamid, message: row.message, attempts: row.attempts };
      // Read afresh: the previous message may have moved the conversation on.
      const conversation = await this.conversation(tx, waId);
      await tx.query('SAVEPOINT message');
      try {
        await this.handler.handle(tx, conversation, message);
        await tx.query(
          `UPDATE whatsapp_channel.inbound_message SET state = 'done', done_at = now(),
             attempts = attempts + 1, last_error = NULL WHERE wamid = $1`,
          [row.wamid],
        );
        await tx.query('RELEASE SAVEPOINT message');
      } catch (error) {
        await tx.query('ROLLBACK TO SAVEPOINT message');
        const reason = error instanceof Error ? error.message : String(error);
        const waiting = error instanceof TryLaterError;
        if (!waiting) this.log.error({ err: error, waId, wamid: row.wamid }, 'handling a message failed');
        if (!waiting && row.attempts + 1 >= MAX_FAILED_TRIES) {
          await this.handler
            .gaveUp(tx, conversation, message, reason)
            .catch((failure: unknown) => this.log.error({ err: failure, waId }, 'could not tell the buyer'));
          await tx.query(
            `UPDATE whatsapp_channel.inbound_message SET state = 'done', done_at = now(),
               attempts = attempts + 1, last_error = $2 WHERE wamid = $1`,
            [row.wamid, reason],
          );
          continue;
        }
        if (row.attempts === 0) {
          await this.handler
            .putOff(tx, conversation, message, reason)
            .catch((failure: unknown) => this.log.warn({ err: failure, waId }, 'could not tell the buyer to wait'));
        }
        await tx.query(
          `UPDATE whatsapp_channel.inbound_message SET attempts = attempts + 1, last_error = $2,
             next_attempt_at = now() + make_interval(secs => $3) WHERE wamid = $1`,
          [row.wamid, reason, this.retryDelayMs(row.attempts + 1) / 1000],
        );
        return;
      }
    }
  }

  private async conversation(tx: pg.PoolClient, waId: string): Promise<ConversationRow> {
    const row = (
      await tx.query(
        `SELECT wa_id, profile_name, locale, step, step_number, last_inbound_at
          FROM whatsapp_channel.conversation WHERE wa_id = $1`,
        [waId],
      )
    ).rows[0] as Record<string, unknown>;
    return {
      waId: String(row.wa_id),
      profileName: (row.profile_name as string | null) ?? null,
      locale: String(row.locale),
      step: row.step as Record<string, unknown>,
      stepNumber: Number(row.step_number),
      lastInboundAt: (row.last_inbound_at as Date | null) ?? null,
    };
  }
}
