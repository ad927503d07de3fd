import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A running process of the marketplace and the roles it serves; kept fresh by its heartbeat. */
@Entity('platform_instance')
export class Instance {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text', array: true })
  roles: string[];

  @Column({ type: 'text' })
  hostname: string;

  @Column({ type: 'integer' })
  pid: number;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'timestamptz' })
  heartbeatAt: Date;
}
