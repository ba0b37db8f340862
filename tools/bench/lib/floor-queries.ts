/**
 * The floor's requests: Pactwatch's read path, statement for statement, without the framework.
 *
 * The statements come from the same framework-free modules the services use (libs/api/commitments:
 * commitment-sql.ts, read-model.ts, dashboard-model.ts, feed-model.ts; libs/api/core: workspace-settings-row.ts;
 * libs/api/auth: credential-statements.ts), and the JSON is built with the same pure functions, so both sides
 * send the same SQL and do the same work apart from NestJS, Fastify, TypeORM and validation. Live answers are
 * kept per data version in the same ReadCache, after reading the version as Pactwatch does.
 *
 * When the service's read path changes, change the order of statements here too: `npm run bench` compares
 * both answers before it measures, and reports any difference.
 */
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { CommitmentDetailDto, CommitmentSort, CommitmentSummaryDto, DashboardSummaryDto, Page } from '@pactwatch/shared/contracts';
import { isScheduleFlag, localDate } from '@pactwatch/shared/deadlines';
import {
  countStatement,
  effectiveSort,
  OPEN_STATUSES,
  pageStatement,
  ReadScope,
  ResolvedFilter,
  Statement,
  subtreeStatement,
} from '../../../libs/api/commitments/src/lib/commitments/commitment-sql';
import { rollUpProgress } from '../../../libs/api/commitments/src/lib/commitments/progress';
import {
  CommitmentState,
  DetailRow,
  detailStatement,
  HistoryRow,
  historyStatement,
  MappingContext,
  summariesInOrder,
  summaryStatement,
  SummaryRow,
  toCommitmentDetail,
  toStatusUpdate,
} from '../../../libs/api/commitments/src/lib/commitments/read-model';
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
} from '../../../libs/api/commitments/src/lib/dashboard/dashboard-model';
import {
  calendarFilter,
  DeadlineEventRow,
  deadlineEventsStatement,
  renderCalendar,
  toDeadlineEvent,
} from '../../../libs/api/commitments/src/lib/feeds/feed-model';
import { FEED_TOKEN_STATEMENT } from '../../../libs/api/auth/src/lib/access/credential-statements';
import {
  toWorkspaceSettings,
  WORKSPACE_SETTINGS_STATEMENT,
  WorkspaceSettings,
} from '../../../libs/api/core/src/lib/settings/workspace-settings-row';
import { cacheKey, DATA_VERSION_STATEMENT, dataVersionOf, ReadCache } from '../../../libs/api/commitments/src/lib/shared/read-cache';

export interface FloorContext {
  pool: Pool;
  publicUrl: string;
}

