import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor } from '@pactwatch/api/audit';
import { ValidationFailedException } from '@pactwatch/api/core';
import type { CommitmentSort, CommitmentSummaryDto } from '@pactwatch/shared/contracts';
import { computeDueDate, DeadlineSpec, ImplementationStatus } from '@pactwatch/shared/deadlines';
import { DataSource } from 'typeorm';
import { RecurringDeadlinesService } from '../deadlines/recurring-deadlines.service';
import { DataVersionService } from '../shared/data-version.service';
import { WorkspaceCalendar, WorkspaceDay } from '../shared/workspace-calendar';
import { CommitmentFiltersDto } from './commitment-query.dto';
import {
  AsOfSource,
  countStatement,
  isPlainWords,
  pageStatement,
  ReadScope,
  ResolvedFilter,
  Statement,
  subtreeStatement,
} from './commitment-sql';
import { rollUpProgress } from './progress';
import { CommitmentState, MappingContext, summariesInOrder, summaryStatement, SummaryRow } from './read-model';

/** Everything a read needs to know about "when": today in the workspace, and the as-of date if any. */
export interface ReadContext extends ReadScope {
  day: WorkspaceDay;
  /** The data version read before anything else (see DataVersionService). */
  version: number;
}

/** One commitment row with its time-dependent values (live, or as of the context's date). */
export interface SourceRow {
  id: string;
  status: ImplementationStatus;
  progress: number;
  verified: string | null;
  due: string | null;
  pending: boolean;
}

