import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Retailer } from '#retailers';

export const ORDER_METHODS = ['pull', 'webhook', 'connector'] as const;
/**
 * How a retailer receives its orders:
 *   - pull: it lists new orders through the retailer API and acknowledges each (the default);
 *   - webhook: Souk POSTs each order, signed (Standard Webhooks), to its order endpoint;
 *   - connector: a connector config with the `orders` capability places it in its own system.
 */
export type OrderMethod = (typeof ORDER_METHODS)[number];

export const DEFAULT_ACCEPTANCE_MINUTES = 48 * 60;

/** A retailer's order channel and acceptance deadline. A retailer without a row pulls, with the default deadline. */
@Entity('retailer_order_settings')
export class RetailerOrderSettings {
  @PrimaryColumn({ type: 'uuid' }) retailerId: string;
  @OneToOne(() => Retailer, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'retailer_id', foreignKeyConstraintName: 'fk_retailer_order_settings_retailer' })
  retailer?: Retailer;
  @Column({ type: 'text', default: 'pull' }) method: OrderMethod;
  @Column({ type: 'text', nullable: true }) webhookUrl: string | null;
  /** The `whsec_` signing secret of the order webhook, sealed (SecretBox). */
  @Column({ type: 'text', nullable: true }) webhookSecretSealed: string | null;
  @Column({ type: 'uuid', nullable: true }) connectorConfigId: string | null;
  /** Minutes the retailer has to accept an order before it is cancelled. */
  @Column({ type: 'integer', default: DEFAULT_ACCEPTANCE_MINUTES }) acceptanceMinutes: number;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}
