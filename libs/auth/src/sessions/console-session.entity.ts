import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { ApiKey } from '../api-key.entity.js';

/**
 * A console sign-in: the browser holds a random token in an HttpOnly cookie, and only its SHA-256
 * is kept here. The session acts as the key it was opened with, so revoking the key ends it.
 */
@Entity('console_session')
@Unique('uq_console_session_token_hash', ['tokenHash'])
@Index('idx_console_session_expires', ['expiresAt'])
export class ConsoleSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'char', length: 64 })
  tokenHash: string;

  @Column({ type: 'uuid' })
  apiKeyId: string;

  @ManyToOne(() => ApiKey, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'api_key_id', foreignKeyConstraintName: 'fk_console_session_api_key' })
  apiKey?: ApiKey;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  /** When the session was last used, written at most once a minute; idle sessions end. */
  @Column({ type: 'timestamptz', precision: 3 })
  lastSeenAt: Date;

  /** The latest moment the session can be used, however active it is. */
  @Column({ type: 'timestamptz', precision: 3 })
  expiresAt: Date;
}