interface Day extends ReadScope {
  today: string;
  timeZone: string;
  staleAfterDays: number;
  workspaceName: string;
  version: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function run<T>(pool: Pool, statement: Statement): Promise<T[]> {
  return (await pool.query(statement.sql, statement.values)).rows as T[];
}

/** The settings row, as WorkspaceSettingsService reads it. */
async function settingsRow(pool: Pool): Promise<WorkspaceSettings> {
  return toWorkspaceSettings((await pool.query(WORKSPACE_SETTINGS_STATEMENT)).rows);
}

const readVersion = async (pool: Pool) => dataVersionOf((await pool.query(DATA_VERSION_STATEMENT)).rows);
let knownSettings: { version: number; settings: WorkspaceSettings } | null = null;

/** CommitmentQueryService.context(): the data version, then the settings WorkspaceCalendar keeps per version, and today. */
async function readDay(pool: Pool): Promise<Day> {
  const version = await readVersion(pool);
  if (knownSettings?.version !== version) knownSettings = { version, settings: await settingsRow(pool) };
  const { timeZone, staleAfterDays, workspaceName } = knownSettings.settings;
  const today = localDate(new Date(), timeZone);
  return { today, timeZone, staleAfterDays, workspaceName, version, asOf: null, flagDay: { today, staleAfterDays } };
}

/** The access guard's portal check (a settings read), then the read context. */
async function portalDay(pool: Pool): Promise<Day> {
  await settingsRow(pool);
  return readDay(pool);
}

const dayKey = (day: Day) => `${day.today} ${day.timeZone} ${day.staleAfterDays} ${day.workspaceName}`;

/** DataVersionService.cached: the kept answer for the version the request read first, or a new one. */
function cached<T>(pool: Pool, cache: ReadCache<T>, key: string, day: Day, compute: () => Promise<T>): Promise<T> {
  return cache.get(key, day.version, compute, () => readVersion(pool));
}

interface SourceRow {
  id: string;
  status: CommitmentState['status'];
  progress: number;
  verified: string | null;
  due: string | null;
  pending: boolean;
}

async function sourceRows(
  pool: Pool,
  filter: ResolvedFilter,
  sort: CommitmentSort,
  day: Day,
  limit: number,
  offset = 0,
): Promise<SourceRow[]> {
  const rows = await run<SourceRow>(pool, pageStatement(filter, sort, day, limit, offset));
  return rows.map((row) => ({ ...row, progress: Number(row.progress) }));
}

/** CommitmentQueryService.rolledUpProgress. */
async function rolledUp(pool: Pool, roots: string[], ids: string[] = roots): Promise<Map<string, number>> {
  if (roots.length === 0) return new Map();
  const rows = await run<{ id: string; parent_id: string | null; progress: number }>(pool, subtreeStatement(roots, null));
  return rollUpProgress(
    ids,
    rows.map((row) => ({ id: row.id, parentId: row.parent_id, progress: Number(row.progress) })),
  );
}

const mapping = (rolledUpProgress: Map<string, number>, day: Day): MappingContext => ({
  rolledUpProgress,
  flagOptions: { today: day.today, staleAfterDays: day.staleAfterDays },
});

/** CommitmentQueryService.summaries: one statement, then the roll-up of the rows that have children. */
async function summaries(pool: Pool, rows: SourceRow[], day: Day): Promise<CommitmentSummaryDto[]> {
  if (rows.length === 0) return [];
  const loaded = await run<SummaryRow>(pool, summaryStatement(rows.map((row) => row.id)));
  const parents = loaded.filter((row) => row.has_children).map((row) => row.id);
  return summariesInOrder(rows, loaded, mapping(await rolledUp(pool, parents), day));
}

const list = (params: URLSearchParams, key: string) =>
  params
    .getAll(key)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);

function filterOf(params: URLSearchParams): ResolvedFilter {
  const filter: { -readonly [K in keyof ResolvedFilter]: ResolvedFilter[K] } = {};
  const status = list(params, 'status');
  if (status.length) filter.status = status;
  const flags = list(params, 'flag').filter(isScheduleFlag);
  if (flags.length) filter.flag = flags;
  const area = list(params, 'area');
  if (area.length) filter.area = area;
  const party = list(params, 'party').map((code) => code.toUpperCase());
  if (party.length) filter.party = party;
  for (const key of ['dueFrom', 'dueTo', 'q'] as const) {
    const value = params.get(key)?.trim();
    if (value) filter[key] = value;
  }
  return filter;
}

const pages = new ReadCache<Page<CommitmentSummaryDto>>(100);

/** GET /api/commitments */
export async function commitmentList(context: FloorContext, params: URLSearchParams): Promise<Page<CommitmentSummaryDto>> {
  const { pool } = context;
  const day = await portalDay(pool);
  const filter = filterOf(params);
  const order = effectiveSort((params.get('sort') ?? undefined) as CommitmentSort | undefined, filter.q);
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const pageSize = Math.min(200, Math.max(1, Number(params.get('pageSize') ?? 25) || 25));
  return cached(pool, pages, `${dayKey(day)} ${cacheKey({ filter, order, page, pageSize })}`, day, async () => {
    // One statement after the other, as Pactwatch does (one pooled connection per request at a time).
    const rows = await sourceRows(pool, filter, order, day, pageSize, (page - 1) * pageSize);
    const [{ total }] = await run<{ total: number }>(pool, countStatement(filter, day));
    return { items: await summaries(pool, rows, day), total, page, pageSize };
  });
}

