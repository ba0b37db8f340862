/** Commitments, their status history and evidence, list queries, the dashboard, CSV and the audit log. */
import type { DeadlineSpec, ImplementationStatus, ScheduleFlag } from '@pactwatch/shared/deadlines';
import type { AgreementSummaryDto, AnchorEventDto } from './agreements';
import type { IsoDate, IsoInstant, UserRefDto } from './common';

export interface CommitmentSummaryDto {
  id: string;
  refCode: string;
  title: string;
  agreement: AgreementSummaryDto;
  parentId: string | null;
  responsibleBody: string;
  parties: { id: string; code: string; name: string }[];
  areas: { id: string; slug: string; name: string }[];
  deadline: DeadlineSpec;
  dueDate: IsoDate | null;
  anchorPending: boolean;
  /** Human explanation, e.g. "6 months after MoU signed (8 Aug 2025) → 8 Feb 2026". */
  deadlineText: string;
  status: ImplementationStatus;
  progress: number;
  /** Progress rolled up from children when the commitment has any, else its own. */
  rolledUpProgress: number;
  flags: ScheduleFlag[];
  lastVerifiedOn: IsoDate | null;
  isExample: boolean;
  version: number;
  updatedAt: IsoInstant;
}

export interface EvidenceDto {
  id: string;
  url: string;
  title: string;
  kind: string;
  publishedOn: IsoDate | null;
}

/** `update`: a change of status or progress, or new evidence; `verification`: checked, nothing changed. */
export const STATUS_UPDATE_KINDS = ['update', 'verification'] as const;
export type StatusUpdateKind = (typeof STATUS_UPDATE_KINDS)[number];

export interface StatusUpdateDto {
  id: string;
  kind: StatusUpdateKind;
  commitmentId: string;
  author: string;
  createdAt: IsoInstant;
  effectiveOn: IsoDate;
  statusBefore: ImplementationStatus | null;
  statusAfter: ImplementationStatus;
  progressBefore: number | null;
  progressAfter: number;
  note: string;
  correctsId: string | null;
  evidence: EvidenceDto[];
}

export interface CommitmentDetailDto extends CommitmentSummaryDto {
  description: string;
  sourceQuote: string;
  sourceLocator: string;
  sourceUrl: string | null;
  owner: UserRefDto | null;
  assignees: UserRefDto[];
  anchorEvent: AnchorEventDto | null;
  children: CommitmentSummaryDto[];
  history: StatusUpdateDto[];
  /** Who watches it: names for admins only, an empty list for everyone else (see watcherCount). */
  watchers: UserRefDto[];
  watcherCount: number;
  watchedByMe: boolean;
  createdAt: IsoInstant;
  /** Set when the commitment is archived (only admins can read an archived commitment). */
  archivedAt: IsoInstant | null;
}

/** GET /api/archived-commitments (admins): archived commitments, newest first. */
export interface ArchivedCommitmentDto {
  id: string;
  refCode: string;
  title: string;
  agreementTitle: string;
  archivedAt: IsoInstant;
  /** Who archived it (null when that user was removed). */
  archivedBy: string | null;
  statusUpdates: number;
}

export const COMMITMENT_SORTS = [
  'due_date',
  '-due_date',
  'ref_code',
  '-ref_code',
  'title',
  '-title',
  'status',
  '-status',
  'updated_at',
  '-updated_at',
  'progress',
  '-progress',
  'relevance',
] as const;
export type CommitmentSort = (typeof COMMITMENT_SORTS)[number];

/** Query parameters of GET /api/commitments (all optional, all combinable). Lists are comma-separated in the URL. */
export interface CommitmentQuery {
  status?: ImplementationStatus[];
  flag?: ScheduleFlag[];
  area?: string[]; // slugs
  party?: string[]; // codes
  agreement?: string[]; // ids
  responsibleBody?: string;
  assignee?: string[]; // user ids, or "me"
  dueFrom?: IsoDate;
  dueTo?: IsoDate;
  q?: string;
  sort?: CommitmentSort;
  page?: number; // 1-based
  pageSize?: number; // 1..200
  asOf?: IsoDate;
}

