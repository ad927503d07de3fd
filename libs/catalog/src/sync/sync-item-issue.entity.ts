import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { SyncRun } from './sync-run.entity.js';

/** One problem with one item of one sync run: an error (item skipped) or a warning (item kept). */
@Entity('sync_item_issue')
@Index('idx_sync_item_issue_run', ['runId', 'id'])
export class SyncItemIssue {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'uuid' })
  runId: string;

  @ManyToOne(() => SyncRun, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id', foreignKeyConstraintName: 'fk_sync_item_issue_run' })
  run?: SyncRun;

  @Column({ type: 'text', nullable: true })
  itemId: string | null;

  @Column({ type: 'integer', nullable: true })
  line: number | null;

  @Column({ type: 'text' })
  severity: 'error' | 'warning';

  @Column({ type: 'text', nullable: true })
  field: string | null;

  @Column({ type: 'text' })
  message: string;
}
