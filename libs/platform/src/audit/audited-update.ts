import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { ProblemException } from '../http/problem.js';
import type { Actor } from '../actor.js';
import type { AuditService } from './audit.service.js';

export interface AuditedUpdate<E, V> {
  readonly entity: EntityTarget<E>;
  /** The entity's name in audit entries and error messages, e.g. `retailer`. */
  readonly entityType: string;
  readonly id: string;
  readonly action: string;
  /** The API view of the record, which is what the audit log keeps (it never holds secrets). */
  readonly view: (record: E) => V;
  readonly apply: (record: E) => void;
  /** Audit even when the view did not change (a secret was replaced). */
  readonly alwaysAudit?: boolean;
}

/**
 * Loads a record under a row lock, applies a change, saves it and audits it with its view before
 * and after, all in the caller's transaction. A change that alters nothing visible is not audited.
 */
export async function updateAudited<E extends ObjectLiteral, V extends object>(
  manager: EntityManager,
  audit: AuditService,
  actor: Actor,
  update: AuditedUpdate<E, V>,
): Promise<V> {
  const record = await manager.findOne(update.entity, {
    where: { id: update.id } as never,
    lock: { mode: 'pessimistic_write' },
  });
  if (!record) throw ProblemException.notFound(`${capitalize(update.entityType)} ${update.id}`);
  const before = update.view(record);
  update.apply(record);
  const after = update.view(await manager.save(record));
  if (update.alwaysAudit || comparable(before) !== comparable(after)) {
    await audit.record(manager, actor, {
      action: update.action,
      entityType: update.entityType,
      entityId: update.id,
      before,
      after,
    });
  }
  return after;
}

function comparable(view: object): string {
  return JSON.stringify({ ...view, updatedAt: null });
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
