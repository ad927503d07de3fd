import {
  Check,
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
import { Category } from './category.entity.js';
import type { CategoryRuleKind } from './mapping-rule.js';

/**
 * Maps a retailer's category path (exact or prefix) or a keyword to a unified category. A rule
 * without retailer applies to every retailer; see resolveCategory for how rules take precedence.
 */
@Entity('category_mapping_rule')
@Check('ck_category_mapping_rule_kind', "kind IN ('exact', 'prefix', 'keyword')")
@Index('idx_category_mapping_rule_retailer', ['retailerId'])
@Index('idx_category_mapping_rule_category', ['categoryId'])
export class CategoryMappingRule {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Null: the rule applies to every retailer. */
  @Column({ type: 'uuid', nullable: true }) retailerId: string | null;
  @ManyToOne(() => Retailer, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'retailer_id', foreignKeyConstraintName: 'fk_category_mapping_rule_retailer' })
  retailer?: Retailer;
  @Column({ type: 'text' }) kind: CategoryRuleKind;
  /** Normalized: trimmed, lowercase, path levels joined by ' > ' (see normalizePath). */
  @Column({ type: 'text' }) pattern: string;
  @Column({ type: 'integer' }) categoryId: number;
  @ManyToOne(() => Category, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_id', foreignKeyConstraintName: 'fk_category_mapping_rule_category' })
  category?: Category;
  @Column({ type: 'integer', default: 0 }) priority: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}
