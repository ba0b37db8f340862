/**
 * The JSON shapes the API returns and accepts. Both the NestJS API and the Angular app use these;
 * neither side ever sees an entity class.
 */
import type { DatePrecision, DeadlineSpec, ImplementationStatus, ScheduleFlag } from '@pactwatch/shared/deadlines';

export type IsoDate = string; // YYYY-MM-DD
export type IsoInstant = string; // 2026-02-08T12:00:00.000Z

export type Role = 'viewer' | 'analyst' | 'admin';
export const ROLES: readonly Role[] = ['viewer', 'analyst', 'admin'];

export const AGREEMENT_KIND_LABELS = {
  mou: 'Memorandum of understanding',
  treaty: 'Treaty',
  joint_declaration: 'Joint declaration',
  law: 'Law',
  executive_order: 'Executive order',
  communique: 'Communiqué',
  statement: 'Statement',
  other: 'Other',
} as const;
export type AgreementKindCode = keyof typeof AGREEMENT_KIND_LABELS;

export interface PartyDto {
  id: string;
  code: string;
  name: string;
  kind: 'country' | 'organisation';
  version: number;
}

export interface PolicyAreaDto {
  id: string;
  slug: string;
  name: string;
  version: number;
}

export interface AgreementSummaryDto {
  id: string;
  title: string;
  kind: AgreementKindCode;
  signedOn: IsoDate | null;
}

export interface AgreementDto extends AgreementSummaryDto {
  sourceUrl: string | null;
  summary: string;
  parties: PartyDto[];
  anchorEvents: AnchorEventDto[];
  commitmentCount: number;
  /** Mean progress of the agreement's top-level commitments, 0–100. */
  progress: number;
  version: number;
  createdAt: IsoInstant;
  updatedAt: IsoInstant;
}

export interface AnchorEventDto {
  id: string;
  agreementId: string | null;
  name: string;
  /** null while the event is pending (not happened yet, or date unknown). */
  occurredOn: IsoDate | null;
  note: string;
  dependentCommitments: number;
  version: number;
}

export interface AnchorEventChangeDto {
  id: string;
  previousDate: IsoDate | null;
  newDate: IsoDate | null;
  reason: string;
  changedBy: string | null;
  changedAt: IsoInstant;
}

/** One anchor event with the history of its date changes, newest first. */
export interface AnchorEventDetailDto extends AnchorEventDto {
  history: AnchorEventChangeDto[];
  createdAt: IsoInstant;
  updatedAt: IsoInstant;
}

/** What saving a new anchor date would do: the deadlines that move. */
export interface AnchorImpactDto {
  anchorEventId: string;
  newDate: IsoDate | null;
  moves: { commitmentId: string; refCode: string; title: string; dueDateBefore: IsoDate | null; dueDateAfter: IsoDate | null }[];
}

export interface UserRefDto {
  id: string;
  displayName: string;
}

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