/** The read side of commitments: filtered, sorted, paged SQL, then explicit mapping to DTOs. */
@Injectable()
export class CommitmentQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: WorkspaceCalendar,
    private readonly recurring: RecurringDeadlinesService,
    private readonly versions: DataVersionService,
  ) {}

  /** The data version, today in the workspace time zone, recurring deadlines rolled forward, and the as-of source when asked for. */
  async context(asOf?: string): Promise<ReadContext> {
    let version = await this.versions.current();
    const day = await this.calendar.day(version);
    WorkspaceCalendar.checkAsOf(asOf, day.today);
    // Rolling deadlines forward is a write: answers cached at the version read before it are no longer current.
    if (await this.recurring.ensureFresh(day.today)) version = await this.versions.current();
    if (!asOf) return { day, version, asOf: null, flagDay: { today: day.today, staleAfterDays: day.staleAfterDays } };
    return {
      day,
      version,
      asOf: { date: asOf, ...(await this.recurringDuesOn(asOf)) },
      flagDay: { today: asOf, staleAfterDays: day.staleAfterDays },
    };
  }

  /** Replaces assignee "me" with the caller's id. */
  resolveFilter(filters: CommitmentFiltersDto, actor: Actor): ResolvedFilter {
    const { assignee, ...rest } = filters;
    const resolved: ResolvedFilter = { ...rest };
    if (assignee?.length) {
      if (assignee.includes('me') && !actor.id) {
        throw new ValidationFailedException([{ field: 'assignee', message: '"me" needs a signed-in user' }]);
      }
      resolved.assigneeIds = [...new Set(assignee.map((value) => (value === 'me' ? (actor.id as string) : value)))];
    }
    if (resolved.dueFrom && resolved.dueTo && resolved.dueFrom > resolved.dueTo) {
      throw new ValidationFailedException([{ field: 'dueTo', message: 'must not be before dueFrom' }]);
    }
    return resolved;
  }

  async page(
    filter: ResolvedFilter,
    sort: CommitmentSort,
    page: number,
    pageSize: number,
    context: ReadContext,
  ): Promise<{ rows: SourceRow[]; total: number }> {
    // One query after the other: a request holds one pooled connection at a time, so the pool does not starve under load.
    const rows = await this.rows(filter, sort, context, pageSize, (page - 1) * pageSize);
    if (rows.length === 0 && (await this.searchesBySpelling(filter, page, context))) {
      return this.page({ ...filter, fuzzy: true }, sort, page, pageSize, context);
    }
    const total = await this.count(filter, context);
    return { rows, total };
  }

  /**
   * A search of plain words that full-text search finds nothing for is a typo, most likely: it is then
   * matched by spelling. Only an empty page costs this check; a search that finds something is unchanged.
   */
  private async searchesBySpelling(filter: ResolvedFilter, page: number, context: ReadContext): Promise<boolean> {
    if (!filter.q || filter.fuzzy || !isPlainWords(filter.q)) return false;
    return page === 1 || (await this.count(filter, context)) === 0;
  }

  async count(filter: ResolvedFilter, context: ReadContext): Promise<number> {
    const [row] = await this.run<{ total: number }>(countStatement(filter, context));
    return row.total;
  }

  async rows(filter: ResolvedFilter, sort: CommitmentSort, context: ReadContext, limit: number, offset = 0): Promise<SourceRow[]> {
    const raw = await this.run<SourceRow>(pageStatement(filter, sort, context, limit, offset));
    return raw.map((row) => ({ ...row, progress: Number(row.progress) }));
  }

  /** Summaries of the rows, in their order: one statement, plus the progress roll-up of those that have children. */
  async summaries(rows: readonly SourceRow[], context: ReadContext): Promise<CommitmentSummaryDto[]> {
    if (rows.length === 0) return [];
    const loaded = await this.summaryRows(rows.map((row) => row.id));
    const parents = loaded.filter((row) => row.has_children).map((row) => row.id);
    return summariesInOrder(rows, loaded, this.mapping(rows, await this.rolledUpProgress(parents, context), context));
  }

  /** The summary rows of the given commitments, in no particular order. */
  async summaryRows(ids: readonly string[]): Promise<SummaryRow[]> {
    return ids.length === 0 ? [] : this.run<SummaryRow>(summaryStatement(ids));
  }

  /** How rows map to DTOs in this context: as-of states from the source rows, flags for the context's day. */
  mapping(rows: readonly SourceRow[], rolledUpProgress: ReadonlyMap<string, number>, context: ReadContext): MappingContext {
    return {
      rolledUpProgress,
      states: context.asOf ? new Map<string, CommitmentState>(rows.map((row) => [row.id, toState(row)])) : undefined,
      flagOptions: { today: context.flagDay.today, staleAfterDays: context.flagDay.staleAfterDays },
    };
  }

  /**
   * Rolled-up progress (as of the context's date) of `ids`, read from the subtrees under `roots`, which must
   * hold every one of them. Only commitments with children need one: the others show their own progress.
   */
  async rolledUpProgress(roots: readonly string[], context: ReadContext, ids: readonly string[] = roots): Promise<Map<string, number>> {
    if (roots.length === 0) return new Map();
    const rows = await this.run<{ id: string; parent_id: string | null; progress: number }>(
      subtreeStatement(roots, context.asOf?.date ?? null),
    );
    return rollUpProgress(
      ids,
      rows.map((row) => ({ id: row.id, parentId: row.parent_id, progress: Number(row.progress) })),
    );
  }

  run<T>(statement: Statement): Promise<T[]> {
    return this.dataSource.query(statement.sql, statement.values);
  }

  /** Recurring deadlines' due dates on a past day (the stored ones are for today). */
  private async recurringDuesOn(date: string): Promise<Pick<AsOfSource, 'recurringIds' | 'recurringDues'>> {
    const rows: { id: string; deadline: DeadlineSpec; anchor_event_id: string | null; occurred_on: string | null }[] =
      await this.dataSource.query(
        `SELECT c.id, c.deadline, c.anchor_event_id, a.occurred_on::text AS occurred_on
       FROM commitments c LEFT JOIN anchor_events a ON a.id = c.anchor_event_id
       WHERE (c.deadline->>'kind') = 'recurring'`,
      );
    const recurringIds: string[] = [];
    const recurringDues: (string | null)[] = [];
    for (const row of rows) {
      const anchors = row.anchor_event_id ? { [row.anchor_event_id]: row.occurred_on } : {};
      recurringIds.push(row.id);
      recurringDues.push(computeDueDate(row.deadline, anchors, date).dueDate);
    }
    return { recurringIds, recurringDues };
  }
}

/** What live answers depend on besides the data: the workspace day, and the settings that shape them. */
export function readDayKey(context: ReadContext): string {
  return `${context.day.today} ${context.day.timeZone} ${context.day.staleAfterDays} ${context.day.workspaceName}`;
}

function toState(row: SourceRow): CommitmentState {
  return { status: row.status, progress: row.progress, lastVerifiedOn: row.verified, dueDate: row.due, anchorPending: row.pending };
}
