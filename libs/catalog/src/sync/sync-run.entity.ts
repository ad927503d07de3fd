import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ConnectorConfig } from '#integrations';

export const SYNC_RUN_STATUSES = ['queued', 'running', 'succeeded', 'not_modified', 'failed'] as const;
export type SyncRunStatus = (typeof SYNC_RUN_STATUSES)[number];
export const SYNC_TRIGGERS = ['schedule', 'manual', 'upload', 'webhook'] as const;
export type SyncTrigger = (typeof SYNC_TRIGGERS)[number];
export type SyncMode = 'full' | 'incremental';

/** One sync of one connector config: its progress, counts and outcome. */
@Entity('sync_run')
@Index('idx_sync_run_config', ['configId', 'createdAt'])
// At most one queued or running sync per config, whatever the number of instances.
@Index('uq_sync_run_active_per_config', ['configId'], { unique: true, where: "status IN ('queued', 'running')" })
export class SyncRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  configId: string;

  @ManyToOne(() => ConnectorConfig, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'config_id', foreignKeyConstraintName: 'fk_sync_run_config' })
  config?: ConnectorConfig;

  @Column({ type: 'uuid' })
  retailerId: string;

  @Column({ type: 'text' })
  mode: SyncMode;

  @Column({ type: 'text' })
  trigger: SyncTrigger;

  @Column({ type: 'text', default: 'queued' })
  status: SyncRunStatus;

  @Column({ type: 'uuid', nullable: true })
  uploadId: string | null;

  @Column({ type: 'integer', default: 0 }) readCount: number;
  @Column({ type: 'integer', default: 0 }) createdCount: number;
  @Column({ type: 'integer', default: 0 }) updatedCount: number;
  @Column({ type: 'integer', default: 0 }) unchangedCount: number;
  @Column({ type: 'integer', default: 0 }) removedCount: number;
  @Column({ type: 'integer', default: 0 }) failedCount: number;
  @Column({ type: 'integer', default: 0 }) warningCount: number;

  /** Why the run failed, in words a retailer can act on. */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  /** Bumped by the worker while the run is alive. */
  @Column({ type: 'timestamptz', nullable: true })
  heartbeatAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
