import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * A model in the catalog: the offers of one item or of the variants of one item, from any retailers. Which product
 * an offer belongs to is decided by product-matching.ts through the keys in product_match_key; `matchKey` is the key
 * the product was created for. Title, price and the rest come from its offers when read, so nothing here goes stale.
 */
@Entity('product')
@Unique('uq_product_match_key', ['matchKey'])
export class Product {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) matchKey: string;
  /** The GTIN of the offer the product was created for, when it had one. */
  @Column({ type: 'char', length: 14, nullable: true }) gtin: string | null;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}
