import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Retailer } from '#retailers';

/** One retailer's use of one connector: its settings, sealed secrets, schedule and sync state. */
@Entity('connector_config')
@Index('idx_connector_config_retailer', ['retailerId'])
@Index('idx_connector_config_due', ['nextRunAt'], { where: 'enabled AND next_run_at IS NOT NULL' })
export class ConnectorConfig {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  retailerId: string;

  @ManyToOne(() => Retailer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'retailer_id', foreignKeyConstraintName: 'fk_connector_config_retailer' })
  retailer?: Retailer;

  /** The registered connector's id, e.g. `google-merchant-feed`. */
  @Column({ type: 'text' })
  connectorId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  settings: Record<string, unknown>;

  /** The secrets object as JSON, sealed with the platform key; never returned. */
  @Column({ type: 'text', nullable: true })
  secretsSealed: string | null;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** Minutes between scheduled syncs; null for manual and upload-only configs. */
  @Column({ type: 'integer', nullable: true })
  scheduleIntervalMinutes: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  nextRunAt: Date | null;

  /** Whether a full sync that finds no items may remove the whole catalog. */
  @Column({ type: 'boolean', default: false })
  allowEmptyCatalog: boolean;

  /** The connector's state after the last committed page; where the next read resumes. */
  @Column({ type: 'jsonb', nullable: true })
  checkpoint: unknown;

  /** When the shop's webhooks last reported a change; a sync that started before it is followed by another. */
  @Column({ type: 'timestamptz', nullable: true })
  changesPendingAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
