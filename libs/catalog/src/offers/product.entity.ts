import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * A catalog entry that groups the offers of one item: offers with the same valid GTIN, from any
 * retailers (`gtin:<14 digits>`); the variants of one retailer's item group without GTIN
 * (`group:<retailer>:<item group id>`); or a single offer with neither (`item:<retailer>:<item id>`).
 * Title, price and the rest come from its best offer when read, so nothing here goes stale.
 */
@Entity('product')
@Unique('uq_product_match_key', ['matchKey'])
export class Product {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) matchKey: string;
  @Column({ type: 'char', length: 14, nullable: true }) gtin: string | null;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}