const dashboards = new ReadCache<DashboardSummaryDto>(4);

/** GET /api/dashboard/summary */
export async function dashboardSummary(context: FloorContext): Promise<DashboardSummaryDto> {
  const { pool } = context;
  const day = await portalDay(pool);
  return cached(pool, dashboards, dayKey(day), day, async () => {
    const counts = await run<CountRow>(pool, countsStatement(day));
    const byArea = await run<BreakdownRow>(pool, breakdownStatement(day, 'area'));
    const byParty = await run<BreakdownRow>(pool, breakdownStatement(day, 'party'));
    const nextRows = await sourceRows(pool, { status: OPEN_STATUSES, dueFrom: day.today }, 'due_date', day, NEXT_DEADLINES);
    const nextDeadlines = await summaries(pool, nextRows, day);
    const overdueRows = await sourceRows(pool, { flag: ['overdue'] }, 'due_date', day, OVERDUE_LIMIT);
    const overdue = await summaries(pool, overdueRows, day);
    const recent = await run<RecentChangeRow>(pool, recentChangesStatement(null));
    return {
      today: day.today,
      timeZone: day.timeZone,
      asOf: null,
      ...toCounts(counts),
      byArea: toBreakdown(byArea).map(({ key, name, total, byStatus }) => ({ slug: key, name, total, byStatus })),
      byParty: toBreakdown(byParty).map(({ key, name, total, byStatus }) => ({ code: key, name, total, byStatus })),
      nextDeadlines,
      overdue,
      recentChanges: recent.map(toRecentChange),
    };
  });
}

const details = new ReadCache<CommitmentDetailDto | null>(500);

/** GET /api/commitments/:idOrRefCode (CommitmentReader.detail); null when there is no such commitment. */
export async function commitmentDetail(context: FloorContext, idOrRef: string): Promise<CommitmentDetailDto | null> {
  const { pool } = context;
  const day = await portalDay(pool);
  return cached(pool, details, `${dayKey(day)} ${idOrRef}`, day, async () => {
    const [row] = await run<DetailRow>(pool, detailStatement(UUID.test(idOrRef) ? { id: idOrRef } : { refCode: idOrRef }));
    if (!row) return null;
    const history = await run<HistoryRow>(pool, historyStatement(row.id));
    const childRows = row.has_children ? await sourceRows(pool, { parentId: row.id }, 'ref_code', day, 500) : [];
    const children = childRows.length > 0 ? await run<SummaryRow>(pool, summaryStatement(childRows.map((child) => child.id))) : [];
    const rolled = await rolledUp(pool, row.has_children ? [row.id] : [], [row.id, ...childRows.map((child) => child.id)]);
    const context = mapping(rolled, day);
    return toCommitmentDetail(row, context, {
      children: summariesInOrder(childRows, children, context),
      history: history.map(toStatusUpdate),
    });
  });
}

const calendars = new ReadCache<string>(8);

/** GET /api/feeds/deadlines.ics: the calendar of a filter within its window, one all-day event per due date. */
export async function deadlinesFeed(context: FloorContext, params: URLSearchParams): Promise<string> {
  const { pool, publicUrl } = context;
  const token = params.get('token');
  if (token) {
    // The access guard's FeedTokenService.resolve.
    await pool.query(FEED_TOKEN_STATEMENT, [createHash('sha256').update(token).digest('hex'), new Date()]);
  } else {
    await settingsRow(pool);
  }
  const day = await readDay(pool);
  const filter = calendarFilter(filterOf(params));
  return cached(pool, calendars, `${dayKey(day)} ${publicUrl} ${cacheKey(filter)}`, day, async () => {
    const rows = await run<DeadlineEventRow>(pool, deadlineEventsStatement(filter, day));
    return renderCalendar(
      rows.map((row) => toDeadlineEvent(row, publicUrl)),
      { name: `${day.workspaceName} deadlines`, url: publicUrl, stamp: new Date() },
    );
  });
}
