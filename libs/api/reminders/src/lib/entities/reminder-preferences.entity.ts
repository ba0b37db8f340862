import { UpdatedAtColumn } from '@pactwatch/api/core';
import { UserEntity } from '@pactwatch/api/auth';
import type { DigestFrequency } from '@pactwatch/shared/contracts';
import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, VersionColumn } from 'typeorm';

export type StatusChangeNotices = 'immediate' | 'digest' | 'off';

/** A user's reminder settings. Users without a row get the defaults (see DEFAULT_PREFERENCES). */
@Entity({ name: 'reminder_preferences' })
export class ReminderPreferencesEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @OneToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'reminder_preferences_user_fk' })
  user?: UserEntity;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ name: 'lead_days', type: 'smallint', array: true, default: () => `'{30,7,1}'` })
  leadDays!: number[];

  @Column({ name: 'on_due_day', type: 'boolean', default: true })
  onDueDay!: boolean;

  /** null: one overdue reminder, no repeats. */
  @Column({ name: 'overdue_repeat_days', type: 'smallint', nullable: true, default: 7 })
  overdueRepeatDays!: number | null;

  @Column({ type: 'varchar', length: 16, default: 'daily' })
  digest!: DigestFrequency;

  @Column({ name: 'send_hour', type: 'smallint', default: 8 })
  sendHour!: number;

  /** IANA zone; null follows the user's account time zone. */
  @Column({ name: 'time_zone', type: 'varchar', length: 64, nullable: true })
  timeZone!: string | null;

  /** No reminders before this local date. */
  @Column({ name: 'paused_until', type: 'date', nullable: true })
  pausedUntil!: string | null;

  @Column({ name: 'status_change_notices', type: 'varchar', length: 16, default: 'immediate' })
  statusChangeNotices!: StatusChangeNotices;

  /** Set by the one-click unsubscribe link (which also turns `enabled` off). */
  @Column({ name: 'unsubscribed_at', type: 'timestamptz', nullable: true })
  unsubscribedAt!: Date | null;

  @VersionColumn()
  version!: number;

  @UpdatedAtColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
