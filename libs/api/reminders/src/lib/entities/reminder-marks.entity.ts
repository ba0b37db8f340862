import { UserEntity } from '@pactwatch/api/auth';
import { CommitmentEntity } from '@pactwatch/api/commitments';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * What the planner last saw of an open commitment in its window: a fingerprint of everything that decides who
 * is reminded of it and for which due date (due date, agreement, areas, owner, assignees, watchers), and the
 * planning pass that first saw this fingerprint. A pass re-checks the recipients of the commitments marked
 * after the recipient's own mark; for the others it only looks at what the passing days bring.
 */
@Entity({ name: 'reminder_commitment_marks' })
export class ReminderCommitmentMarkEntity {
  @PrimaryColumn({ name: 'commitment_id', type: 'uuid', primaryKeyConstraintName: 'reminder_commitment_marks_pkey' })
  commitmentId!: string;

  @ManyToOne(() => CommitmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'commitment_id', foreignKeyConstraintName: 'reminder_commitment_marks_commitment_fk' })
  commitment?: CommitmentEntity;

  @Column({ type: 'varchar', length: 32 })
  fingerprint!: string;

  @Column({ type: 'integer' })
  pass!: number;
}

/**
 * The last planning pass that planned every deadline reminder due to a recipient, their local day then, and a
 * fingerprint of what their reminders depend on besides the commitments (rule, time zone, digest lookahead, the
 * agreements and areas they watch). A recipient without a mark, or whose fingerprint changed, is planned in full.
 */
@Entity({ name: 'reminder_recipient_marks' })
export class ReminderRecipientMarkEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'reminder_recipient_marks_pkey' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'reminder_recipient_marks_user_fk' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 32 })
  fingerprint!: string;

  @Column({ name: 'local_day', type: 'date' })
  localDay!: string;

  @Column({ type: 'integer' })
  pass!: number;
}
