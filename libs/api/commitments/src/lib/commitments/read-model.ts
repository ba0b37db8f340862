/**
 * The commitments' read model: the statements that load summaries, one commitment in full and its history,
 * and the pure mapping of their rows to response DTOs.
 *
 * Each statement returns one row per commitment (or per status update): parties, areas, assignees, watchers
 * and evidence come back as JSON arrays from correlated subqueries, never as joined rows that multiply.
 * Framework-free (no Nest, no TypeORM), so the services and the benchmark's floor (tools/bench) run the
 * very same SQL.
 */
import type {
  AgreementKindCode,
  AnchorEventDto,
  CommitmentDetailDto,
  CommitmentSummaryDto,
  EvidenceDto,
  StatusUpdateDto,
  StatusUpdateKind,
  UserRefDto,
} from '@pactwatch/shared/contracts';
import { computeScheduleFlags, DeadlineSpec, describeDeadline, FlagOptions, ImplementationStatus } from '@pactwatch/shared/deadlines';
import type { Statement } from './commitment-sql';

/** The values of a commitment that change over time: live from the row, or rebuilt as of a past date. */
export interface CommitmentState {
  status: ImplementationStatus;
  progress: number;
  lastVerifiedOn: string | null;
  dueDate: string | null;
  anchorPending: boolean;
}

export interface MappingContext {
  /** Flags are computed for `flagOptions.today`: today, or the as-of date. */
  flagOptions: FlagOptions;
  rolledUpProgress?: ReadonlyMap<string, number>;
  /** As-of states by commitment id; absent means live. */
  states?: ReadonlyMap<string, CommitmentState>;
}

/** One commitment as the summary statement returns it. */
export interface SummaryRow {
  id: string;
  ref_code: string;
  title: string;
  agreement_id: string;
  agreement_title: string | null;
  agreement_kind: AgreementKindCode | null;
  agreement_signed_on: string | null;
  parent_id: string | null;
  responsible_body: string;
  deadline: DeadlineSpec;
  anchor_event_id: string | null;
  anchor_name: string | null;
  anchor_date: string | null;
  due_date: string | null;
  anchor_pending: boolean;
  status: ImplementationStatus;
  progress: number;
  last_verified_on: string | null;
  is_example: boolean;
  version: number;
  updated_at: Date;
  parties: { id: string; code: string; name: string }[];
  areas: { id: string; slug: string; name: string }[];
  has_children: boolean;
}

/** One commitment in full, as the detail statement returns it. */
export interface DetailRow extends SummaryRow {
  description: string;
  source_quote: string;
  source_locator: string;
  source_url: string | null;
  created_at: Date;
  owner: UserRefDto | null;
  assignees: UserRefDto[];
  anchor_agreement_id: string | null;
  anchor_note: string | null;
  anchor_version: number | null;
  anchor_dependents: number | null;
  watchers: UserRefDto[];
  archived_at: Date | null;
}

/** One status update with its evidence, as the history statement returns it. */
export interface HistoryRow {
  id: string;
  commitment_id: string;
  author_label: string;
  created_at: Date;
  effective_on: string;
  status_before: ImplementationStatus | null;
  status_after: ImplementationStatus;
  progress_before: number | null;
  progress_after: number;
  note: string;
  corrects_id: string | null;
  kind: StatusUpdateKind;
  evidence: EvidenceDto[];
}

const SUMMARY_COLUMNS = `c.id, c.ref_code, c.title, c.agreement_id, ag.title AS agreement_title, ag.kind AS agreement_kind,
    ag.signed_on::text AS agreement_signed_on,
    (SELECT k.id FROM commitments k WHERE k.id = c.parent_id AND k.archived_at IS NULL) AS parent_id, c.responsible_body, c.deadline, c.anchor_event_id, ae.name AS anchor_name,
    ae.occurred_on::text AS anchor_date, c.due_date::text AS due_date, c.anchor_pending, c.status, c.progress,
    c.last_verified_on::text AS last_verified_on, c.is_example, c.version, c.updated_at,
    (SELECT coalesce(json_agg(json_build_object('id', p.id, 'code', p.code, 'name', p.name)), '[]')
       FROM commitment_parties cp JOIN parties p ON p.id = cp.party_id WHERE cp.commitment_id = c.id) AS parties,
    (SELECT coalesce(json_agg(json_build_object('id', a.id, 'slug', a.slug, 'name', a.name)), '[]')
       FROM commitment_areas ca JOIN policy_areas a ON a.id = ca.area_id WHERE ca.commitment_id = c.id) AS areas,
    EXISTS (SELECT 1 FROM commitments k WHERE k.parent_id = c.id AND k.archived_at IS NULL) AS has_children`;

