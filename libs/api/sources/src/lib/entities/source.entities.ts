import { AgreementEntity, AnchorEventEntity, CommitmentEntity } from '@pactwatch/api/commitments';
import type { CandidateStatus, DraftDeadline, QuoteRecheck, SourceDocumentKind } from '@pactwatch/shared/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

/** A document an agreement's commitments come from: pasted text, an uploaded file or a fetched URL. */
@Entity({ name: 'source_documents' })
@Index('source_documents_agreement_idx', ['agreementId', 'createdAt'])
@Check('source_documents_kind_check', `"kind" IN ('text', 'file', 'url')`)
export class SourceDocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'agreement_id', type: 'uuid' })
  agreementId!: string;

  @ManyToOne(() => AgreementEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agreement_id', foreignKeyConstraintName: 'source_documents_agreement_fk' })
  agreement?: AgreementEntity;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: SourceDocumentKind;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** One version of a document. Never updated: a new upload is a new version. */
@Entity({ name: 'source_versions' })
@Index('source_versions_document_number_key', ['documentId', 'number'], { unique: true })
export class SourceVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @ManyToOne(() => SourceDocumentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'source_versions_document_fk' })
  document?: SourceDocumentEntity;

  /** 1, 2, 3… per document. */
  @Column({ type: 'int' })
  number!: number;

  @Column({ name: 'media_type', type: 'varchar', length: 120 })
  mediaType!: string;

  @Column({ name: 'file_name', type: 'varchar', length: 300, nullable: true })
  fileName!: string | null;

  @Column({ name: 'source_url', type: 'varchar', length: 2000, nullable: true })
  sourceUrl!: string | null;

  @Column({ name: 'byte_size', type: 'bigint', transformer: { to: (value: number) => value, from: (value: string) => Number(value) } })
  byteSize!: number;

  /** Hex SHA-256 of the original bytes. */
  @Column({ type: 'char', length: 64 })
  sha256!: string;

  /** The extracted plain text (LF line ends, paragraphs separated by a blank line); offsets count into it. */
  @Column({ type: 'text' })
  text!: string;

  /** Paragraph offsets and article numbers: [{ start, end, article }]. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  paragraphs!: { start: number; end: number; article: string | null }[];

  @Column({ name: 'added_by', type: 'uuid', nullable: true })
  addedBy!: string | null;

  @Column({ name: 'added_by_label', type: 'varchar', length: 320 })
  addedByLabel!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** The original bytes of a version, in chunks of at most 1 MiB, so that large files are written and read as streams. */
@Entity({ name: 'source_version_chunks' })
export class SourceVersionChunkEntity {
  @PrimaryColumn({ name: 'version_id', type: 'uuid', primaryKeyConstraintName: 'source_version_chunks_pkey' })
  versionId!: string;

  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'source_version_chunks_pkey' })
  seq!: number;

  @ManyToOne(() => SourceVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'source_version_chunks_version_fk' })
  version?: SourceVersionEntity;

  @Column({ type: 'bytea' })
  data!: Buffer;
}