export interface StatusUpdateDto {
  id: string;
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
  watchers: UserRefDto[];
  watchedByMe: boolean;
  createdAt: IsoInstant;
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

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
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

export interface ProblemDetailsDto {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: { field: string; message: string }[];
  requestId: string;
  current?: unknown;
}

export type { DatePrecision, DeadlineSpec, ImplementationStatus, ScheduleFlag };

// ---------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------

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

export interface CreateAgreementRequest {
  title: string;
  kind: AgreementKindCode;
  signedOn?: IsoDate | null;
  sourceUrl?: string | null;
  summary?: string;
  partyCodes?: string[];
}
export type UpdateAgreementRequest = Partial<CreateAgreementRequest> & { version: number };

export interface CreateAnchorEventRequest {
  agreementId?: string | null;
  name: string;
  occurredOn?: IsoDate | null;
  note?: string;
}

export interface UpdateAnchorEventRequest {
  name?: string;
  /** null marks the event pending. */
  occurredOn?: IsoDate | null;
  note?: string;
  /** Why the date changed, kept in the anchor's history. */
  reason?: string;
  version: number;
}

/** POST /api/parties */
export interface CreatePartyRequest {
  /** ISO 3166 alpha-2 where there is one (AZ, US); otherwise a short upper-case code (EU, NATO). */
  code: string;
  name: string;
  kind?: 'country' | 'organisation';
}
export type UpdatePartyRequest = Partial<CreatePartyRequest> & { version: number };

/** POST /api/areas */
export interface CreatePolicyAreaRequest {
  /** Lower-case words joined by hyphens, e.g. digital-infrastructure. */
  slug: string;
  name: string;
}
export type UpdatePolicyAreaRequest = Partial<CreatePolicyAreaRequest> & { version: number };

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

// ---------------------------------------------------------------------------
// Accounts
// ---------------------------------------------------------------------------

export interface MeDto {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  timeZone: string;
}

export interface SessionStateDto {
  /** null when anonymous. */
  user: MeDto | null;
  publicPortal: boolean;
  workspaceName: string;
  timeZone: string;
}

export interface LoginRequest {
  email: string;
  password: string;
}

/** POST /api/auth/password-reset/request (always answered 202). */
export interface PasswordResetRequest {
  email: string;
}

/** POST /api/auth/password-reset/confirm; `token` comes from the emailed /reset-password?token= link. */
export interface PasswordResetConfirmRequest {
  token: string;
  newPassword: string;
}

/** POST /api/auth/invitations/accept (answers MeDto and signs in); `token` comes from the /accept-invitation?token= link. */
export interface AcceptInvitationRequest {
  token: string;
  password: string;
  displayName?: string;
}

/** PATCH /api/me: only these fields (anything else, such as `role`, is refused with 400). */
export interface UpdateMeRequest {
  displayName?: string;
  timeZone?: string;
}

/** New passwords: at least this many characters (no composition rules). */
export const PASSWORD_MIN_LENGTH = 10;

export interface UserDto extends MeDto {
  disabled: boolean;
  createdAt: IsoInstant;
  version: number;
}

export interface ApiTokenDto {
  id: string;
  name: string;
  prefix: string;
  createdAt: IsoInstant;
  lastUsedAt: IsoInstant | null;
  revokedAt: IsoInstant | null;
}

export interface CreatedApiTokenDto extends ApiTokenDto {
  /** Shown once, at creation. */
  token: string;
}

export interface WorkspaceSettingsDto {
  timeZone: string;
  staleAfterDays: number;
  publicPortal: boolean;
  workspaceName: string;
  version: number;
}

// ---------------------------------------------------------------------------
// Reminders
// ---------------------------------------------------------------------------

export type DigestFrequency = 'immediate' | 'daily' | 'weekly';

export interface ReminderPreferencesDto {
  enabled: boolean;
  leadDays: number[];
  onDueDay: boolean;
  overdueRepeatDays: number | null;
  digest: DigestFrequency;
  sendHour: number;
  timeZone: string;
  pausedUntil: IsoDate | null;
  statusChangeNotices: 'immediate' | 'digest' | 'off';
}

export type WatchTargetType = 'commitment' | 'agreement' | 'area';

export interface WatchDto {
  id: string;
  targetType: WatchTargetType;
  targetId: string;
  label: string;
  createdAt: IsoInstant;
}

/** `cancelled`: planned, then dropped before sending because it no longer applied (or expired unsent). */
export type DeliveryState = 'pending' | 'sending' | 'sent' | 'failed' | 'dead' | 'cancelled';

export interface DeliveryDto {
  id: string;
  recipient: string;
  subject: string;
  reason: string;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: IsoInstant | null;
  lastError: string | null;
  messageId: string | null;
  sentAt: IsoInstant | null;
  createdAt: IsoInstant;
  itemCount: number;
}

export interface DeliveryPreviewDto extends DeliveryDto {
  html: string;
  text: string;
}

// ---------------------------------------------------------------------------
// Request shapes the dashboard sends that had no type yet (added by the web app)
// ---------------------------------------------------------------------------

/** POST /api/auth/password */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** POST /api/me/tokens */
export interface CreateApiTokenRequest {
  name: string;
}

/** POST /api/watches */
export interface CreateWatchRequest {
  targetType: WatchTargetType;
  targetId: string;
}

/** POST /api/users */
export interface CreateUserRequest {
  email: string;
  displayName: string;
  role: Role;
  /** Omitted: the API sends an invitation link instead. */
  password?: string;
}

/** PATCH /api/users/:id */
export type UpdateUserRequest = Partial<Pick<UserDto, 'displayName' | 'role' | 'disabled' | 'timeZone'>> & { version: number };

/** PATCH /api/settings */
export type UpdateWorkspaceSettingsRequest = Partial<Omit<WorkspaceSettingsDto, 'version'>> & { version: number };

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

/** Query parameters of GET /api/outbox. */
export interface OutboxQuery {
  state?: DeliveryState;
  page?: number;
}
