import { CreatedAtColumn, UpdatedAtColumn } from '@pactwatch/api/core';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { AgreementEntity } from './agreement.entity';

/** A dated event deadlines count from, e.g. "MoU signed". A null date means pending. */
@Entity({ name: 'anchor_events' })
@Index('anchor_events_agreement_idx', ['agreementId'])
export class AnchorEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'agreement_id', type: 'uuid', nullable: true })
  agreementId!: string | null;

  @ManyToOne(() => AgreementEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'agreement_id', foreignKeyConstraintName: 'anchor_events_agreement_fk' })
  agreement?: AgreementEntity | null;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'occurred_on', type: 'date', nullable: true })
  occurredOn!: string | null;

  @Column({ type: 'text', default: '' })
  note!: string;

  @VersionColumn()
  version!: number;

  @CreatedAtColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdatedAtColumn({ name: 'updated_at' })
  updatedAt!: Date;
}

/** Every change of an anchor event's date, kept for provenance. */
@Entity({ name: 'anchor_event_changes' })
@Index('anchor_event_changes_event_idx', ['anchorEventId', 'changedAt'])
export class AnchorEventChangeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'anchor_event_id', type: 'uuid' })
  anchorEventId!: string;

  @ManyToOne(() => AnchorEventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'anchor_event_id', foreignKeyConstraintName: 'anchor_event_changes_event_fk' })
  anchorEvent?: AnchorEventEntity;

  @Column({ name: 'previous_date', type: 'date', nullable: true })
  previousDate!: string | null;

  @Column({ name: 'new_date', type: 'date', nullable: true })
  newDate!: string | null;

  @Column({ type: 'text', default: '' })
  reason!: string;

  @Column({ name: 'changed_by', type: 'uuid', nullable: true })
  changedBy!: string | null;

  /** Who changed it, in words (kept even if the user is later removed). */
  @Column({ name: 'changed_by_label', type: 'varchar', length: 320, nullable: true })
  changedByLabel!: string | null;

  @CreatedAtColumn({ name: 'changed_at' })
  changedAt!: Date;
}
