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
  /**
   * The commitment's progress, 0–100, as recorded with its status updates: the one every page, sort and
   * export calls "progress".
   */
  progress: number;
  /**
   * Its milestones' progress rolled up (labelled so wherever it is shown) when it has children, else its
   * own progress.
   */
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

/** The deadline kinds as the forms name them; the CSV import takes these words as well as the codes. */
export const DEADLINE_KIND_LABELS = {
  none: 'No deadline',
  absolute: 'A date',
  relative: 'A period after an anchor event',
  recurring: 'Recurring',
} as const satisfies Record<DeadlineSpec['kind'], string>;

/** Other words the CSV import takes for a deadline kind (compared without case). */
export const DEADLINE_KIND_SYNONYMS: Record<DeadlineSpec['kind'], readonly string[]> = {
  none: ['None', 'No date'],
  absolute: ['By a date', 'Date', 'Fixed date', 'By'],
  relative: ['After an event', 'Period after an event', 'Relative', 'Within'],
  recurring: ['Repeating', 'Every', 'Renewal'],
};

/** The precisions of a date deadline as the forms name them. */
export const DATE_PRECISION_LABELS = {
  day: 'Exact day',
  month: 'End of month',
  quarter: 'End of quarter',
  year: 'End of year',
} as const;

/** What each CSV column holds, for the import page and the downloadable template. */
export const COMMITMENT_CSV_COLUMN_HELP: Record<CommitmentCsvColumn, string> = {
  ref_code: 'Required. The reference code, e.g. AZ-US-2025-01. An existing code updates that commitment (when updates are allowed).',
  title: 'Required. What was promised, in a line.',
  description: 'Optional longer text.',
  agreement: 'Required. The agreement’s title; a new title creates the agreement.',
  agreement_kind:
    'For a new agreement: MoU, Treaty, Joint declaration, Law, Executive order, Communiqué, Statement or Other (or the codes mou, treaty, …).',
  agreement_signed_on: 'For a new agreement: the date signed, YYYY-MM-DD.',
  parent_ref_code: 'Optional. The reference code of the commitment this one is part of (in the file or already recorded).',
  responsible_body: 'Optional. Who must deliver, in words, e.g. Joint working group.',
  parties: 'Party codes separated by semicolons, e.g. AZ;US. Unknown codes are refused unless you allow creating them.',
  party_names: 'Optional. The names of new parties, in the same order as the codes.',
  areas: 'Policy area slugs separated by semicolons, e.g. energy;trade. Unknown areas are refused unless you allow creating them.',
  area_names: 'Optional. The names of new areas, in the same order as the slugs.',
  deadline_kind: 'No deadline, A date (or By a date), A period after an anchor event (or After an event), or Recurring.',
  deadline_date: 'For a date deadline: YYYY-MM-DD.',
  deadline_precision: 'For a date deadline: Exact day, End of month, End of quarter or End of year.',
  deadline_duration: 'For a period after an event: e.g. 6 months, 90 days, or P6M.',
  deadline_interval: 'For a recurring deadline: e.g. 1 year, 180 days, or P1Y.',
  deadline_start: 'For a recurring deadline without an anchor event: the first date, YYYY-MM-DD.',
  anchor_event: 'For a period after an event: the event’s name, e.g. MoU signed.',
  anchor_event_date: 'The event’s date, YYYY-MM-DD; empty while it is pending.',
  due_date: 'Exported for reading; ignored on import (computed).',
  anchor_pending: 'Exported for reading; ignored on import (computed).',
  deadline_text: 'Exported for reading; ignored on import (computed).',
  flags: 'Exported for reading; ignored on import (computed).',
  status: 'Not started, In progress, At risk, Stalled, Completed, Partially completed or Not pursued (or the codes). Default: Not started.',
  progress: 'A whole number from 0 to 100. Default: 0.',
  rolled_up_progress: 'Exported for reading; ignored on import (computed).',
  last_verified_on: 'When the status was last checked, YYYY-MM-DD. Empty: the day of the import; never: not checked yet.',
  source_quote: 'Optional. The words of the agreement, verbatim.',
  source_locator: 'Optional. Where the quote stands, e.g. Article 2.',
  source_url: 'Optional. An http(s) link to the source.',
  is_example: 'true for illustrative rows; default false.',
};

/** Query parameters of POST /api/commitments/import.csv. */
export interface ImportOptions {
  /** Check only: report what the import would do and change nothing. */
  dryRun?: boolean;
  /** Create the parties and policy areas the file names that do not exist yet (else they are refused). */
  createMissing?: boolean;
  /** Update the commitments whose reference codes exist already (else those rows are refused). */
  updateExisting?: boolean;
}

/** What an import does (or would do) with one row. */
export interface ImportRowResultDto {
  row: number;
  refCode: string;
  action: 'create' | 'update' | 'unchanged';
  /** For an update: the columns that change. */
  changes: string[];
}

/**
 * The result of POST /api/commitments/import.csv. `row` is the spreadsheet row number
 * (the header is row 1); `column` is the CSV column name, or '' for a whole-row problem.
 */
export interface ImportReportDto {
  dryRun: boolean;
  /** Rows created or updated (with dryRun: how many would be); 0 when there are errors. */
  imported: number;
  rows: number;
  errors: { row: number; column: string; message: string }[];
  created: number;
  updated: number;
  unchanged: number;
  /** Parties and policy areas the import creates (only with createMissing). */
  createdParties: string[];
  createdAreas: string[];
  /** Row by row, when there are no errors. */
  results: ImportRowResultDto[];
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
