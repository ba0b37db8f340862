import { UserEntity } from '@pactwatch/api/auth';
import { CommitmentEntity, StatusUpdateEntity } from '@pactwatch/api/commitments';
import { MailOutboxEntity } from '@pactwatch/api/core';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The ledger of reminders planned: one row per (recipient, commitment, reason, due date), or per
 * (recipient, status update) for status-change notices. Its unique key is what makes every reminder
 * go out once, whether alone or inside a digest. A row without a delivery waits for the next digest.
 */
@Entity({ name: 'reminder_items' })
@Index('reminder_items_item_key', ['itemKey'], { unique: true })
@Index('reminder_items_delivery_idx', ['deliveryId'])
@Index('reminder_items_commitment_idx', ['commitmentId'])
@Index('reminder_items_queued_idx', ['userId'], { where: `"delivery_id" IS NULL` })
export class ReminderItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'item_key', type: 'varchar', length: 200 })
  itemKey!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'reminder_items_user_fk' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 16 })
  kind!: 'deadline' | 'status_change';

  @Column({ name: 'commitment_id', type: 'uuid' })
  commitmentId!: string;

  @ManyToOne(() => CommitmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'commitment_id', foreignKeyConstraintName: 'reminder_items_commitment_fk' })
  commitment?: CommitmentEntity;

  @Column({ type: 'varchar', length: 40 })
  reason!: string;

  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate!: string | null;

  @Column({ name: 'status_update_id', type: 'uuid', nullable: true })
  statusUpdateId!: string | null;

  @ManyToOne(() => StatusUpdateEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'status_update_id', foreignKeyConstraintName: 'reminder_items_status_update_fk' })
  statusUpdate?: StatusUpdateEntity | null;

  @Column({ name: 'delivery_id', type: 'uuid', nullable: true })
  deliveryId!: string | null;

  @ManyToOne(() => MailOutboxEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delivery_id', foreignKeyConstraintName: 'reminder_items_delivery_fk' })
  delivery?: MailOutboxEntity | null;

  /** The item as it will be rendered (a ReminderItem). */
  @Column({ type: 'jsonb' })
  snapshot!: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
