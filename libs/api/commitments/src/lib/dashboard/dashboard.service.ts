import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DashboardSummaryDto, RecentChangeDto } from '@pactwatch/shared/contracts';
import { IMPLEMENTATION_STATUSES, ImplementationStatus, SCHEDULE_FLAGS, ScheduleFlag } from '@pactwatch/shared/deadlines';
import { DataSource } from 'typeorm';
import { CommitmentQueryService, ReadContext } from '../commitments/commitment-query.service';
import { commitmentSource, flagPredicate, OPEN_STATUSES } from '../commitments/commitment-sql';
import { SqlParams } from '../shared/sql';

export const NEXT_DEADLINES = 10;
export const OVERDUE_LIMIT = 50;
export const RECENT_CHANGES = 10;

type StatusCounts = Record<ImplementationStatus, number>;

/** The overview: counts by status, flag, area and party, the next deadlines, the overdue items and recent changes. */
@Injectable()
export class DashboardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: CommitmentQueryService,
  ) {}

  async summary(asOf?: string): Promise<DashboardSummaryDto> {
    const context = await this.queries.context(asOf);
    // One query after the other: a request holds one pooled connection at a time, so the pool does not starve under load.
    const byStatus = await this.statusCounts(context);
    const byFlag = await this.flagCounts(context);
    const byArea = await this.breakdown(context, 'area');
    const byParty = await this.breakdown(context, 'party');
    const nextRows = await this.queries.rows(
      { status: OPEN_STATUSES, dueFrom: context.flagDay.today },
      'due_date',
      context,
      NEXT_DEADLINES,
    );
    const nextDeadlines = await this.queries.summaries(nextRows, context);
    const overdueRows = await this.queries.rows({ flag: ['overdue'] }, 'due_date', context, OVERDUE_LIMIT);
    const overdue = await this.queries.summaries(overdueRows, context);
    const recentChanges = await this.recentChanges(context);
    return {
      today: context.day.today,
      timeZone: context.day.timeZone,
      asOf: context.asOf?.date ?? null,
      total: Object.values(byStatus).reduce((sum, count) => sum + count, 0),
      byStatus,
      byFlag,
      byArea: byArea.map(({ key, name, total, byStatus: counts }) => ({ slug: key, name, total, byStatus: counts })),
      byParty: byParty.map(({ key, name, total, byStatus: counts }) => ({ code: key, name, total, byStatus: counts })),
      nextDeadlines,
      overdue,
      recentChanges,
    };
  }

  private async statusCounts(context: ReadContext): Promise<StatusCounts> {
    const params = new SqlParams();
    const source = commitmentSource(params, context.asOf);
    const rows: { status: ImplementationStatus; count: number }[] = await this.dataSource.query(
      `SELECT ${source.status} AS status, count(*)::int AS count FROM ${source.from} GROUP BY 1`,
      params.values,
    );
    const counts = zeroCounts();
    for (const row of rows) if (row.status in counts) counts[row.status] = row.count;
    return counts;
  }

  private async flagCounts(context: ReadContext): Promise<Record<ScheduleFlag, number>> {
    const params = new SqlParams();
    const source = commitmentSource(params, context.asOf);
    const columns = SCHEDULE_FLAGS.map(
      (flag) => `count(*) FILTER (WHERE ${flagPredicate(flag, source, params, context.flagDay)})::int AS "${flag}"`,
    );
    const [row] = await this.dataSource.query(`SELECT ${columns.join(', ')} FROM ${source.from}`, params.values);
    return Object.fromEntries(SCHEDULE_FLAGS.map((flag) => [flag, row[flag] as number])) as Record<ScheduleFlag, number>;
  }

  /** Every area (or party), with how many commitments carry it, by status; zeros included. */
  private async breakdown(
    context: ReadContext,
    by: 'area' | 'party',
  ): Promise<{ key: string; name: string; total: number; byStatus: StatusCounts }[]> {
    const params = new SqlParams();
    const source = commitmentSource(params, context.asOf);
    const sql =
      by === 'area'
        ? `SELECT t.slug AS key, t.name, s.status, count(s.id)::int AS count
           FROM policy_areas t
           LEFT JOIN commitment_areas link ON link.area_id = t.id
           LEFT JOIN (SELECT c.id, ${source.status} AS status FROM ${source.from}) s ON s.id = link.commitment_id
           GROUP BY t.slug, t.name, s.status`
        : `SELECT t.code AS key, t.name, s.status, count(s.id)::int AS count
           FROM parties t
           LEFT JOIN commitment_parties link ON link.party_id = t.id
           LEFT JOIN (SELECT c.id, ${source.status} AS status FROM ${source.from}) s ON s.id = link.commitment_id
           GROUP BY t.code, t.name, s.status`;
    const rows: { key: string; name: string; status: ImplementationStatus | null; count: number }[] = await this.dataSource.query(
      sql,
      params.values,
    );
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

  private async recentChanges(context: ReadContext): Promise<RecentChangeDto[]> {
    const asOf = context.asOf?.date ?? null;
    const rows: {
      at: Date;
      commitment_id: string;
      ref_code: string;
      title: string;
      status_before: ImplementationStatus | null;
      status_after: ImplementationStatus;
      author_label: string;
      note: string;
    }[] = await this.dataSource.query(
      `SELECT su.created_at AS at, su.commitment_id, c.ref_code, c.title, su.status_before, su.status_after, su.author_label, su.note
       FROM status_updates su JOIN commitments c ON c.id = su.commitment_id
       ${asOf ? 'WHERE su.effective_on <= $2::date' : ''}
       ORDER BY ${asOf ? 'su.effective_on DESC, ' : ''}su.created_at DESC, su.id DESC
       LIMIT $1`,
      asOf ? [RECENT_CHANGES, asOf] : [RECENT_CHANGES],
    );
    return rows.map((row) => ({
      at: new Date(row.at).toISOString(),
      commitmentId: row.commitment_id,
      refCode: row.ref_code,
      title: row.title,
      statusBefore: row.status_before,
      statusAfter: row.status_after,
      author: row.author_label,
      note: row.note,
    }));
  }
}

function zeroCounts(): StatusCounts {
  return Object.fromEntries(IMPLEMENTATION_STATUSES.map((status) => [status, 0])) as StatusCounts;
}
