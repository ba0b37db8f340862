import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The planner's bookkeeping (one row, id 1). */
@Entity({ name: 'reminder_state' })
export class ReminderStateEntity {
  @PrimaryColumn({ type: 'smallint', default: 1 })
  id!: number;

  /** status_updates.created_at up to which status-change notices were planned. */
  @Column({ name: 'status_cursor', type: 'timestamptz', nullable: true })
  statusCursor!: Date | null;

  /** Signed the unsubscribe links of earlier releases when SESSION_SECRET was not set; still accepted for those links. */
  @Column({ name: 'token_secret', type: 'varchar', length: 128, nullable: true })
  tokenSecret!: string | null;

  /**
   * The key of the opaque unsubscribe tokens (AES-256-GCM), generated on first start and kept here, apart from
   * SESSION_SECRET, so rotating that secret leaves every link already mailed working.
   */
  @Column({ name: 'unsubscribe_key', type: 'varchar', length: 128, nullable: true })
  unsubscribeKey!: string | null;

  @Column({ name: 'last_run_at', type: 'timestamptz', nullable: true })
  lastRunAt!: Date | null;

  /** Planning passes so far: numbers the passes for the planning marks (reminder-marks.entity.ts). */
  @Column({ type: 'integer', default: 0 })
  pass!: number;
}
