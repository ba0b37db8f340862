/**
 * The dashboard summary's statements and the pure assembly of their rows. Framework-free, so the
 * service and the benchmark's floor (tools/bench) run the very same SQL.
 */
import type { DashboardSummaryDto, RecentChangeDto } from '@pactwatch/shared/contracts';
import { IMPLEMENTATION_STATUSES, ImplementationStatus, SCHEDULE_FLAGS, ScheduleFlag } from '@pactwatch/shared/deadlines';
import { commitmentSource, flagPredicate, NOT_ARCHIVED, ReadScope, Statement } from '../commitments/commitment-sql';
import { SqlParams } from '../shared/sql';

export const NEXT_DEADLINES = 10;
/** The overview shows the oldest overdue items; byFlag.overdue has the count and the list filter has them all. */
export const OVERDUE_LIMIT = 10;
export const RECENT_CHANGES = 10;

type StatusCounts = Record<ImplementationStatus, number>;

/** Per status: how many commitments, and how many of them carry each flag. */
export type CountRow = { status: ImplementationStatus; count: number } & Record<ScheduleFlag, number>;

export interface BreakdownRow {
  key: string;
  name: string;
  status: ImplementationStatus | null;
  count: number;
}

export interface RecentChangeRow {
  at: Date;
  commitment_id: string;
  ref_code: string;
  title: string;
  status_before: ImplementationStatus | null;
  status_after: ImplementationStatus;
  author_label: string;
  note: string;
}

/** Counts by status and by flag in one pass over the (status, due_date, …) covering index. */
export function countsStatement(scope: ReadScope): Statement {
  const params = new SqlParams();
  const source = commitmentSource(params, scope.asOf);
  const flags = SCHEDULE_FLAGS.map(
    (flag) => `count(*) FILTER (WHERE ${flagPredicate(flag, source, params, scope.flagDay)})::int AS "${flag}"`,
  );
  return {
    sql: `SELECT ${source.status} AS status, count(*)::int AS count, ${flags.join(', ')} FROM ${source.from} WHERE ${NOT_ARCHIVED} GROUP BY 1`,
    values: params.values,
  };
}

/** Every area (or party), with how many commitments carry it, by status; zeros included. */
export function breakdownStatement(scope: ReadScope, by: 'area' | 'party'): Statement {
  const params = new SqlParams();
  const source = commitmentSource(params, scope.asOf);
  const sql =
    by === 'area'
      ? `SELECT t.slug AS key, t.name, s.status, count(s.id)::int AS count
           FROM policy_areas t
           LEFT JOIN commitment_areas link ON link.area_id = t.id
           LEFT JOIN (SELECT c.id, ${source.status} AS status FROM ${source.from} WHERE ${NOT_ARCHIVED}) s ON s.id = link.commitment_id
           GROUP BY t.slug, t.name, s.status`
      : `SELECT t.code AS key, t.name, s.status, count(s.id)::int AS count
           FROM parties t
           LEFT JOIN commitment_parties link ON link.party_id = t.id
           LEFT JOIN (SELECT c.id, ${source.status} AS status FROM ${source.from} WHERE ${NOT_ARCHIVED}) s ON s.id = link.commitment_id
           GROUP BY t.code, t.name, s.status`;
  return { sql, values: params.values };
}

/** The latest status updates (effective by the as-of day, if any); a verification changed nothing and is left out. */
export function recentChangesStatement(asOf: string | null): Statement {
  return {
    sql: `SELECT su.created_at AS at, su.commitment_id, c.ref_code, c.title, su.status_before, su.status_after, su.author_label, su.note
       FROM status_updates su JOIN commitments c ON c.id = su.commitment_id
       WHERE ${NOT_ARCHIVED} AND su.kind <> 'verification'${asOf ? ' AND su.effective_on <= $2::date' : ''}
       ORDER BY ${asOf ? 'su.effective_on DESC, ' : ''}su.created_at DESC, su.id DESC
       LIMIT $1`,
    values: asOf ? [RECENT_CHANGES, asOf] : [RECENT_CHANGES],
  };
}

export function zeroCounts(): StatusCounts {
  return Object.fromEntries(IMPLEMENTATION_STATUSES.map((status) => [status, 0])) as StatusCounts;
}

/** The counts of the summary: total, by status and by flag. */
export function toCounts(rows: readonly CountRow[]): Pick<DashboardSummaryDto, 'total' | 'byStatus' | 'byFlag'> {
  const byStatus = zeroCounts();
  const byFlag = Object.fromEntries(SCHEDULE_FLAGS.map((flag) => [flag, 0])) as Record<ScheduleFlag, number>;
  for (const row of rows) {
    if (row.status in byStatus) byStatus[row.status] += row.count;
    for (const flag of SCHEDULE_FLAGS) byFlag[flag] += row[flag];
  }
  return { total: Object.values(byStatus).reduce((sum, count) => sum + count, 0), byStatus, byFlag };
}

/** Breakdown rows grouped per area (or party), largest first. */
export function toBreakdown(rows: readonly BreakdownRow[]): { key: string; name: string; total: number; byStatus: StatusCounts }[] {
  const groups = new Map<string, { key: string; name: string; total: number; byStatus: StatusCounts }>();
  for (const row of rows) {
    const group = groups.get(row.key) ?? { key: row.key, name: row.name, total: 0, byStatus: zeroCounts() };
    if (row.status && row.status in group.byStatus) {
      group.byStatus[row.status] += row.count;
      group.total += row.count;
    }
    groups.set(row.key, group);
  }
  return [...groups.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
}

export function toRecentChange(row: RecentChangeRow): RecentChangeDto {
  return {
    at: new Date(row.at).toISOString(),
    commitmentId: row.commitment_id,
    refCode: row.ref_code,
    title: row.title,
    statusBefore: row.status_before,
    statusAfter: row.status_after,
    author: row.author_label,
    note: row.note,
  };
}