const DETAIL_COLUMNS = `c.description, c.source_quote, c.source_locator, c.source_url, c.created_at, c.archived_at,
    (SELECT json_build_object('id', o.id, 'displayName', o.display_name) FROM users o WHERE o.id = c.owner_id) AS owner,
    (SELECT coalesce(json_agg(json_build_object('id', u.id, 'displayName', u.display_name)), '[]')
       FROM commitment_assignees cu JOIN users u ON u.id = cu.user_id WHERE cu.commitment_id = c.id) AS assignees,
    ae.agreement_id AS anchor_agreement_id, ae.note AS anchor_note, ae.version AS anchor_version,
    (SELECT count(*)::int FROM commitments d WHERE d.anchor_event_id = ae.id AND d.archived_at IS NULL) AS anchor_dependents,
    (SELECT coalesce(json_agg(json_build_object('id', u.id, 'displayName', u.display_name) ORDER BY u.display_name, u.id), '[]')
       FROM watches w JOIN users u ON u.id = w.user_id
      WHERE w.target_type = 'commitment' AND w.target_id = c.id AND u.disabled_at IS NULL) AS watchers`;

const JOINS = `LEFT JOIN agreements ag ON ag.id = c.agreement_id LEFT JOIN anchor_events ae ON ae.id = c.anchor_event_id`;

/** The summaries of the given commitments (in no particular order). */
export function summaryStatement(ids: readonly string[]): Statement {
  return { sql: `SELECT ${SUMMARY_COLUMNS} FROM commitments c ${JOINS} WHERE c.id = ANY($1::uuid[])`, values: [ids] };
}

/** One commitment in full, by id or by reference code. */
export function detailStatement(by: { id: string } | { refCode: string }): Statement {
  const where = 'id' in by ? 'c.id = $1::uuid' : 'c.ref_code = $1';
  return {
    sql: `SELECT ${SUMMARY_COLUMNS}, ${DETAIL_COLUMNS} FROM commitments c ${JOINS} WHERE ${where}`,
    values: ['id' in by ? by.id : by.refCode],
  };
}

/** A commitment's status history, newest first (by effective day, then by when it was recorded); up to a day if given. */
export function historyStatement(commitmentId: string, upTo?: string): Statement {
  return {
    sql: `SELECT s.id, s.commitment_id, s.author_label, s.created_at, s.effective_on::text AS effective_on, s.status_before, s.status_after,
       s.progress_before, s.progress_after, s.note, s.corrects_id, s.kind,
       (SELECT coalesce(json_agg(json_build_object('id', e.id, 'url', e.url, 'title', e.title, 'kind', e.kind, 'publishedOn', e.published_on)), '[]')
          FROM evidence_links e WHERE e.status_update_id = s.id) AS evidence
     FROM status_updates s WHERE s.commitment_id = $1::uuid${upTo ? ' AND s.effective_on <= $2::date' : ''}
     ORDER BY s.effective_on DESC, s.created_at DESC, s.id DESC`,
    values: upTo ? [commitmentId, upTo] : [commitmentId],
  };
}

export function liveState(row: SummaryRow): CommitmentState {
  return {
    status: row.status,
    progress: Number(row.progress),
    lastVerifiedOn: row.last_verified_on,
    dueDate: row.due_date,
    anchorPending: row.anchor_pending,
  };
}

