import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Whether mail is going out, across every instance (one row, id 1). Senders write it: a successful send clears
 * `failingSince`, a failure that is not the recipient's fault (the server refused the connection or the sign-in,
 * a timeout…) sets it if unset. The health check and the outbox page read it.
 */
@Entity({ name: 'mail_delivery_status' })
export class MailDeliveryStatusEntity {
  @PrimaryColumn({ type: 'smallint', default: 1, primaryKeyConstraintName: 'mail_delivery_status_pkey' })
  id!: number;

  /** The first failed send since the last successful one (null while mail goes out). */
  @Column({ name: 'failing_since', type: 'timestamptz', nullable: true })
  failingSince!: Date | null;

  @Column({ name: 'last_failure_at', type: 'timestamptz', nullable: true })
  lastFailureAt!: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'last_success_at', type: 'timestamptz', nullable: true })
  lastSuccessAt!: Date | null;
}
