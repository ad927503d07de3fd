import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { paginate, type Page, type PageQuery } from '../http/pagination.js';
import type { Actor } from '../actor.js';
import { AuditEntry } from './audit-entry.entity.js';

export interface AuditedChange {
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  /** The record as the API shows it (never with secrets); null for a creation. */
  readonly before: object | null;
  /** Null for a deletion. */
  readonly after: object | null;
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorKeyId?: string;
  action?: string;
}

/** Writes audit entries inside the caller's transaction, so a write and its record commit together. */
@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  async record(manager: EntityManager, actor: Actor, change: AuditedChange): Promise<void> {
    const entry: Partial<AuditEntry> = {
      actorRole: actor.role,
      actorKeyId: actor.keyId,
      requestId: actor.requestId ?? null,
      action: change.action,
      entityType: change.entityType,
      entityId: change.entityId,
      before: change.before ? toJson(change.before) : null,
      after: change.after ? toJson(change.after) : null,
    };
    await manager.getRepository(AuditEntry).insert(entry as never);
  }

  async list(filter: AuditFilter, page: PageQuery): Promise<Page<AuditEntry>> {
    const query = this.dataSource.getRepository(AuditEntry).createQueryBuilder('entry');
    if (filter.entityType) query.andWhere('entry.entityType = :entityType', { entityType: filter.entityType });
    if (filter.entityId) query.andWhere('entry.entityId = :entityId', { entityId: filter.entityId });
    if (filter.actorKeyId) query.andWhere('entry.actorKeyId = :actorKeyId', { actorKeyId: filter.actorKeyId });
    if (filter.action) query.andWhere('entry.action = :action', { action: filter.action });
    return paginate(query, 'entry', page);
  }
}

function toJson(value: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}
