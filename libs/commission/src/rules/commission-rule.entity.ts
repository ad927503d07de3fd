import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Fixed fee and caps of a rule in one currency, minor units as decimal strings. */
export interface CurrencyTerms {
  readonly fixedFeeMinor: string;
  readonly minMinor: string | null;
  readonly maxMinor: string | null;
}

/** One band of a tiered rate by the retailer's sales in the calendar month, in one currency's minor units. */
export interface StoredTier {
  /** Null for the open last band. */
  readonly upToMinor: string | null;
  readonly rateBasisPoints: number;
}

/**
 * How much the platform earns on a sale: a rate in basis points (or tiers by the retailer's monthly
 * sales) plus fixed fees and caps per currency, for a scope (any of retailer, unified category
 * with everything below it, channel, brand) and a validity window. The precedence that picks one
 * rule per line is in `#domain` (rule-precedence.ts). Exactly one rule is the platform default: it
 * has no scope and no window, and applies when no other rule matches.
 */
@Entity('commission_rule')
@Check('ck_commission_rule_rate', '"rate_basis_points" BETWEEN 0 AND 10000')
@Check('ck_commission_rule_window', '"valid_to" IS NULL OR "valid_from" IS NULL OR "valid_to" > "valid_from"')
@Check(
  'ck_commission_rule_default_unscoped',
  'NOT "is_default" OR ("retailer_id" IS NULL AND "category_id" IS NULL AND "channel_id" IS NULL AND "brand" IS NULL ' +
    'AND "valid_from" IS NULL AND "valid_to" IS NULL)',
)
@Index('uq_commission_rule_default', ['isDefault'], { unique: true, where: '"is_default"' })
export class CommissionRule {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'boolean', default: false }) isDefault: boolean;
  @Column({ type: 'uuid', nullable: true }) retailerId: string | null;
  @Column({ type: 'integer', nullable: true }) categoryId: number | null;
  @Column({ type: 'uuid', nullable: true }) channelId: string | null;
  @Column({ type: 'text', nullable: true }) brand: string | null;
  @Column({ type: 'integer', default: 0 }) rateBasisPoints: number;
  /** Tiers by monthly sales per currency code; a currency without tiers uses the flat rate. */
  @Column({ type: 'jsonb', nullable: true }) tiers: Record<string, StoredTier[]> | null;
  /** Fixed fee and caps per currency code; a currency not listed has none. */
  @Column({ type: 'jsonb', default: () => "'{}'" }) currencyTerms: Record<string, CurrencyTerms>;
  @Column({ type: 'integer', default: 0 }) priority: number;
  @Column({ type: 'timestamptz', nullable: true }) validFrom: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) validTo: Date | null;
  /** A rule is retired, never deleted: frozen commissions keep pointing at it. */
  @Column({ type: 'timestamptz', nullable: true }) retiredAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}
