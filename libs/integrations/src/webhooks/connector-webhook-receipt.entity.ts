import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ConnectorConfig } from '../connector-configs/connector-config.entity.js';

/**
 * A shop system's webhook delivery that Souk applied. A later delivery to the same config is a
 * replay, answered 200 and applied no more, when it carries the same delivery id (shops retry, and
 * resend on request) or the same body: the shops sign the body and not the id header, so a signed
 * body sent again under a new or missing id is still the same delivery.
 */
@Entity('connector_webhook_receipt')
@Index('idx_connector_webhook_receipt_received', ['receivedAt'])
@Index('uq_connector_webhook_receipt_delivery', ['configId', 'deliveryId'], { unique: true })
@Index('uq_connector_webhook_receipt_body', ['configId', 'bodySha256'], { unique: true })
export class ConnectorWebhookReceipt {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id: string;
  @Column({ type: 'uuid' }) configId: string;
  @ManyToOne(() => ConnectorConfig, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'config_id', foreignKeyConstraintName: 'fk_connector_webhook_receipt_config' })
  config?: ConnectorConfig;
  /** The shop's delivery id, when it sent one. */
  @Column({ type: 'text', nullable: true }) deliveryId: string | null;
  /** SHA-256 of the exact body; null only for receipts kept from before it was recorded. */
  @Column({ type: 'bytea', nullable: true }) bodySha256: Buffer | null;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) receivedAt: Date;
}
