import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../clock/clock-timestamps';

export type MailOutboxState = 'pending' | 'sending' | 'sent' | 'failed' | 'dead' | 'cancelled' | 'superseded';

/** What produced a message: a one-off (password reset, invitation), or the reminders planner. */
export type MailOutboxKind = 'message' | 'reminder' | 'digest' | 'status' | 'catchup';

/**
 * An email waiting to be sent (or already sent). Writers only insert `pending` rows, inside their
 * own transaction; a sender claims them later. The unique dedupe key makes enqueueing idempotent.
 */
@Entity({ name: 'mail_outbox' })
@Index('mail_outbox_dedupe_key', ['dedupeKey'], { unique: true })
@Index('mail_outbox_state_idx', ['state', 'createdAt'])
// The senders' claim query: unsent rows whose next attempt is due (reminders library).
@Index('mail_outbox_claim_idx', ['nextAttemptAt'], { where: `"state" IN ('pending', 'failed')` })
@Index('mail_outbox_recipient_idx', ['recipientId', 'createdAt'])
// The planner's search for reminders that missed their day.
@Index('mail_outbox_stale_idx', ['staleAt'], { where: `"state" IN ('pending', 'failed')` })
export class MailOutboxEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 320 })
  recipient!: string;

  @Column({ type: 'varchar', length: 300 })
  subject!: string;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'text' })
  html!: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  state!: MailOutboxState;

  @Column({ name: 'dedupe_key', type: 'varchar', length: 200 })
  dedupeKey!: string;

  @CreatedAtColumn({ name: 'created_at' })
  createdAt!: Date;

  // Delivery model, used by the sender in libs/api/reminders. Defaults keep `enqueue` above unchanged.

  @Column({ type: 'varchar', length: 16, default: 'message' })
  kind!: MailOutboxKind;

  /** The user the mail is for, when it is for a user (reminders); no foreign key, core knows no users. */
  @Column({ name: 'recipient_id', type: 'uuid', nullable: true })
  recipientId!: string | null;

  /** Why it was sent, e.g. `due_in_7`, `digest`, `status_change`. */
  @Column({ type: 'varchar', length: 40, default: '' })
  reason!: string;

  /** What a reminder covers (commitment, reason, due date...), as planned. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  items!: unknown[];

  /** The recipient's local day the reminder was planned for. */
  @Column({ name: 'local_date', type: 'date', nullable: true })
  localDate!: string | null;

  /** RFC 8058 one-click unsubscribe target, sent as List-Unsubscribe. */
  @Column({ name: 'unsubscribe_url', type: 'varchar', length: 2000, nullable: true })
  unsubscribeUrl!: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** null: as soon as possible. */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'message_id', type: 'varchar', length: 300, nullable: true })
  messageId!: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'claimed_by', type: 'varchar', length: 120, nullable: true })
  claimedBy!: string | null;

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt!: Date | null;

  /**
   * A reminder's text holds for the recipient's local day it was planned for; from this instant (the end of that
   * day in their time zone) it is not sent as it is: the planner replaces it with a catch-up mail (`superseded`).
   */
  @Column({ name: 'stale_at', type: 'timestamptz', nullable: true })
  staleAt!: Date | null;

  /** The catch-up mail that replaced this one. */
  @Column({ name: 'superseded_by', type: 'uuid', nullable: true })
  supersededBy!: string | null;
}