export interface DashboardSummaryDto {
  today: IsoDate;
  timeZone: string;
  asOf: IsoDate | null;
  total: number;
  byStatus: Record<ImplementationStatus, number>;
  byFlag: Record<ScheduleFlag, number>;
  byArea: { slug: string; name: string; total: number; byStatus: Record<ImplementationStatus, number> }[];
  byParty: { code: string; name: string; total: number; byStatus: Record<ImplementationStatus, number> }[];
  nextDeadlines: CommitmentSummaryDto[];
  overdue: CommitmentSummaryDto[];
  recentChanges: RecentChangeDto[];
}

export interface RecentChangeDto {
  at: IsoInstant;
  commitmentId: string;
  refCode: string;
  title: string;
  statusBefore: ImplementationStatus | null;
  statusAfter: ImplementationStatus;
  author: string;
  note: string;
}

export interface EvidenceInput {
  url: string;
  title: string;
  kind?: string; // official_document | official_statement | news_report | dataset | analysis | other
  publishedOn?: IsoDate | null;
}

export interface CreateCommitmentRequest {
  refCode: string;
  title: string;
  description?: string;
  agreementId: string;
  parentId?: string | null;
  sourceQuote?: string;
  sourceLocator?: string;
  sourceUrl?: string | null;
  responsibleBody?: string;
  ownerId?: string | null;
  assigneeIds?: string[];
  partyCodes?: string[];
  areaSlugs?: string[];
  deadline: DeadlineSpec;
  status?: ImplementationStatus;
  progress?: number;
}

/** Every field optional except `version`, the version the analyst started editing from. */
export type UpdateCommitmentRequest = Partial<Omit<CreateCommitmentRequest, 'status' | 'progress'>> & { version: number };

export interface CreateStatusUpdateRequest {
  status: ImplementationStatus;
  progress: number;
  note?: string;
  effectiveOn?: IsoDate;
  evidence?: EvidenceInput[];
  correctsId?: string | null;
  /** The commitment version the analyst saw. */
  version: number;
}

/** POST /api/commitments/:id/verifications: checked today, nothing changed. */
export interface VerifyCommitmentRequest {
  /** What was checked, e.g. "Ministry site, 3 Dec: no news". */
  note?: string;
  version: number;
}

/**
 * The columns of GET /api/commitments/export.csv and POST /api/commitments/import.csv.
 * Lists (parties, areas and their names) are separated by semicolons. The columns marked
 * computed are exported for reading and ignored on import.
 */
export const COMMITMENT_CSV_COLUMNS = [
  'ref_code',
  'title',
  'description',
  'agreement',
  'agreement_kind',
  'agreement_signed_on',
  'parent_ref_code',
  'responsible_body',
  'parties',
  'party_names',
  'areas',
  'area_names',
  'deadline_kind',
  'deadline_date',
  'deadline_precision',
  'deadline_duration',
  'deadline_interval',
  'deadline_start',
  'anchor_event',
  'anchor_event_date',
  'due_date',
  'anchor_pending',
  'deadline_text',
  'flags',
  'status',
  'progress',
  'rolled_up_progress',
  'last_verified_on',
  'source_quote',
  'source_locator',
  'source_url',
  'is_example',
] as const;
export type CommitmentCsvColumn = (typeof COMMITMENT_CSV_COLUMNS)[number];
/** Exported for reading; ignored on import (the API computes them). */
export const COMMITMENT_CSV_COMPUTED_COLUMNS: readonly CommitmentCsvColumn[] = [
  'due_date',
  'anchor_pending',
  'deadline_text',
  'flags',
  'rolled_up_progress',
];

/**
 * The result of POST /api/commitments/import.csv. `row` is the spreadsheet row number
 * (the header is row 1); `column` is the CSV column name, or '' for a whole-row problem.
 */
export interface ImportReportDto {
  dryRun: boolean;
  imported: number;
  rows: number;
  errors: { row: number; column: string; message: string }[];
}

export interface AuditEntryDto {
  id: string;
  at: IsoInstant;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  summary: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Query parameters of GET /api/audit. */
export interface AuditQuery {
  user?: string;
  entityType?: string;
  entityId?: string;
  from?: IsoDate;
  to?: IsoDate;
  page?: number;
  /** 1..200, default 50. */
  pageSize?: number;
}
