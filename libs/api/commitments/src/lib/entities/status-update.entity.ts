import { CreatedAtColumn } from '@pactwatch/api/core';
import type { ImplementationStatus } from '@pactwatch/shared/deadlines';
import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { CommitmentEntity } from './commitment.entity';

export const EVIDENCE_KINDS = ['official_document', 'official_statement', 'news_report', 'dataset', 'analysis', 'other'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Append-only history of a commitment's status. A correction is a new row pointing at the one it corrects. */
@Entity({ name: 'status_updates' })
@Index('status_updates_commitment_idx', ['commitmentId', 'createdAt'])
@Index('status_updates_effective_idx', ['commitmentId', 'effectiveOn', 'createdAt'])
@Index('status_updates_created_idx', ['createdAt'])
export class StatusUpdateEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'commitment_id', type: 'uuid' })
  commitmentId!: string;

  @ManyToOne(() => CommitmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'commitment_id', foreignKeyConstraintName: 'status_updates_commitment_fk' })
  commitment?: CommitmentEntity;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId!: string | null;

  @Column({ name: 'author_label', type: 'varchar', length: 320 })
  authorLabel!: string;

  @CreatedAtColumn({ name: 'created_at' })
  createdAt!: Date;

  /** The calendar date the new status took effect (defaults to the day it was recorded). */
  @Column({ name: 'effective_on', type: 'date' })
  effectiveOn!: string;

  @Column({ name: 'status_before', type: 'varchar', length: 24, nullable: true })
  statusBefore!: ImplementationStatus | null;

  @Column({ name: 'status_after', type: 'varchar', length: 24 })
  statusAfter!: ImplementationStatus;

  @Column({ name: 'progress_before', type: 'smallint', nullable: true })
  progressBefore!: number | null;

  @Column({ name: 'progress_after', type: 'smallint' })
  progressAfter!: number;

  @Column({ type: 'text', default: '' })
  note!: string;

  @Column({ name: 'corrects_id', type: 'uuid', nullable: true })
  correctsId!: string | null;

  @ManyToOne(() => StatusUpdateEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'corrects_id', foreignKeyConstraintName: 'status_updates_corrects_fk' })
  corrects?: StatusUpdateEntity | null;

  @OneToMany(() => EvidenceEntity, (evidence) => evidence.statusUpdate, { cascade: ['insert'] })
  evidence!: EvidenceEntity[];
}

@Entity({ name: 'evidence_links' })
@Index('evidence_links_update_idx', ['statusUpdateId'])
export class EvidenceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'status_update_id', type: 'uuid' })
  statusUpdateId!: string;

  @ManyToOne(() => StatusUpdateEntity, (update) => update.evidence, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'status_update_id', foreignKeyConstraintName: 'evidence_links_update_fk' })
  statusUpdate?: StatusUpdateEntity;

  @Column({ type: 'varchar', length: 2000 })
  url!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'varchar', length: 32, default: 'other' })
  kind!: EvidenceKind;

  @Column({ name: 'published_on', type: 'date', nullable: true })
  publishedOn!: string | null;
}
