import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Product } from './product.entity.js';

/**
 * A key that leads to a product: a retailer's item group (`group:<retailer>:<item group id>`), a GTIN
 * (`gtin:<14 digits>`) or a single item (`item:<retailer>:<item id>`). A product has many (every group and GTIN its
 * offers brought); a key leads to one product, the first that claimed it.
 */
@Entity('product_match_key')
@Index('idx_product_match_key_product', ['productId'])
export class ProductMatchKey {
  @PrimaryColumn({ type: 'text' }) key: string;
  @Column({ type: 'uuid' }) productId: string;
  @ManyToOne(() => Product, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'product_id', foreignKeyConstraintName: 'fk_product_match_key_product' })
  product?: Product;
}
