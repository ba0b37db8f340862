import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type MailOutboxState = 'pending' | 'sending' | 'sent' | 'failed' | 'dead' | 'cancelled';

/** What produced a message: a one-off (password reset, invitation), or the reminders planner. */
export type MailOutboxKind = 'message' | 'reminder' | 'digest' | 'status';

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

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
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
}
