import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How many requests one API key made in one fixed one-minute window; shared by every instance. */
@Entity('api_key_rate_window')
export class RateLimitWindow {
  @PrimaryColumn({ type: 'uuid' }) keyId: string;
  @PrimaryColumn({ type: 'timestamptz' }) windowStart: Date;
  @Column({ type: 'integer' }) requests: number;
}
