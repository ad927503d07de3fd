import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import {
  AuditService,
  PG_FOREIGN_KEY_VIOLATION,
  ProblemException,
  paginate,
  updateAudited,
  violatedConstraint,
  withAdvisoryLock,
  type Actor,
  type CallerChannel,
  type FieldError,
  type KeyRole,
  type Page,
} from '#platform';
import { ApiKeyView, CreatedApiKeyView, type ApiKeyListQuery, type CreateApiKeyBody } from './api-key.dto.js';
import { ApiKey } from './api-key.entity.js';
import { describeApiKey, generateApiKey, hashApiKey, looksLikeApiKey } from './api-key-secret.js';

/** How often a key's last use is written at most; every request would be too many writes. */
const LAST_USED_RESOLUTION_SECONDS = 60;

@Injectable()
export class ApiKeyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, body: CreateApiKeyBody): Promise<CreatedApiKeyView> {
    const scopeErrors = scopeProblems(body);
    if (scopeErrors.length > 0) throw ProblemException.validation(scopeErrors);
    const generated = generateApiKey(body.role);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const view = await this.insert(manager, actor, body, generated);
        return Object.assign(new CreatedApiKeyView(), view, { key: generated.key });
      });
    } catch (error) {
      const constraint = violatedConstraint(error, PG_FOREIGN_KEY_VIOLATION);
      if (constraint === 'fk_api_key_retailer') {
        throw ProblemException.unprocessable(
          [{ field: 'retailerId', message: 'no retailer has this id' }],
          'The key names a retailer that does not exist.',
        );
      }
      if (constraint === 'fk_api_key_channel') {
        throw ProblemException.unprocessable(
          [{ field: 'channelId', message: 'no channel has this id' }],
          'The key names a channel that does not exist.',
        );
      }
      throw error;
    }
  }

  async list(query: ApiKeyListQuery): Promise<Page<ApiKeyView>> {
    const builder = this.dataSource.getRepository(ApiKey).createQueryBuilder('key');
    if (query.role) builder.andWhere('key.role = :role', { role: query.role });
    if (query.retailerId) builder.andWhere('key.retailerId = :retailerId', { retailerId: query.retailerId });
    if (query.channelId) builder.andWhere('key.channelId = :channelId', { channelId: query.channelId });
    if (!query.includeRevoked) builder.andWhere('key.revokedAt IS NULL');
    const page = await paginate(builder, 'key', query);
    return { items: page.items.map((key) => ApiKeyView.of(key)), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<ApiKeyView> {
    const key = await this.dataSource.getRepository(ApiKey).findOne({ where: { id } });
    if (!key) throw ProblemException.notFound(`API key ${id}`);
    return ApiKeyView.of(key);
  }

  /** Revokes a key at once. Revoking a revoked key changes nothing; the last operator key stays. */
  async revoke(actor: Actor, id: string): Promise<ApiKeyView> {
    return withAdvisoryLock(this.dataSource, 'souk.api-key.revoke', () =>
      this.dataSource.transaction((manager) =>
        updateAudited(manager, this.audit, actor, {
          entity: ApiKey,
          entityType: 'api_key',
          id,
          action: 'api_key.revoke',
          view: ApiKeyView.of,
          apply: (key) => {
            key.revokedAt ??= new Date();
          },
        }).then(async (view) => {
          await this.assertAnOperatorKeyRemains(manager);
          return view;
        }),
      ),
    );
  }

  /**
   * The caller a key stands for, or null when the key is unknown or revoked; with, for a channel key, its channel's
   * settings and whether it is paused. With `countIn`, a channel key's request is also counted in the rate window
   * of that many seconds it falls in. One statement: a channel's request costs one round trip before its own work.
   */
  async authenticate(
    token: string,
    requestId?: string,
    { countIn }: { countIn?: number } = {},
  ): Promise<AuthenticatedKey | null> {
    if (!looksLikeApiKey(token)) return null;
    const [row] = (await this.dataSource.query(AUTHENTICATE_SQL, [hashApiKey(token), countIn ?? null])) as KeyRow[];
    if (!row) return null;
    // The row just read says whether the last use is already recorded closely enough: most requests write nothing.
    if (!usedWithin(row.last_used_at, LAST_USED_RESOLUTION_SECONDS)) void this.touch(row.id);
    const channel: CallerChannel | undefined =
      row.locale === null
        ? undefined
        : {
            locale: row.locale,
            currency: row.currency!,
            whatsappNumber: row.whatsapp_number,
            whatsappCatalogId: row.whatsapp_catalog_id,
          };
    return {
      actor: {
        role: row.role as KeyRole,
        keyId: row.id,
        retailerId: row.retailer_id,
        channelId: row.channel_id,
        requestId: requestId ?? null,
        ...(channel ? { channel } : {}),
      },
      channelPaused: row.channel_status === 'paused',
      ...(row.requests === null ? {} : { window: { requests: row.requests, retryAfter: row.retry_after! } }),
    };
  }

  /**
   * On the first start of an empty database, creates the first operator key (the given one, for
   * automated deployments, or a random one) and returns it to be shown once. Returns null when
   * keys exist already. Safe when several instances start at once.
   */
  async createFirstOperatorKey(actor: Actor, given?: string): Promise<string | null> {
    return withAdvisoryLock(this.dataSource, 'souk.first-operator-key', () =>
      this.dataSource.transaction(async (manager) => {
        if ((await manager.count(ApiKey)) > 0) return null;
        const generated = given ? describeApiKey(given) : generateApiKey('operator');
        await this.insert(manager, actor, { name: 'First operator key', role: 'operator' }, generated);
        return generated.key;
      }),
    );
  }

  private async insert(
    manager: EntityManager,
    actor: Actor,
    body: CreateApiKeyBody,
    generated: { prefix: string; secretHash: string },
  ): Promise<ApiKeyView> {
    const saved = await manager.save(
      manager.create(ApiKey, {
        name: body.name,
        role: body.role,
        retailerId: body.retailerId ?? null,
        channelId: body.channelId ?? null,
        prefix: generated.prefix,
        secretHash: generated.secretHash,
        createdByKeyId: actor.keyId,
      }),
    );
    const view = ApiKeyView.of(saved);
    await this.audit.record(manager, actor, {
      action: 'api_key.create',
      entityType: 'api_key',
      entityId: saved.id,
      before: null,
      after: view,
    });
    return view;
  }

  private async assertAnOperatorKeyRemains(manager: EntityManager): Promise<void> {
    const remaining = await manager.count(ApiKey, { where: { role: 'operator', revokedAt: IsNull() } });
    if (remaining === 0) {
      throw ProblemException.conflict(
        'This is the last active operator key; create another operator key before revoking it.',
      );
    }
  }

  private async touch(id: string): Promise<void> {
    await this.dataSource
      .query(
        `UPDATE api_key SET last_used_at = now()
          WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2))`,
        [id, LAST_USED_RESOLUTION_SECONDS],
      )
      .catch(() => undefined);
  }
}

function usedWithin(lastUsedAt: Date | null, seconds: number): boolean {
  return lastUsedAt !== null && Date.now() - lastUsedAt.getTime() < seconds * 1000;
}

export interface AuthenticatedKey {
  readonly actor: Actor;
  readonly channelPaused: boolean;
  /** The channel key's rate window with this request counted, when it was asked for (ChannelRateLimitGuard). */
  readonly window?: RateWindow;
}

export interface RateWindow {
  /** Requests in the window so far, this one included. */
  readonly requests: number;
  /** Seconds until the next window starts. */
  readonly retryAfter: number;
}

/**
 * The active key with the secret hash $1, its channel's settings (channels' public channel_directory), and with
 * $2 seconds given, a channel key's request counted in its fixed window of that length (ChannelRateLimitGuard).
 */
const AUTHENTICATE_SQL = `
  WITH caller AS (
    SELECT k.id, k.role, k.retailer_id, k.channel_id, k.last_used_at, c.status AS channel_status,
           c.locale, c.currency, c.whatsapp_number, c.whatsapp_catalog_id
      FROM api_key k LEFT JOIN channel_directory c ON c.id = k.channel_id
     WHERE k.secret_hash = $1 AND k.revoked_at IS NULL
  ), counted AS (
    INSERT INTO api_key_rate_window (key_id, window_start, requests)
    SELECT caller.id, to_timestamp(floor(extract(epoch FROM now()) / $2::int) * $2::int), 1
      FROM caller WHERE caller.role = 'channel' AND $2::int IS NOT NULL
    ON CONFLICT (key_id, window_start) DO UPDATE SET requests = api_key_rate_window.requests + 1
    RETURNING requests,
              ceil(extract(epoch FROM window_start + make_interval(secs => $2::int) - now()))::int AS retry_after
  )
  SELECT caller.*, counted.requests, counted.retry_after FROM caller LEFT JOIN counted ON true`;

interface KeyRow {
  id: string;
  role: string;
  retailer_id: string | null;
  channel_id: string | null;
  last_used_at: Date | null;
  channel_status: string | null;
  locale: string | null;
  currency: string | null;
  whatsapp_number: string | null;
  whatsapp_catalog_id: string | null;
  requests: number | null;
  retry_after: number | null;
}

function scopeProblems(body: CreateApiKeyBody): FieldError[] {
  const errors: FieldError[] = [];
  const kind = body.role === 'operator' ? 'an operator key' : `a ${body.role} key`;
  const need = (field: 'retailerId' | 'channelId', wanted: boolean) => {
    if (wanted && !body[field]) errors.push({ field, message: `is required for ${kind}` });
    if (!wanted && body[field]) errors.push({ field, message: `is not allowed for ${kind}` });
  };
  need('retailerId', body.role === 'retailer');
  need('channelId', body.role === 'channel');
  return errors;
}
