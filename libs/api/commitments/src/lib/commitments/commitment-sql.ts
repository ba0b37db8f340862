/**
 * The SQL behind the commitments list, the dashboard, the exports and the feeds.
 *
 * Schedule flags are never stored: each flag is translated into a predicate on the due date,
 * status, anchor_pending and last-verified date against "today" in the workspace time zone,
 * mirroring computeScheduleFlags in @pactwatch/shared/deadlines exactly (a test checks that
 * the two agree row by row). The predicates compare plain columns with constants, so the
 * (status, due_date), due_date and last_verified_on indexes serve them.
 *
 * As-of queries swap the live columns for the status history: a LATERAL subquery picks, per
 * commitment, the latest status update effective on or before the date; commitments without
 * one did not exist yet and drop out.
 */
import type { CommitmentSort } from '@pactwatch/shared/contracts';
import {
  CLOSED_STATUSES,
  DEFAULT_DUE_SOON_DAYS,
  DEFAULT_UPCOMING_DAYS,
  IMPLEMENTATION_STATUSES,
  ImplementationStatus,
  ScheduleFlag,
} from '@pactwatch/shared/deadlines';
import { shiftDays } from '../shared/dates';
import { likeContains, SqlParams } from '../shared/sql';

/** Archived commitments are out of every read: lists, counts, feeds, exports, reminders (see the ArchiveVerifyMoves migration). */
export const NOT_ARCHIVED = 'c.archived_at IS NULL';

export const OPEN_STATUSES: readonly ImplementationStatus[] = IMPLEMENTATION_STATUSES.filter((status) => !CLOSED_STATUSES.includes(status));

/** As-of mode: the date, and the due dates recurring deadlines had then (computed by the deadline library). */
export interface AsOfSource {
  date: string;
  recurringIds: string[];
  recurringDues: (string | null)[];
}

/** Where commitment rows come from, and the SQL expression of each time-dependent value. */
export interface CommitmentSource {
  from: string;
  status: string;
  progress: string;
  verified: string;
  due: string;
  pending: string;
}

const LIVE: CommitmentSource = {
  from: 'commitments c',
  status: 'c.status',
  progress: 'c.progress',
  verified: 'c.last_verified_on',
  due: 'c.due_date',
  pending: 'c.anchor_pending',
};

function asOfHistory(params: SqlParams, date: string): string {
  return `JOIN LATERAL (
      SELECT su.status_after, su.progress_after, su.effective_on
      FROM status_updates su
      WHERE su.commitment_id = c.id AND su.effective_on <= ${params.add(date, 'date')}
        AND NOT EXISTS (SELECT 1 FROM status_updates fix WHERE fix.corrects_id = su.id)
      ORDER BY su.effective_on DESC, su.created_at DESC, su.id DESC
      LIMIT 1
    ) h ON true`;
}

export function commitmentSource(params: SqlParams, asOf: AsOfSource | null): CommitmentSource {
  if (!asOf) return LIVE;
  return {
    from: `commitments c
    ${asOfHistory(params, asOf.date)}
    LEFT JOIN unnest(${params.add(asOf.recurringIds, 'uuid[]')}, ${params.add(asOf.recurringDues, 'date[]')}) AS r(id, due) ON r.id = c.id`,
    status: 'h.status_after',
    progress: 'h.progress_after',
    verified: 'h.effective_on',
    due: 'CASE WHEN r.id IS NULL THEN c.due_date ELSE r.due END',
    pending: 'c.anchor_pending',
  };
}

/** A lighter source for the progress roll-up, which needs no due dates. */
export function progressSource(params: SqlParams, asOfDate: string | null): Pick<CommitmentSource, 'from' | 'progress'> {
  if (!asOfDate) return { from: LIVE.from, progress: LIVE.progress };
  return { from: `commitments c ${asOfHistory(params, asOfDate)}`, progress: 'h.progress_after' };
}

export interface FlagDay {
  /** The day flags are computed for: today, or the as-of date. */
  today: string;
  staleAfterDays: number;
}

export function openPredicate(source: CommitmentSource, params: SqlParams): string {
  return `${source.status} = ANY(${params.add(OPEN_STATUSES, 'text[]')})`;
}