/** Row -> summary DTO, with the computed flags and the deadline explained in words. */
export function toCommitmentSummary(row: SummaryRow, context: MappingContext): CommitmentSummaryDto {
  const state = context.states?.get(row.id) ?? liveState(row);
  const due = { dueDate: state.dueDate, anchorPending: state.anchorPending };
  const anchors = row.anchor_event_id ? { [row.anchor_event_id]: { name: row.anchor_name ?? '', date: row.anchor_date } } : {};
  return {
    id: row.id,
    refCode: row.ref_code,
    title: row.title,
    agreement: {
      id: row.agreement_id,
      title: row.agreement_title ?? '',
      kind: row.agreement_kind ?? 'other',
      signedOn: row.agreement_signed_on,
    },
    parentId: row.parent_id,
    responsibleBody: row.responsible_body,
    parties: [...row.parties].sort((a, b) => a.code.localeCompare(b.code)),
    areas: [...row.areas].sort((a, b) => a.slug.localeCompare(b.slug)),
    deadline: row.deadline,
    dueDate: state.dueDate,
    anchorPending: state.anchorPending,
    deadlineText: describeDeadline(row.deadline, anchors, due),
    status: state.status,
    progress: state.progress,
    rolledUpProgress: context.rolledUpProgress?.get(row.id) ?? state.progress,
    flags: computeScheduleFlags(
      {
        status: state.status,
        deadlineKind: row.deadline.kind,
        dueDate: state.dueDate,
        anchorPending: state.anchorPending,
        lastVerifiedOn: state.lastVerifiedOn,
      },
      context.flagOptions,
    ),
    lastVerifiedOn: state.lastVerifiedOn,
    isExample: row.is_example,
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The summaries of `loaded` in the order of `rows` (a page, say); rows with nothing loaded are left out. */
export function summariesInOrder(
  rows: readonly { id: string }[],
  loaded: readonly SummaryRow[],
  context: MappingContext,
): CommitmentSummaryDto[] {
  const byId = new Map(loaded.map((row) => [row.id, row]));
  return rows.flatMap((row) => {
    const found = byId.get(row.id);
    return found ? [toCommitmentSummary(found, context)] : [];
  });
}

/**
 * Row -> detail DTO; the children and the history are loaded separately. `watchedByMe` is the caller's to set,
 * and so is what the caller may see of people (`forReader`).
 */
export function toCommitmentDetail(
  row: DetailRow,
  context: MappingContext,
  parts: { children: CommitmentSummaryDto[]; history: StatusUpdateDto[] },
): CommitmentDetailDto {
  return {
    ...toCommitmentSummary(row, context),
    description: row.description,
    sourceQuote: row.source_quote,
    sourceLocator: row.source_locator,
    sourceUrl: row.source_url,
    owner: row.owner,
    assignees: [...row.assignees].sort((a, b) => a.displayName.localeCompare(b.displayName)),
    anchorEvent: toAnchorEvent(row),
    children: parts.children,
    history: parts.history,
    watchers: row.watchers,
    watcherCount: row.watchers.length,
    watchedByMe: false,
    createdAt: row.created_at.toISOString(),
    archivedAt: row.archived_at ? row.archived_at.toISOString() : null,
  };
}

function toAnchorEvent(row: DetailRow): AnchorEventDto | null {
  if (!row.anchor_event_id || row.anchor_version === null) return null;
  return {
    id: row.anchor_event_id,
    agreementId: row.anchor_agreement_id,
    name: row.anchor_name ?? '',
    occurredOn: row.anchor_date,
    note: row.anchor_note ?? '',
    dependentCommitments: row.anchor_dependents ?? 0,
    version: row.anchor_version,
  };
}

export function toStatusUpdate(row: HistoryRow): StatusUpdateDto {
  return {
    id: row.id,
    kind: row.kind,
    commitmentId: row.commitment_id,
    author: row.author_label,
    createdAt: row.created_at.toISOString(),
    effectiveOn: row.effective_on,
    statusBefore: row.status_before,
    statusAfter: row.status_after,
    progressBefore: row.progress_before,
    progressAfter: row.progress_after,
    note: row.note,
    correctsId: row.corrects_id,
    evidence: [...row.evidence].sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id)),
  };
}

/** Who reads a commitment: an admin sees the watchers' names, a signed-in user their count, an anonymous visitor no names at all. */
export type Reader = 'admin' | 'member' | 'anonymous';

/** What `reader` may see of the detail: watchers' names only for admins; no user names at all for anonymous visitors. */
export function forReader(detail: CommitmentDetailDto, reader: Reader): CommitmentDetailDto {
  if (reader === 'admin') return detail;
  if (reader === 'member') return detail.watchers.length === 0 ? detail : { ...detail, watchers: [] };
  return {
    ...detail,
    watchers: [],
    owner: null,
    assignees: [],
    history: detail.history.map((update) => ({ ...update, author: '' })),
  };
}