/** A commitment the extractor proposed from a version; it becomes a commitment only when an analyst accepts it. */
@Entity({ name: 'extraction_candidates' })
@Index('extraction_candidates_version_idx', ['versionId', 'ordinal'], { unique: true })
@Check('extraction_candidates_status_check', `"status" IN ('proposed', 'accepted', 'rejected')`)
export class ExtractionCandidateEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'version_id', type: 'uuid' })
  versionId!: string;

  @ManyToOne(() => SourceVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'extraction_candidates_version_fk' })
  sourceVersion?: SourceVersionEntity;

  @Column({ type: 'int' })
  ordinal!: number;

  @Column({ type: 'varchar', length: 10, default: 'proposed' })
  status!: CandidateStatus;

  @Column({ type: 'text' })
  quote!: string;

  @Column({ name: 'start_offset', type: 'int' })
  start!: number;

  @Column({ name: 'end_offset', type: 'int' })
  end!: number;

  @Column({ type: 'varchar', length: 40, nullable: true })
  article!: string | null;

  @Column({ type: 'int', nullable: true })
  paragraph!: number | null;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ name: 'responsible_body', type: 'varchar', length: 300, default: '' })
  responsibleBody!: string;

  @Column({ name: 'party_codes', type: 'text', array: true, default: () => `'{}'` })
  partyCodes!: string[];

  @Column({ name: 'area_slugs', type: 'text', array: true, default: () => `'{}'` })
  areaSlugs!: string[];

  @Column({ type: 'jsonb' })
  deadline!: DraftDeadline;

  /** The agreement's anchor event the deadline counts from, or… */
  @Column({ name: 'anchor_event_id', type: 'uuid', nullable: true })
  anchorEventId!: string | null;

  @ManyToOne(() => AnchorEventEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'anchor_event_id', foreignKeyConstraintName: 'extraction_candidates_anchor_fk' })
  anchorEvent?: AnchorEventEntity | null;

  /** …the name of a new pending anchor event, created on accept. */
  @Column({ name: 'new_anchor_name', type: 'varchar', length: 200, nullable: true })
  newAnchorName!: string | null;

  @Column({ name: 'anchor_phrase', type: 'varchar', length: 200, nullable: true })
  anchorPhrase!: string | null;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => CommitmentEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'extraction_candidates_parent_fk' })
  parent?: CommitmentEntity | null;

  @Column({ type: 'varchar', length: 80, default: '' })
  cue!: string;

  @Column({ name: 'commitment_id', type: 'uuid', nullable: true })
  commitmentId!: string | null;

  @ManyToOne(() => CommitmentEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'commitment_id', foreignKeyConstraintName: 'extraction_candidates_commitment_fk' })
  commitment?: CommitmentEntity | null;

  @Column({ name: 'decided_by', type: 'varchar', length: 320, nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/**
 * Where a commitment's quote stands in a source document: the version and the offsets into its text.
 * A newer version that no longer holds the quote verbatim sets `pending_version_id` until an analyst decides.
 */
@Entity({ name: 'quote_locators' })
@Index('quote_locators_document_idx', ['documentId'])
export class QuoteLocatorEntity {
  @PrimaryColumn({ name: 'commitment_id', type: 'uuid', primaryKeyConstraintName: 'quote_locators_pkey' })
  commitmentId!: string;

  @ManyToOne(() => CommitmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'commitment_id', foreignKeyConstraintName: 'quote_locators_commitment_fk' })
  commitment?: CommitmentEntity;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @ManyToOne(() => SourceDocumentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'quote_locators_document_fk' })
  document?: SourceDocumentEntity;

  @Column({ name: 'version_id', type: 'uuid' })
  versionId!: string;

  @ManyToOne(() => SourceVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'quote_locators_version_fk' })
  version?: SourceVersionEntity;

  @Column({ name: 'start_offset', type: 'int' })
  start!: number;

  @Column({ name: 'end_offset', type: 'int' })
  end!: number;

  @Column({ type: 'varchar', length: 40, nullable: true })
  article!: string | null;

  @Column({ type: 'int', nullable: true })
  paragraph!: number | null;

  /** A newer version in which the quote changed or disappeared, waiting for the analyst's decision. */
  @Column({ name: 'pending_version_id', type: 'uuid', nullable: true })
  pendingVersionId!: string | null;

  @ManyToOne(() => SourceVersionEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'pending_version_id', foreignKeyConstraintName: 'quote_locators_pending_version_fk' })
  pendingVersion?: SourceVersionEntity | null;

  @Column({ name: 'pending_recheck', type: 'varchar', length: 10, nullable: true })
  pendingRecheck!: QuoteRecheck | null;

  @UpdateDateColumn({ name: 'checked_at', type: 'timestamptz' })
  checkedAt!: Date;
}

export const SOURCE_ENTITIES = [
  SourceDocumentEntity,
  SourceVersionEntity,
  SourceVersionChunkEntity,
  ExtractionCandidateEntity,
  QuoteLocatorEntity,
];