/** The SQL predicate that holds exactly when computeScheduleFlags would report `flag`. */
export function flagPredicate(flag: ScheduleFlag, source: CommitmentSource, params: SqlParams, day: FlagDay): string {
  const open = openPredicate(source, params);
  const date = (value: string) => params.add(value, 'date');
  const due = source.due;
  switch (flag) {
    case 'overdue':
      return `(${open} AND ${due} < ${date(day.today)})`;
    case 'due_today':
      return `(${open} AND ${due} = ${date(day.today)})`;
    case 'due_soon':
      return `(${open} AND ${due} > ${date(day.today)} AND ${due} <= ${date(shiftDays(day.today, DEFAULT_DUE_SOON_DAYS))})`;
    case 'upcoming':
      return `(${open} AND ${due} > ${date(shiftDays(day.today, DEFAULT_DUE_SOON_DAYS))} AND ${due} <= ${date(shiftDays(day.today, DEFAULT_UPCOMING_DAYS))})`;
    case 'no_deadline':
      return `(${open} AND ${due} IS NULL AND NOT ${source.pending})`;
    case 'anchor_pending':
      return `(${open} AND ${due} IS NULL AND ${source.pending})`;
    case 'stale':
      return `(${open} AND (${source.verified} IS NULL OR ${source.verified} < ${date(shiftDays(day.today, -day.staleAfterDays))}))`;
  }
}

/** Filters after "me" has been replaced by the caller's id; internal callers may also pin ids or a parent. */
export interface ResolvedFilter {
  status?: readonly string[];
  flag?: readonly ScheduleFlag[];
  area?: readonly string[];
  party?: readonly string[];
  agreement?: readonly string[];
  responsibleBody?: string;
  assigneeIds?: readonly string[];
  dueFrom?: string;
  dueTo?: string;
  q?: string;
  /** Match q by spelling (trigram similarity) instead of full text: for a search whose words match nothing. */
  fuzzy?: boolean;
  ids?: readonly string[];
  parentId?: string;
  /** Only commitments with a due date (calendar feeds). */
  hasDueDate?: boolean;
}

/** The WHERE conditions for a filter, ANDed together; each list filter matches any of its values. */
export function filterConditions(filter: ResolvedFilter, source: CommitmentSource, params: SqlParams, day: FlagDay): string[] {
  const where: string[] = [NOT_ARCHIVED];
  if (filter.ids) where.push(`c.id = ANY(${params.add(filter.ids, 'uuid[]')})`);
  if (filter.parentId) where.push(`c.parent_id = ${params.add(filter.parentId, 'uuid')}`);
  if (filter.status?.length) where.push(`${source.status} = ANY(${params.add(filter.status, 'text[]')})`);
  if (filter.flag?.length) where.push(`(${filter.flag.map((flag) => flagPredicate(flag, source, params, day)).join(' OR ')})`);
  if (filter.area?.length) {
    where.push(`EXISTS (SELECT 1 FROM commitment_areas ca JOIN policy_areas pa ON pa.id = ca.area_id
      WHERE ca.commitment_id = c.id AND pa.slug = ANY(${params.add(filter.area, 'text[]')}))`);
  }
  if (filter.party?.length) {
    where.push(`EXISTS (SELECT 1 FROM commitment_parties cp JOIN parties p ON p.id = cp.party_id
      WHERE cp.commitment_id = c.id AND p.code = ANY(${params.add(filter.party, 'text[]')}))`);
  }
  if (filter.agreement?.length) where.push(`c.agreement_id = ANY(${params.add(filter.agreement, 'uuid[]')})`);
  if (filter.responsibleBody) where.push(`c.responsible_body ILIKE ${params.add(likeContains(filter.responsibleBody))}`);
  if (filter.assigneeIds) {
    where.push(`EXISTS (SELECT 1 FROM commitment_assignees cu
      WHERE cu.commitment_id = c.id AND cu.user_id = ANY(${params.add(filter.assigneeIds, 'uuid[]')}))`);
  }
  if (filter.dueFrom) where.push(`${source.due} >= ${params.add(filter.dueFrom, 'date')}`);
  if (filter.dueTo) where.push(`${source.due} <= ${params.add(filter.dueTo, 'date')}`);
  if (filter.hasDueDate) where.push(`${source.due} IS NOT NULL`);
  if (filter.q) where.push(searchPredicate(filter.q, filter.fuzzy === true, params));
  return where;
}

/**
 * What a typo-tolerant search compares the query with: reference code and title, the words people type
 * from memory. The expression is indexed as is (commitments_fuzzy_idx, GIN gin_trgm_ops), so keep the two
 * in step.
 */
export const FUZZY_TEXT = `(c.ref_code || ' ' || c.title)`;

/** A query of plain words: no "phrase", -exclusion or OR, which only full-text search understands. */
export function isPlainWords(q: string): boolean {
  return !/"|(^|\s)-\S|\sor\s/i.test(q);
}

/**
 * Full-text search over the search vector; or, when `fuzzy` (the list asks for it when the words as typed
 * match nothing), trigram word similarity with the reference code and title (pg_trgm's `<%`, threshold
 * pg_trgm.word_similarity_threshold, 0.6 by default), so a typo ("chartr") still finds "Charter". Both are
 * index scans (commitments_search_idx, commitments_fuzzy_idx).
 */
