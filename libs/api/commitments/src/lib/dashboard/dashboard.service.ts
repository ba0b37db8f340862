import { Injectable } from '@nestjs/common';
import type { DashboardSummaryDto } from '@pactwatch/shared/contracts';
import { CommitmentQueryService, ReadContext, readDayKey } from '../commitments/commitment-query.service';
import { OPEN_STATUSES } from '../commitments/commitment-sql';
import { DataVersionService } from '../shared/data-version.service';
import { ReadCache } from '../shared/read-cache';
import {
  breakdownStatement,
  BreakdownRow,
  CountRow,
  countsStatement,
  NEXT_DEADLINES,
  OVERDUE_LIMIT,
  RecentChangeRow,
  recentChangesStatement,
  toBreakdown,
  toCounts,
  toRecentChange,
} from './dashboard-model';

/**
 * The overview: counts by status, flag, area and party, the next deadlines, the overdue items and recent changes.
 * Its counts read the whole archive, so the live summary is computed once per data version and workspace day
 * (see ReadCache); as-of summaries are computed on every request.
 */
@Injectable()
export class DashboardService {
  private readonly cache = new ReadCache<DashboardSummaryDto>(4);

  constructor(
    private readonly queries: CommitmentQueryService,
    private readonly versions: DataVersionService,
  ) {}

  /** Anonymous portal visitors (`named: false`) get the recent changes without their authors' names. */
  async summary(asOf?: string, named = true): Promise<DashboardSummaryDto> {
    const context = await this.queries.context(asOf);
    const summary = context.asOf
      ? await this.compute(context)
      : await this.versions.cached(this.cache, readDayKey(context), context.version, () => this.compute(context));
    return named ? summary : { ...summary, recentChanges: summary.recentChanges.map((change) => ({ ...change, author: '' })) };
  }

  private async compute(context: ReadContext): Promise<DashboardSummaryDto> {
    // One query after the other: a request holds one pooled connection at a time, so the pool does not starve under load.
    const counts = await this.queries.run<CountRow>(countsStatement(context));
    const byArea = await this.queries.run<BreakdownRow>(breakdownStatement(context, 'area'));
    const byParty = await this.queries.run<BreakdownRow>(breakdownStatement(context, 'party'));
    const nextRows = await this.queries.rows(
      { status: OPEN_STATUSES, dueFrom: context.flagDay.today },
      'due_date',
      context,
      NEXT_DEADLINES,
    );
    const nextDeadlines = await this.queries.summaries(nextRows, context);
    const overdueRows = await this.queries.rows({ flag: ['overdue'] }, 'due_date', context, OVERDUE_LIMIT);
    const overdue = await this.queries.summaries(overdueRows, context);
    const recentChanges = await this.queries.run<RecentChangeRow>(recentChangesStatement(context.asOf?.date ?? null));
    return {
      today: context.day.today,
      timeZone: context.day.timeZone,
      asOf: context.asOf?.date ?? null,
      ...toCounts(counts),
      byArea: toBreakdown(byArea).map(({ key, name, total, byStatus }) => ({ slug: key, name, total, byStatus })),
      byParty: toBreakdown(byParty).map(({ key, name, total, byStatus }) => ({ code: key, name, total, byStatus })),
      nextDeadlines,
      overdue,
      recentChanges: recentChanges.map(toRecentChange),
    };
  }
}
