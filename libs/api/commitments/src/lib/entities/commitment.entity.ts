import { CreatedAtColumn, UpdatedAtColumn } from '@pactwatch/api/core';
import type { DeadlineSpec, ImplementationStatus } from '@pactwatch/shared/deadlines';
import { UserEntity } from '@pactwatch/api/auth';
import { Check, Column, Entity, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { AgreementEntity } from './agreement.entity';
import { AnchorEventEntity } from './anchor-event.entity';
import { PartyEntity } from './party.entity';
import { PolicyAreaEntity } from './policy-area.entity';

/**
 * A promise made in an agreement. The deadline spec is stored as written; `due_date` and
 * `anchor_pending` are computed from it (and from the anchor event) and never typed by hand.
 */
@Entity({ name: 'commitments' })
@Index('commitments_ref_code_key', ['refCode'], { unique: true })
@Index('commitments_agreement_idx', ['agreementId'])
@Index('commitments_parent_idx', ['parentId'])
@Index('commitments_anchor_idx', ['anchorEventId'])
@Index('commitments_status_due_idx', ['status', 'dueDate'])
@Index('commitments_due_idx', ['dueDate'])
@Index('commitments_owner_idx', ['ownerId'])
@Index('commitments_updated_idx', ['updatedAt'])
@Index('commitments_last_verified_idx', ['lastVerifiedOn'])
@Index('commitments_title_idx', ['title'])
@Index('commitments_search_idx', { synchronize: false })
/** Partial index on due_date for recurring deadlines, which the daily roll-forward scans. Created in a migration. */
@Index('commitments_recurring_due_idx', { synchronize: false })
@Index('commitments_responsible_body_idx', { synchronize: false })
/** Covering index (status, due_date) INCLUDE (id, last_verified_on, anchor_pending) for the flag counts; see its migration. */
@Index('commitments_flags_idx', { synchronize: false })
@Check('commitments_progress_range', '"progress" BETWEEN 0 AND 100')
export class CommitmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'ref_code', type: 'varchar', length: 64 })
  refCode!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ name: 'agreement_id', type: 'uuid' })
  agreementId!: string;

  @ManyToOne(() => AgreementEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agreement_id', foreignKeyConstraintName: 'commitments_agreement_fk' })
  agreement?: AgreementEntity;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => CommitmentEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'commitments_parent_fk' })
  parent?: CommitmentEntity | null;

  @Column({ name: 'source_quote', type: 'text', default: '' })
  sourceQuote!: string;

  @Column({ name: 'source_locator', type: 'varchar', length: 300, default: '' })
  sourceLocator!: string;

  @Column({ name: 'source_url', type: 'varchar', length: 2000, nullable: true })
  sourceUrl!: string | null;

  @Column({ name: 'responsible_body', type: 'varchar', length: 300, default: '' })
  responsibleBody!: string;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'commitments_owner_fk' })
  owner?: UserEntity | null;

  @Column({ type: 'jsonb', default: () => `'{"kind": "none"}'` })
  deadline!: DeadlineSpec;

  @Column({ name: 'anchor_event_id', type: 'uuid', nullable: true })
  anchorEventId!: string | null;

  @ManyToOne(() => AnchorEventEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'anchor_event_id', foreignKeyConstraintName: 'commitments_anchor_event_fk' })
  anchorEvent?: AnchorEventEntity | null;

  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate!: string | null;

  @Column({ name: 'anchor_pending', type: 'boolean', default: false })
  anchorPending!: boolean;

  @Column({ type: 'varchar', length: 24, default: 'not_started' })
  status!: ImplementationStatus;

  @Column({ type: 'smallint', default: 0 })
  progress!: number;

  @Column({ name: 'last_verified_on', type: 'date', nullable: true })
  lastVerifiedOn!: string | null;

  @Column({ name: 'is_example', type: 'boolean', default: false })
  isExample!: boolean;

  @Column({
    type: 'tsvector',
    select: false,
    insert: false,
    update: false,
    generatedType: 'STORED',
    asExpression: `setweight(to_tsvector('english', coalesce("ref_code", '') || ' ' || coalesce("title", '')), 'A') || setweight(to_tsvector('english', coalesce("description", '')), 'B') || setweight(to_tsvector('english', coalesce("source_quote", '')), 'C')`,
  })
  search?: string;

  @ManyToMany(() => PartyEntity)
  @JoinTable({
    name: 'commitment_parties',
    joinColumn: { name: 'commitment_id', referencedColumnName: 'id', foreignKeyConstraintName: 'commitment_parties_commitment_fk' },
    inverseJoinColumn: { name: 'party_id', referencedColumnName: 'id', foreignKeyConstraintName: 'commitment_parties_party_fk' },
  })
  parties!: PartyEntity[];

  @ManyToMany(() => PolicyAreaEntity)
  @JoinTable({
    name: 'commitment_areas',
    joinColumn: { name: 'commitment_id', referencedColumnName: 'id', foreignKeyConstraintName: 'commitment_areas_commitment_fk' },
    inverseJoinColumn: { name: 'area_id', referencedColumnName: 'id', foreignKeyConstraintName: 'commitment_areas_area_fk' },
  })
  areas!: PolicyAreaEntity[];

  @ManyToMany(() => UserEntity)
  @JoinTable({
    name: 'commitment_assignees',
    joinColumn: { name: 'commitment_id', referencedColumnName: 'id', foreignKeyConstraintName: 'commitment_assignees_commitment_fk' },
    inverseJoinColumn: { name: 'user_id', referencedColumnName: 'id', foreignKeyConstraintName: 'commitment_assignees_user_fk' },
  })
  assignees!: UserEntity[];

  @VersionColumn()
  version!: number;

  @CreatedAtColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdatedAtColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
