import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';

/**
 * A category of the unified tree. Ids are Google product taxonomy ids, so a feed's
 * `google_product_category` lands on the same category; the tree is seeded by a migration.
 */
@Entity('category')
@Unique('uq_category_path', ['path'])
export class Category {
  /** The Google taxonomy id; not generated. */
  @PrimaryColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer', nullable: true }) parentId: number | null;
  @ManyToOne(() => Category, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_category_parent' })
  parent?: Category;
  /** The last level of the path, e.g. `Clothing`. */
  @Column({ type: 'text' }) name: string;
  /** The whole path as Google writes it, e.g. `Apparel & Accessories > Clothing`. */
  @Column({ type: 'text' }) path: string;
  /** 1 for a root. */
  @Column({ type: 'smallint' }) level: number;
}