function searchPredicate(q: string, fuzzy: boolean, params: SqlParams): string {
  return fuzzy ? `${params.add(q)} <% ${FUZZY_TEXT}` : `c.search @@ websearch_to_tsquery('english', ${params.add(q)})`;
}

const STATUS_ORDER = `ARRAY[${IMPLEMENTATION_STATUSES.map((status) => `'${status}'`).join(', ')}]::text[]`;

/**
 * ORDER BY for a sort key; every order ends on c.id so pages are stable. Relevance needs q (else: due date):
 * the full-text rank, or for a fuzzy search the closeness of the spelling.
 */
export function orderByClause(sort: CommitmentSort, source: CommitmentSource, params: SqlParams, q?: string, fuzzy = false): string {
  const descending = sort.startsWith('-');
  const direction = descending ? 'DESC' : 'ASC';
  switch (sort.replace(/^-/, '')) {
    case 'relevance':
      return q ? `${relevance(q, fuzzy, params)} DESC, ${source.due} ASC NULLS LAST, c.id ASC` : orderByClause('due_date', source, params);
    case 'ref_code':
      return `c.ref_code ${direction}, c.id ASC`;
    case 'title':
      return `c.title ${direction}, c.id ASC`;
    case 'status':
      return `array_position(${STATUS_ORDER}, ${source.status}::text) ${direction}, c.id ASC`;
    case 'updated_at':
      return `c.updated_at ${direction}, c.id ASC`;
    case 'progress':
      return `${source.progress} ${direction}, c.id ASC`;
    case 'due_date':
    default:
      return `${source.due} ${direction} NULLS LAST, c.id ASC`;
  }
}

function relevance(q: string, fuzzy: boolean, params: SqlParams): string {
  return fuzzy
    ? `word_similarity(${params.add(q)}, ${FUZZY_TEXT})`
    : `ts_rank(c.search, websearch_to_tsquery('english', ${params.add(q)}))`;
}

/** The default sort: by relevance when searching, else by due date. */
export function effectiveSort(sort: CommitmentSort | undefined, q: string | undefined): CommitmentSort {
  if (sort) return sort;
  return q ? 'relevance' : 'due_date';
}

/** A statement and its positional parameters. */
export interface Statement {
  sql: string;
  values: unknown[];
}

/** Where a read takes its commitments from (live, or as of a day), and the day its flags are computed for. */
export interface ReadScope {
  asOf: AsOfSource | null;
  /** The as-of date, else today. */
  flagDay: FlagDay;
}

/** One page of the filter's commitments, in order, with their time-dependent values (SourceRow). */
export function pageStatement(filter: ResolvedFilter, sort: CommitmentSort, scope: ReadScope, limit: number, offset = 0): Statement {
  const params = new SqlParams();
  const source = commitmentSource(params, scope.asOf);
  const where = whereClause(filterConditions(filter, source, params, scope.flagDay));
  const order = orderByClause(sort, source, params, filter.q, filter.fuzzy);
  const sql = `SELECT c.id, ${source.status} AS status, ${source.progress} AS progress, ${source.verified}::text AS verified,
    (${source.due})::text AS due, ${source.pending} AS pending FROM ${source.from} ${where} ORDER BY ${order}
      LIMIT ${params.add(limit, 'int')} OFFSET ${params.add(offset, 'int')}`;
  return { sql, values: params.values };
}

/** How many commitments the filter selects. */
export function countStatement(filter: ResolvedFilter, scope: ReadScope): Statement {
  const params = new SqlParams();
  const source = commitmentSource(params, scope.asOf);
  const where = whereClause(filterConditions(filter, source, params, scope.flagDay));
  return { sql: `SELECT count(*)::int AS total FROM ${source.from} ${where}`, values: params.values };
}

/**
 * Every commitment of the subtrees under `roots` (the roots included) with its progress, as of the day if any:
 * the input of rollUpProgress. Read only for commitments that have children.
 */
export function subtreeStatement(roots: readonly string[], asOfDate: string | null): Statement {
  const params = new SqlParams();
  const source = progressSource(params, asOfDate);
  const ids = params.add(roots, 'uuid[]');
  const sql = `WITH RECURSIVE tree (id, parent_id, progress, depth) AS (
       SELECT c.id, c.parent_id, ${source.progress}, 1 FROM ${source.from} WHERE c.id = ANY(${ids})
       UNION ALL
       SELECT c.id, c.parent_id, ${source.progress}, t.depth + 1 FROM ${source.from} JOIN tree t ON c.parent_id = t.id
        WHERE t.depth < 32 AND ${NOT_ARCHIVED}
     )
     SELECT DISTINCT id, parent_id, progress FROM tree`;
  return { sql, values: params.values };
}

export function whereClause(conditions: readonly string[]): string {
  return conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
}
