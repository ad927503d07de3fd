import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ConnectorConfig } from '#catalog';

/**
 * A shop system's webhook delivery that Souk applied, by the shop's delivery id: a replayed
 * delivery (shops retry, and resend on request) is answered 200 and applied once.
 */
@Entity('connector_webhook_receipt')
@Index('idx_connector_webhook_receipt_received', ['receivedAt'])
export class ConnectorWebhookReceipt {
  @PrimaryColumn({ type: 'uuid' }) configId: string;
  @ManyToOne(() => ConnectorConfig, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'config_id', foreignKeyConstraintName: 'fk_connector_webhook_receipt_config' })
  config?: ConnectorConfig;
  @PrimaryColumn({ type: 'text' }) deliveryId: string;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) receivedAt: Date;
}
