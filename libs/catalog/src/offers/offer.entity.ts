import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import type { Availability, Condition } from '#domain';
import { ConnectorConfig } from '#integrations';
import { Retailer } from '#retailers';
import { Category } from '../categories/category.entity.js';
import { Product } from './product.entity.js';

/**
 * A retailer's sellable item, normalized. Written only by sync runs (batched upserts keyed by
 * retailer and retailer item id); an item gone from a completed full sync is marked removed, not
 * deleted, so orders can keep pointing at it.
 */
@Entity('offer')
@Unique('uq_offer_retailer_item', ['retailerId', 'retailerItemId'])
@Index('idx_offer_gtin', ['gtin'], { where: 'gtin IS NOT NULL AND removed_at IS NULL' })
@Index('idx_offer_config', ['configId'])
@Index('idx_offer_product', ['productId'])
@Index('idx_offer_category', ['categoryId'], { where: 'removed_at IS NULL' })
// Category remaps and coverage walk a retailer's live offers in id order.
@Index('idx_offer_retailer_live', ['retailerId', 'id'], { where: 'removed_at IS NULL' })
// GIN over search_document, created by the CatalogSearch migration (TypeORM cannot declare GIN).
@Index('idx_offer_search_document', { synchronize: false })
export class Offer {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) retailerId: string;
  @Column({ type: 'text' }) retailerItemId: string;
  /** Set with the rest of the row by each sync (see products/product-matching.ts). */
  @Column({ type: 'uuid', nullable: true }) productId: string | null;
  @ManyToOne(() => Product, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'product_id', foreignKeyConstraintName: 'fk_offer_product' })
  product?: Product;
  /** The connector config whose syncs own this offer. */
  @Column({ type: 'uuid' }) configId: string;
  @ManyToOne(() => Retailer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'retailer_id', foreignKeyConstraintName: 'fk_offer_retailer' })
  retailer?: Retailer;
  @ManyToOne(() => ConnectorConfig, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'config_id', foreignKeyConstraintName: 'fk_offer_config' })
  config?: ConnectorConfig;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ type: 'text' }) link: string;
  @Column({ type: 'text', nullable: true }) imageLink: string | null;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) additionalImageLinks: string[];
  @Column({ type: 'text' }) availability: Availability;
  @Column({ type: 'timestamptz', nullable: true }) availabilityDate: Date | null;
  /** Minor units of `currency`. */
  @Column({ type: 'bigint' }) priceMinor: string;
  @Column({ type: 'char', length: 3 }) currency: string;
  @Column({ type: 'bigint', nullable: true }) salePriceMinor: string | null;
  @Column({ type: 'timestamptz', nullable: true }) saleStartsAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) saleEndsAt: Date | null;
  @Column({ type: 'text', nullable: true }) brand: string | null;
  /** GTIN as 14 digits. */
  @Column({ type: 'char', length: 14, nullable: true }) gtin: string | null;
  @Column({ type: 'text', nullable: true }) mpn: string | null;
  @Column({ type: 'text' }) condition: Condition;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) categoryPath: string[];
  /** The unified category, set by category resolution; null while unmapped. */
  @Column({ type: 'integer', nullable: true }) categoryId: number | null;
  @ManyToOne(() => Category, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'category_id', foreignKeyConstraintName: 'fk_offer_category' })
  category?: Category;
  @Column({ type: 'text', nullable: true }) googleProductCategory: string | null;
  @Column({ type: 'text', nullable: true }) itemGroupId: string | null;
  @Column({ type: 'jsonb', default: () => "'{}'" }) variantAttributes: Record<string, string>;
  @Column({ type: 'integer', nullable: true }) stockQuantity: number | null;
  @Column({ type: 'text', nullable: true }) language: string | null;
  /**
   * Full-text document over title, brand, category names and description, kept by the trigger
   * `trg_offer_search_document` (migration CatalogSearch); never written by the application.
   */
  @Column({ type: 'tsvector', nullable: true, select: false, insert: false, update: false }) searchDocument:
    string | null;
  /** SHA-256 of the normalized offer; a re-sync that finds the same hash writes nothing. */
  @Column({ type: 'bytea' }) contentHash: Buffer;
  @Column({ type: 'timestamptz', nullable: true }) removedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}
