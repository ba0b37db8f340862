import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor } from '@pactwatch/api/audit';
import { ValidationFailedException } from '@pactwatch/api/core';
import type { CommitmentSort, CommitmentSummaryDto } from '@pactwatch/shared/contracts';
import { AnchorInfo, computeDueDate, DeadlineSpec, ImplementationStatus } from '@pactwatch/shared/deadlines';
import { DataSource, In } from 'typeorm';
import { RecurringDeadlinesService } from '../deadlines/recurring-deadlines.service';
import { AnchorEventEntity, CommitmentEntity } from '../entities';
import { SqlParams } from '../shared/sql';
import { WorkspaceCalendar, WorkspaceDay } from '../shared/workspace-calendar';
import { CommitmentState, MappingContext, toCommitmentSummary } from './commitment.mapper';
import { CommitmentFiltersDto } from './commitment-query.dto';
import {
  AsOfSource,
  commitmentSource,
  CommitmentSource,
  filterConditions,
  FlagDay,
  orderByClause,
  progressSource,
  ResolvedFilter,
} from './commitment-sql';
import { rollUpProgress } from './progress';

/** Everything a read needs to know about "when": today in the workspace, and the as-of date if any. */
export interface ReadContext {
  day: WorkspaceDay;
  asOf: AsOfSource | null;
  /** The day flags are computed for: the as-of date, else today. */
  flagDay: FlagDay;
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

interface RawSourceRow {
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
  ) {}

  /** Today in the workspace time zone, recurring deadlines rolled forward, and the as-of source when asked for. */
  async context(asOf?: string): Promise<ReadContext> {
    const day = await this.calendar.day();
    WorkspaceCalendar.checkAsOf(asOf, day.today);
    await this.recurring.ensureFresh(day.today);
    if (!asOf) return { day, asOf: null, flagDay: { today: day.today, staleAfterDays: day.staleAfterDays } };
    return {
      day,
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
    const total = await this.count(filter, context);
    return { rows, total };
  }

  async count(filter: ResolvedFilter, context: ReadContext): Promise<number> {
    const params = new SqlParams();
    const source = commitmentSource(params, context.asOf);
    const where = filterConditions(filter, source, params, context.flagDay);
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS total FROM ${source.from} ${whereClause(where)}`, params.values);
    return row.total;
  }

  async rows(filter: ResolvedFilter, sort: CommitmentSort, context: ReadContext, limit: number, offset = 0): Promise<SourceRow[]> {
    const params = new SqlParams();
    const source = commitmentSource(params, context.asOf);
    const where = filterConditions(filter, source, params, context.flagDay);
    const order = orderByClause(sort, source, params, filter.q);
    const sql = `SELECT ${selectList(source)} FROM ${source.from} ${whereClause(where)} ORDER BY ${order}
      LIMIT ${params.add(limit, 'int')} OFFSET ${params.add(offset, 'int')}`;
    const raw: RawSourceRow[] = await this.dataSource.query(sql, params.values);
    return raw.map((row) => ({ ...row, progress: Number(row.progress) }));
  }

  /** Maps rows to summaries, keeping their order: loads relations, anchors and rolled-up progress in a few queries. */
  async summaries(rows: readonly SourceRow[], context: ReadContext): Promise<CommitmentSummaryDto[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    const entities = await this.dataSource.getRepository(CommitmentEntity).find({
      where: { id: In(ids) },
      relations: { agreement: true, parties: true, areas: true },
    });
    const byId = new Map(entities.map((entity) => [entity.id, entity]));
    const mapping = await this.mappingContext(entities, rows, context);
    return rows.flatMap((row) => {
      const entity = byId.get(row.id);
      return entity ? [toCommitmentSummary(entity, mapping)] : [];
    });
  }

  async mappingContext(entities: readonly CommitmentEntity[], rows: readonly SourceRow[], context: ReadContext): Promise<MappingContext> {
    const states = context.asOf ? new Map<string, CommitmentState>(rows.map((row) => [row.id, toState(row)])) : undefined;
    const anchors = await this.anchorInfos(entities.map((entity) => entity.anchorEventId));
    const rolledUpProgress = await this.rolledUpProgress(
      entities.map((entity) => entity.id),
      context,
    );
    return {
      anchors,
      rolledUpProgress,
      states,
      flagOptions: { today: context.flagDay.today, staleAfterDays: context.flagDay.staleAfterDays },
    };
  }

  async anchorInfos(ids: readonly (string | null)[]): Promise<Record<string, AnchorInfo>> {
    const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
    if (unique.length === 0) return {};
    const rows = await this.dataSource.getRepository(AnchorEventEntity).findBy({ id: In(unique) });
    return Object.fromEntries(rows.map((row) => [row.id, { name: row.name, date: row.occurredOn }]));
  }

  /** Rolled-up progress of the given commitments, from all their descendants (as of the context's date). */
  async rolledUpProgress(ids: readonly string[], context: ReadContext): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const params = new SqlParams();
    const source = progressSource(params, context.asOf?.date ?? null);
    const roots = params.add(ids, 'uuid[]');
    const rows: { id: string; parent_id: string | null; progress: number }[] = await this.dataSource.query(
      `WITH RECURSIVE tree (id, parent_id, progress, depth) AS (
         SELECT c.id, c.parent_id, ${source.progress}, 1 FROM ${source.from} WHERE c.id = ANY(${roots})
         UNION ALL
         SELECT c.id, c.parent_id, ${source.progress}, t.depth + 1 FROM ${source.from} JOIN tree t ON c.parent_id = t.id WHERE t.depth < 32
       )
       SELECT DISTINCT id, parent_id, progress FROM tree`,
      params.values,
    );
    return rollUpProgress(
      ids,
      rows.map((row) => ({ id: row.id, parentId: row.parent_id, progress: Number(row.progress) })),
    );
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

function selectList(source: CommitmentSource): string {
  return `c.id, ${source.status} AS status, ${source.progress} AS progress, ${source.verified}::text AS verified,
    (${source.due})::text AS due, ${source.pending} AS pending`;
}

function whereClause(conditions: string[]): string {
  return conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
}

function toState(row: SourceRow): CommitmentState {
  return { status: row.status, progress: row.progress, lastVerifiedOn: row.verified, dueDate: row.due, anchorPending: row.pending };
}
