import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { ConnectorConfig } from '#integrations';

/**
 * A catalog file a retailer uploaded (CSV, TSV or XML feed). Kept in the database, in chunks, so
 * any worker instance can read it as a stream.
 */
@Entity('catalog_upload')
@Index('idx_catalog_upload_config', ['configId', 'createdAt'])
export class CatalogUpload {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) configId: string;
  @ManyToOne(() => ConnectorConfig, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'config_id', foreignKeyConstraintName: 'fk_catalog_upload_config' })
  config?: ConnectorConfig;
  @Column({ type: 'uuid' }) retailerId: string;
  @Column({ type: 'text', nullable: true }) contentType: string | null;
  @Column({ type: 'bigint', default: 0 }) sizeBytes: string;
  @Column({ type: 'char', length: 64, nullable: true }) sha256: string | null;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}

@Entity('catalog_upload_chunk')
export class CatalogUploadChunk {
  @PrimaryColumn({ type: 'uuid' }) uploadId: string;
  @ManyToOne(() => CatalogUpload, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'upload_id', foreignKeyConstraintName: 'fk_catalog_upload_chunk_upload' })
  upload?: CatalogUpload;
  @PrimaryColumn({ type: 'integer' }) seq: number;
  @Column({ type: 'bytea' }) data: Buffer;
}
