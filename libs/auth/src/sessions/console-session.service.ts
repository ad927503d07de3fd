import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, ProblemException, type Actor } from '#platform';
import { ApiKeyService } from '../api-key.service.js';
import { ConsoleSession } from './console-session.entity.js';
import { ConsoleSessionView } from './console-session.dto.js';
import { csrfTokenFor, generateSessionToken, hashSessionToken, looksLikeSessionToken } from './session-token.js';

/** A session can be used for this long after sign-in, however active. */
export const SESSION_LIFETIME_SECONDS = 12 * 60 * 60;
/** A session nobody used for this long has ended. */
export const SESSION_IDLE_SECONDS = 2 * 60 * 60;
/** How often a session's last use is written at most. */
const LAST_SEEN_RESOLUTION_SECONDS = 60;

export interface OpenedSession {
  readonly token: string;
  readonly view: ConsoleSessionView;
}

export interface SessionCaller {
  readonly actor: Actor;
  readonly sessionId: string;
}

interface ActiveSession {
  readonly sessionId: string;
  readonly expiresAt: Date;
  readonly keyId: string;
  readonly keyName: string;
  readonly role: 'operator' | 'retailer';
  readonly retailerId: string | null;
  readonly retailerName: string | null;
}

/**
 * Console sign-in: an operator or retailer key is exchanged for a server-side session, so the key
 * itself stays out of the browser. The session acts with the key's role and scope, and ends when
 * the key is revoked, at logout, after two idle hours, or twelve hours after sign-in.
 */
@Injectable()
export class ConsoleSessionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: ApiKeyService,
    private readonly audit: AuditService,
  ) {}

  async signIn(apiKey: string, requestId: string): Promise<OpenedSession> {
    const authenticated = await this.keys.authenticate(apiKey, requestId);
    if (!authenticated) {
      throw new ProblemException(
        HttpStatus.UNAUTHORIZED,
        'unauthorized',
        'Unauthorized',
        'The API key is not valid or has been revoked.',
      );
    }
    const { actor } = authenticated;
    if (actor.role !== 'operator' && actor.role !== 'retailer') {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'console-not-for-channels',
        'Forbidden',
        'The console is for operators and retailers; a channel key works only with the channel API.',
      );
    }
    const token = generateSessionToken();
    const session = await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `DELETE FROM console_session WHERE expires_at < now() OR last_seen_at < now() - make_interval(secs => $1)`,
        [SESSION_IDLE_SECONDS],
      );
      const saved = await manager.save(
        manager.create(ConsoleSession, {
          tokenHash: hashSessionToken(token),
          apiKeyId: actor.keyId!,
          lastSeenAt: new Date(),
          expiresAt: new Date(Date.now() + SESSION_LIFETIME_SECONDS * 1000),
        }),
      );
      await this.audit.record(manager, actor, {
        action: 'console_session.open',
        entityType: 'console_session',
        entityId: saved.id,
        before: null,
        after: { expiresAt: saved.expiresAt },
      });
      return saved;
    });
    const row = await this.find(token);
    if (!row || row.sessionId !== session.id) throw new Error('a console session just opened could not be read back');
    return { token, view: viewOf(row, token) };
  }

  /** The caller a session token stands for, or null when the session has ended (or never was). */
  async authenticate(token: string, requestId: string): Promise<SessionCaller | null> {
    const row = await this.find(token);
    if (!row) return null;
    void this.touch(row.sessionId);
    return {
      sessionId: row.sessionId,
      actor: { role: row.role, keyId: row.keyId, retailerId: row.retailerId, channelId: null, requestId },
    };
  }

  async describe(token: string): Promise<ConsoleSessionView | null> {
    const row = await this.find(token);
    return row ? viewOf(row, token) : null;
  }

  async signOut(actor: Actor, sessionId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const deleted = (await manager.query(`DELETE FROM console_session WHERE id = $1 RETURNING id`, [sessionId])) as [
        unknown[],
        number,
      ];
      if (deleted[1] > 0) {
        await this.audit.record(manager, actor, {
          action: 'console_session.close',
          entityType: 'console_session',
          entityId: sessionId,
          before: {},
          after: null,
        });
      }
    });
  }

  private async find(token: string): Promise<ActiveSession | null> {
    if (!looksLikeSessionToken(token)) return null;
    const session = await this.dataSource
      .getRepository(ConsoleSession)
      .createQueryBuilder('session')
      .innerJoinAndSelect('session.apiKey', 'key', 'key.revokedAt IS NULL')
      .leftJoinAndSelect('key.retailer', 'retailer')
      .where('session.tokenHash = :hash', { hash: hashSessionToken(token) })
      .andWhere('session.expiresAt > now()')
      .andWhere('session.lastSeenAt > now() - make_interval(secs => :idle)', { idle: SESSION_IDLE_SECONDS })
      .getOne();
    const key = session?.apiKey;
    if (!session || !key || (key.role !== 'operator' && key.role !== 'retailer')) return null;
    return {
      sessionId: session.id,
      expiresAt: session.expiresAt,
      keyId: key.id,
      keyName: key.name,
      role: key.role,
      retailerId: key.retailerId,
      retailerName: key.retailer?.name ?? null,
    };
  }

  private async touch(sessionId: string): Promise<void> {
    await this.dataSource
      .query(
        `UPDATE console_session SET last_seen_at = now()
          WHERE id = $1 AND last_seen_at < now() - make_interval(secs => $2)`,
        [sessionId, LAST_SEEN_RESOLUTION_SECONDS],
      )
      .catch(() => undefined);
  }
}

function viewOf(row: ActiveSession, token: string): ConsoleSessionView {
  return Object.assign(new ConsoleSessionView(), {
    role: row.role,
    retailerId: row.retailerId,
    retailerName: row.retailerName,
    keyName: row.keyName,
    csrfToken: csrfTokenFor(token),
    expiresAt: row.expiresAt,
  });
}
