/**
 * The floor's SQL and JSON assembly, mirrored statement by statement from Pactwatch's read path
 * (libs/api/commitments: commitment-sql.ts, commitment-query.service.ts, commitment-reader.service.ts,
 * dashboard.service.ts, feeds.service.ts; the access guard and WorkspaceCalendar read the settings row).
 * TypeORM's `find({ relations })` becomes the same LEFT JOINs written by hand. The JSON is built with
 * the same shared pure functions (flags, deadline text, progress roll-up), so both sides do the same
 * work apart from the framework, the ORM and the validation.
 *
 * When the service's queries change, change them here too: `npm run bench` compares both answers
 * before it measures, and reports any difference.
 */
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { CommitmentDetailDto, CommitmentSummaryDto, DashboardSummaryDto, Page, StatusUpdateDto } from '@pactwatch/shared/contracts';
import {
  AnchorInfo,
  CLOSED_STATUSES,
  computeScheduleFlags,
  DeadlineSpec,
  describeDeadline,
  IMPLEMENTATION_STATUSES,
  ImplementationStatus,
  isScheduleFlag,
  localDate,
  SCHEDULE_FLAGS,
  ScheduleFlag,
  STATUS_LABELS,
} from '@pactwatch/shared/deadlines';
import { rollUpProgress } from '../../../libs/api/commitments/src/lib/commitments/progress';

export interface FloorContext {
  pool: Pool;
  publicUrl: string;
}

interface Day {
  today: string;
  timeZone: string;
  staleAfterDays: number;
  workspaceName: string;
}

const OPEN_STATUSES = IMPLEMENTATION_STATUSES.filter((s) => !CLOSED_STATUSES.includes(s));
const DAY_MS = 86_400_000;
const shiftDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The settings row, read by the access guard (portal check) and again by WorkspaceCalendar.day(). */
async function settingsRow(pool: Pool): Promise<Day> {
  const { rows } = await pool.query(
    `SELECT id, time_zone, stale_after_days, public_portal, workspace_name, version, updated_at FROM workspace_settings WHERE id = $1 LIMIT 1`,
    [1],
  );
  const timeZone: string = rows[0]?.time_zone ?? 'UTC';
  return {
    today: localDate(new Date(), timeZone),
    timeZone,
    staleAfterDays: rows[0]?.stale_after_days ?? 90,
    workspaceName: rows[0]?.workspace_name ?? 'Pactwatch',
  };
}

/** Guard + calendar: two settings reads per request, as Pactwatch does. */
async function workspaceDay(pool: Pool): Promise<Day> {
  await settingsRow(pool);
  return settingsRow(pool);
}

class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }
}

interface Filter {
  status?: readonly string[];
  flag?: readonly ScheduleFlag[];
  area?: readonly string[];
  party?: readonly string[];
  q?: string;
  ids?: readonly string[];
  parentId?: string;
  dueFrom?: string;
  hasDueDate?: boolean;
}

function flagPredicate(flag: ScheduleFlag, params: Params, day: Day): string {
  const open = `c.status = ANY(${params.add(OPEN_STATUSES, 'text[]')})`;
  const date = (value: string) => params.add(value, 'date');
  switch (flag) {
    case 'overdue':
      return `(${open} AND c.due_date < ${date(day.today)})`;
    case 'due_today':
      return `(${open} AND c.due_date = ${date(day.today)})`;
    case 'due_soon':
      return `(${open} AND c.due_date > ${date(day.today)} AND c.due_date <= ${date(shiftDays(day.today, 7))})`;
    case 'upcoming':
      return `(${open} AND c.due_date > ${date(shiftDays(day.today, 7))} AND c.due_date <= ${date(shiftDays(day.today, 30))})`;
    case 'no_deadline':
      return `(${open} AND c.due_date IS NULL AND NOT c.anchor_pending)`;
    case 'anchor_pending':
      return `(${open} AND c.due_date IS NULL AND c.anchor_pending)`;
    case 'stale':
      return `(${open} AND (c.last_verified_on IS NULL OR c.last_verified_on < ${date(shiftDays(day.today, -day.staleAfterDays))}))`;
  }
}

function conditions(filter: Filter, params: Params, day: Day): string {
  const where: string[] = [];
  if (filter.ids) where.push(`c.id = ANY(${params.add(filter.ids, 'uuid[]')})`);
  if (filter.parentId) where.push(`c.parent_id = ${params.add(filter.parentId, 'uuid')}`);
  if (filter.status?.length) where.push(`c.status = ANY(${params.add(filter.status, 'text[]')})`);
  if (filter.flag?.length) where.push(`(${filter.flag.map((f) => flagPredicate(f, params, day)).join(' OR ')})`);
  if (filter.area?.length) {
    where.push(`EXISTS (SELECT 1 FROM commitment_areas ca JOIN policy_areas pa ON pa.id = ca.area_id
      WHERE ca.commitment_id = c.id AND pa.slug = ANY(${params.add(filter.area, 'text[]')}))`);
  }
  if (filter.party?.length) {
    where.push(`EXISTS (SELECT 1 FROM commitment_parties cp JOIN parties p ON p.id = cp.party_id
      WHERE cp.commitment_id = c.id AND p.code = ANY(${params.add(filter.party, 'text[]')}))`);
  }
  if (filter.dueFrom) where.push(`c.due_date >= ${params.add(filter.dueFrom, 'date')}`);
  if (filter.hasDueDate) where.push(`c.due_date IS NOT NULL`);
  if (filter.q) where.push(`c.search @@ websearch_to_tsquery('english', ${params.add(filter.q)})`);
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

function orderBy(sort: string, params: Params, q?: string): string {
  const direction = sort.startsWith('-') ? 'DESC' : 'ASC';
  switch (sort.replace(/^-/, '')) {
    case 'relevance':
      return q
        ? `ts_rank(c.search, websearch_to_tsquery('english', ${params.add(q)})) DESC, c.due_date ASC NULLS LAST, c.id ASC`
        : orderBy('due_date', params);
    case 'ref_code':
      return `c.ref_code ${direction}, c.id ASC`;
    default:
      return `c.due_date ${direction} NULLS LAST, c.id ASC`;
  }
}

interface SourceRow {
  id: string;
  status: ImplementationStatus;
  progress: number;
  verified: string | null;
  due: string | null;
  pending: boolean;
}

async function sourceRows(pool: Pool, filter: Filter, sort: string, day: Day, limit: number, offset = 0): Promise<SourceRow[]> {
  const params = new Params();
  const where = conditions(filter, params, day);
  const order = orderBy(sort, params, filter.q);
  const { rows } = await pool.query(
    `SELECT c.id, c.status AS status, c.progress AS progress, c.last_verified_on::text AS verified,
    (c.due_date)::text AS due, c.anchor_pending AS pending FROM commitments c ${where} ORDER BY ${order}
      LIMIT ${params.add(limit, 'int')} OFFSET ${params.add(offset, 'int')}`,
    params.values,
  );
  return rows;
}

async function countRows(pool: Pool, filter: Filter, day: Day): Promise<number> {
  const params = new Params();
  const where = conditions(filter, params, day);
  const { rows } = await pool.query(`SELECT count(*)::int AS total FROM commitments c ${where}`, params.values);
  return rows[0].total;
}

interface Loaded {
  id: string;
  ref_code: string;
  title: string;
  description: string;
  agreement_id: string;
  parent_id: string | null;
  source_quote: string;
  source_locator: string;
  source_url: string | null;
  responsible_body: string;
  owner_id: string | null;
  deadline: DeadlineSpec;
  anchor_event_id: string | null;
  due_date: string | null;
  anchor_pending: boolean;
  status: ImplementationStatus;
  progress: number;
  last_verified_on: string | null;
  is_example: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
  agreement: { id: string; title: string; kind: string; signed_on: string | null } | null;
  parties: Map<string, { id: string; code: string; name: string }>;
  areas: Map<string, { id: string; slug: string; name: string }>;
  owner?: { id: string; display_name: string } | null;
  assignees?: Map<string, { id: string; display_name: string }>;
}

const COMMITMENT_COLUMNS = `c.id, c.ref_code, c.title, c.description, c.agreement_id, c.parent_id, c.source_quote, c.source_locator, c.source_url,
  c.responsible_body, c.owner_id, c.deadline, c.anchor_event_id, c.due_date, c.anchor_pending, c.status, c.progress, c.last_verified_on,
  c.is_example, c.version, c.created_at, c.updated_at`;

/** TypeORM's find({ where: { id: In(ids) }, relations: { agreement, parties, areas[, owner, assignees] } }): one query of LEFT JOINs. */
async function loadCommitments(pool: Pool, where: string, values: unknown[], people = false): Promise<Loaded[]> {
  const { rows } = await pool.query(
    `SELECT ${COMMITMENT_COLUMNS},
        ag.id AS ag_id, ag.title AS ag_title, ag.kind AS ag_kind, ag.signed_on AS ag_signed_on, ag.source_url AS ag_source_url, ag.summary AS ag_summary,
        ag.version AS ag_version, ag.created_at AS ag_created_at, ag.updated_at AS ag_updated_at,
        p.id AS p_id, p.code AS p_code, p.name AS p_name, p.kind AS p_kind, p.version AS p_version, p.created_at AS p_created_at, p.updated_at AS p_updated_at,
        a.id AS a_id, a.slug AS a_slug, a.name AS a_name, a.version AS a_version, a.created_at AS a_created_at, a.updated_at AS a_updated_at
        ${people ? ', o.id AS o_id, o.display_name AS o_display_name, o.email AS o_email, o.role AS o_role, u.id AS u_id, u.display_name AS u_display_name, u.email AS u_email, u.role AS u_role' : ''}
       FROM commitments c
       LEFT JOIN agreements ag ON ag.id = c.agreement_id
       LEFT JOIN commitment_parties cp ON cp.commitment_id = c.id LEFT JOIN parties p ON p.id = cp.party_id
       LEFT JOIN commitment_areas cpa ON cpa.commitment_id = c.id LEFT JOIN policy_areas a ON a.id = cpa.area_id
       ${people ? 'LEFT JOIN users o ON o.id = c.owner_id LEFT JOIN commitment_assignees cu ON cu.commitment_id = c.id LEFT JOIN users u ON u.id = cu.user_id' : ''}
      ${where}`,
    values,
  );
  const byId = new Map<string, Loaded>();
  for (const r of rows) {
    let entity = byId.get(r.id);
    if (!entity) {
      entity = {
        ...r,
        agreement: r.ag_id ? { id: r.ag_id, title: r.ag_title, kind: r.ag_kind, signed_on: r.ag_signed_on } : null,
        parties: new Map(),
        areas: new Map(),
        owner: people ? (r.o_id ? { id: r.o_id, display_name: r.o_display_name } : null) : undefined,
        assignees: people ? new Map() : undefined,
      } as Loaded;
      byId.set(r.id, entity);
    }
    if (r.p_id) entity.parties.set(r.p_id, { id: r.p_id, code: r.p_code, name: r.p_name });
    if (r.a_id) entity.areas.set(r.a_id, { id: r.a_id, slug: r.a_slug, name: r.a_name });
    if (people && r.u_id) entity.assignees?.set(r.u_id, { id: r.u_id, display_name: r.u_display_name });
  }
  return [...byId.values()];
}

async function anchorInfos(pool: Pool, ids: (string | null)[]): Promise<Record<string, AnchorInfo>> {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (unique.length === 0) return {};
  const { rows } = await pool.query(
    `SELECT id, agreement_id, name, occurred_on, note, version, created_at, updated_at FROM anchor_events WHERE id = ANY($1::uuid[])`,
    [unique],
  );
  return Object.fromEntries(rows.map((r) => [r.id, { name: r.name, date: r.occurred_on }]));
}

async function rolledUp(pool: Pool, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const { rows } = await pool.query(
    `WITH RECURSIVE tree (id, parent_id, progress, depth) AS (
       SELECT c.id, c.parent_id, c.progress, 1 FROM commitments c WHERE c.id = ANY($1::uuid[])
       UNION ALL
       SELECT c.id, c.parent_id, c.progress, t.depth + 1 FROM commitments c JOIN tree t ON c.parent_id = t.id WHERE t.depth < 32
     )
     SELECT DISTINCT id, parent_id, progress FROM tree`,
    [ids],
  );
  return rollUpProgress(
    ids,
    rows.map((r) => ({ id: r.id, parentId: r.parent_id, progress: Number(r.progress) })),
  );
}

function toSummary(e: Loaded, anchors: Record<string, AnchorInfo>, rolled: Map<string, number>, day: Day): CommitmentSummaryDto {
  const due = { dueDate: e.due_date, anchorPending: e.anchor_pending };
  return {
    id: e.id,
    refCode: e.ref_code,
    title: e.title,
    agreement: {
      id: e.agreement_id,
      title: e.agreement?.title ?? '',
      kind: (e.agreement?.kind ?? 'other') as CommitmentSummaryDto['agreement']['kind'],
      signedOn: e.agreement?.signed_on ?? null,
    },
    parentId: e.parent_id,
    responsibleBody: e.responsible_body,
    parties: [...e.parties.values()].sort((a, b) => a.code.localeCompare(b.code)),
    areas: [...e.areas.values()].sort((a, b) => a.slug.localeCompare(b.slug)),
    deadline: e.deadline,
    dueDate: e.due_date,
    anchorPending: e.anchor_pending,
    deadlineText: describeDeadline(e.deadline, anchors, due),
    status: e.status,
    progress: e.progress,
    rolledUpProgress: rolled.get(e.id) ?? e.progress,
    flags: computeScheduleFlags(
      {
        status: e.status,
        deadlineKind: e.deadline.kind,
        dueDate: e.due_date,
        anchorPending: e.anchor_pending,
        lastVerifiedOn: e.last_verified_on,
      },
      { today: day.today, staleAfterDays: day.staleAfterDays },
    ),
    lastVerifiedOn: e.last_verified_on,
    isExample: e.is_example,
    version: e.version,
    updatedAt: e.updated_at.toISOString(),
  };
}

/** CommitmentQueryService.summaries: entities with relations, then anchors and the roll-up in parallel; keeps the rows' order. */
async function summaries(pool: Pool, rows: SourceRow[], day: Day): Promise<CommitmentSummaryDto[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const entities = await loadCommitments(pool, 'WHERE c.id = ANY($1::uuid[])', [ids]);
  const byId = new Map(entities.map((e) => [e.id, e]));
  const anchors = await anchorInfos(
    pool,
    entities.map((e) => e.anchor_event_id),
  );
  const rolled = await rolledUp(
    pool,
    entities.map((e) => e.id),
  );
  return rows.flatMap((r) => {
    const e = byId.get(r.id);
    return e ? [toSummary(e, anchors, rolled, day)] : [];
  });
}

const list = (params: URLSearchParams, key: string) =>
  params
    .getAll(key)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);

function filterOf(params: URLSearchParams): Filter {
  const filter: Filter = {};
  const status = list(params, 'status');
  if (status.length) filter.status = status;
  const flags = list(params, 'flag').filter(isScheduleFlag);
  if (flags.length) filter.flag = flags;
  const area = list(params, 'area');
  if (area.length) filter.area = area;
  const party = list(params, 'party');
  if (party.length) filter.party = party;
  const q = params.get('q')?.trim();
  if (q) filter.q = q;
  return filter;
}

/** GET /api/commitments */
export async function commitmentList(context: FloorContext, params: URLSearchParams): Promise<Page<CommitmentSummaryDto>> {
  const { pool } = context;
  const day = await workspaceDay(pool);
  const filter = filterOf(params);
  const sort = params.get('sort') ?? (filter.q ? 'relevance' : 'due_date');
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const pageSize = Math.min(200, Math.max(1, Number(params.get('pageSize') ?? 25) || 25));
  // One statement after the other, as Pactwatch does (one pooled connection per request at a time).
  const rows = await sourceRows(pool, filter, sort, day, pageSize, (page - 1) * pageSize);
  const total = await countRows(pool, filter, day);
  return { items: await summaries(pool, rows, day), total, page, pageSize };
}

function zeroCounts(): Record<ImplementationStatus, number> {
  return Object.fromEntries(IMPLEMENTATION_STATUSES.map((s) => [s, 0])) as Record<ImplementationStatus, number>;
}

/** GET /api/dashboard/summary: the same seven queries in parallel, then the two summary lists. */
export async function dashboardSummary(context: FloorContext, _params: URLSearchParams): Promise<DashboardSummaryDto> {
  const { pool } = context;
  const day = await workspaceDay(pool);
  const flagParams = new Params();
  const flagColumns = SCHEDULE_FLAGS.map((f) => `count(*) FILTER (WHERE ${flagPredicate(f, flagParams, day)})::int AS "${f}"`);
  const breakdown = (by: 'area' | 'party') =>
    by === 'area'
      ? `SELECT t.slug AS key, t.name, s.status, count(s.id)::int AS count FROM policy_areas t
           LEFT JOIN commitment_areas link ON link.area_id = t.id
           LEFT JOIN (SELECT c.id, c.status AS status FROM commitments c) s ON s.id = link.commitment_id
           GROUP BY t.slug, t.name, s.status`
      : `SELECT t.code AS key, t.name, s.status, count(s.id)::int AS count FROM parties t
           LEFT JOIN commitment_parties link ON link.party_id = t.id
           LEFT JOIN (SELECT c.id, c.status AS status FROM commitments c) s ON s.id = link.commitment_id
           GROUP BY t.code, t.name, s.status`;
  const byStatus = await pool.query(`SELECT c.status AS status, count(*)::int AS count FROM commitments c GROUP BY 1`);
  const byFlag = await pool.query(`SELECT ${flagColumns.join(', ')} FROM commitments c`, flagParams.values);
  const byArea = await pool.query(breakdown('area'));
  const byParty = await pool.query(breakdown('party'));
  const nextRows = await sourceRows(pool, { status: OPEN_STATUSES, dueFrom: day.today }, 'due_date', day, 10);
  const nextDeadlines = await summaries(pool, nextRows, day);
  const overdueRows = await sourceRows(pool, { flag: ['overdue'] }, 'due_date', day, 50);
  const overdue = await summaries(pool, overdueRows, day);
  const recent = await pool.query(
    `SELECT su.created_at AS at, su.commitment_id, c.ref_code, c.title, su.status_before, su.status_after, su.author_label, su.note
     FROM status_updates su JOIN commitments c ON c.id = su.commitment_id
     ORDER BY su.created_at DESC, su.id DESC LIMIT $1`,
    [10],
  );
  const statusCounts = zeroCounts();
  for (const r of byStatus.rows) if (r.status in statusCounts) statusCounts[r.status as ImplementationStatus] = r.count;
  const group = (rows: { key: string; name: string; status: ImplementationStatus | null; count: number }[]) => {
    const groups = new Map<string, { key: string; name: string; total: number; byStatus: Record<ImplementationStatus, number> }>();
    for (const r of rows) {
      const g = groups.get(r.key) ?? { key: r.key, name: r.name, total: 0, byStatus: zeroCounts() };
      if (r.status && r.status in g.byStatus) {
        g.byStatus[r.status] += r.count;
        g.total += r.count;
      }
      groups.set(r.key, g);
    }
    return [...groups.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
  };
  return {
    today: day.today,
    timeZone: day.timeZone,
    asOf: null,
    total: Object.values(statusCounts).reduce((a, b) => a + b, 0),
    byStatus: statusCounts,
    byFlag: Object.fromEntries(SCHEDULE_FLAGS.map((f) => [f, byFlag.rows[0][f] as number])) as Record<ScheduleFlag, number>,
    byArea: group(byArea.rows).map(({ key, name, total, byStatus: counts }) => ({ slug: key, name, total, byStatus: counts })),
    byParty: group(byParty.rows).map(({ key, name, total, byStatus: counts }) => ({ code: key, name, total, byStatus: counts })),
    nextDeadlines,
    overdue,
    recentChanges: recent.rows.map((r) => ({
      at: new Date(r.at).toISOString(),
      commitmentId: r.commitment_id,
      refCode: r.ref_code,
      title: r.title,
      statusBefore: r.status_before,
      statusAfter: r.status_after,
      author: r.author_label,
      note: r.note,
    })),
  };
}

/** GET /api/commitments/:idOrRefCode (CommitmentReader.detail). */
export async function commitmentDetail(context: FloorContext, idOrRef: string): Promise<CommitmentDetailDto | null> {
  const { pool } = context;
  await settingsRow(pool);
  // findOne with to-many relations: TypeORM first picks the distinct id (LIMIT 1), then loads it with its joins.
  const by = UUID.test(idOrRef) ? 'c.id = $1::uuid' : 'c.ref_code = $1';
  const picked = await pool.query(
    `SELECT DISTINCT d.id FROM (SELECT c.id FROM commitments c
       LEFT JOIN agreements ag ON ag.id = c.agreement_id
       LEFT JOIN commitment_parties cp ON cp.commitment_id = c.id LEFT JOIN parties p ON p.id = cp.party_id
       LEFT JOIN commitment_areas cpa ON cpa.commitment_id = c.id LEFT JOIN policy_areas a ON a.id = cpa.area_id
       LEFT JOIN users o ON o.id = c.owner_id LEFT JOIN commitment_assignees cu ON cu.commitment_id = c.id LEFT JOIN users u ON u.id = cu.user_id
      WHERE ${by}) d LIMIT 1`,
    [idOrRef],
  );
  if (picked.rows.length === 0) return null;
  const [entity] = await loadCommitments(pool, 'WHERE c.id = ANY($1::uuid[])', [[picked.rows[0].id]], true);
  if (!entity) return null;
  const day = await settingsRow(pool);
  const [row] = await sourceRows(pool, { ids: [entity.id] }, 'ref_code', day, 1);
  if (!row) return null;
  const anchors = await anchorInfos(pool, [entity.anchor_event_id]);
  const rolled = await rolledUp(pool, [entity.id]);
  const childRows = await sourceRows(pool, { parentId: entity.id }, 'ref_code', day, 500);
  const history = await pool.query(
    `SELECT s.id, s.commitment_id, s.author_id, s.author_label, s.created_at, s.effective_on, s.status_before, s.status_after, s.progress_before,
            s.progress_after, s.note, s.corrects_id, e.id AS e_id, e.status_update_id AS e_status_update_id, e.url AS e_url, e.title AS e_title,
            e.kind AS e_kind, e.published_on AS e_published_on
       FROM status_updates s LEFT JOIN evidence_links e ON e.status_update_id = s.id
      WHERE s.commitment_id = $1 ORDER BY s.effective_on DESC, s.created_at DESC, s.id DESC`,
    [entity.id],
  );
  let anchor: { row: Record<string, unknown>; dependents: number } | null = null;
  if (entity.anchor_event_id) {
    const found = await pool.query(
      `SELECT id, agreement_id, name, occurred_on, note, version, created_at, updated_at FROM anchor_events WHERE id = $1 LIMIT 1`,
      [entity.anchor_event_id],
    );
    if (found.rows[0]) {
      const count = await pool.query(`SELECT count(*)::int AS n FROM commitments WHERE anchor_event_id = $1`, [entity.anchor_event_id]);
      anchor = { row: found.rows[0], dependents: count.rows[0].n };
    }
  }
  const watchers = await pool.query(
    `SELECT u.id, u.display_name FROM watches w JOIN users u ON u.id = w.user_id
     WHERE w.target_type = 'commitment' AND w.target_id = $1 AND u.disabled_at IS NULL
     ORDER BY u.display_name, u.id`,
    [entity.id],
  );
  const children = await summaries(pool, childRows, day);
  const updates = new Map<string, StatusUpdateDto>();
  for (const s of history.rows) {
    let dto = updates.get(s.id);
    if (!dto) {
      dto = {
        id: s.id,
        commitmentId: s.commitment_id,
        author: s.author_label,
        createdAt: (s.created_at as Date).toISOString(),
        effectiveOn: s.effective_on,
        statusBefore: s.status_before,
        statusAfter: s.status_after,
        progressBefore: s.progress_before,
        progressAfter: s.progress_after,
        note: s.note,
        correctsId: s.corrects_id,
        evidence: [],
      };
      updates.set(s.id, dto);
    }
    if (s.e_id) dto.evidence.push({ id: s.e_id, url: s.e_url, title: s.e_title, kind: s.e_kind, publishedOn: s.e_published_on });
  }
  for (const dto of updates.values()) dto.evidence.sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
  const a = anchor?.row as
    | { id: string; agreement_id: string | null; name: string; occurred_on: string | null; note: string; version: number }
    | undefined;
  return {
    ...toSummary(entity, anchors, rolled, day),
    description: entity.description,
    sourceQuote: entity.source_quote,
    sourceLocator: entity.source_locator,
    sourceUrl: entity.source_url,
    owner: entity.owner ? { id: entity.owner.id, displayName: entity.owner.display_name } : null,
    assignees: [...(entity.assignees?.values() ?? [])]
      .map((u) => ({ id: u.id, displayName: u.display_name }))
      .sort((x, y) => x.displayName.localeCompare(y.displayName)),
    anchorEvent: a
      ? {
          id: a.id,
          agreementId: a.agreement_id,
          name: a.name,
          occurredOn: a.occurred_on,
          note: a.note,
          dependentCommitments: anchor?.dependents ?? 0,
          version: a.version,
        }
      : null,
    children,
    history: [...updates.values()],
    watchers: watchers.rows.map((u) => ({ id: u.id, displayName: u.display_name })),
    watchedByMe: false,
    createdAt: entity.created_at.toISOString(),
  };
}

const icsText = (text: string) => text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** RFC 5545 line folding at 75 octets. */
function fold(line: string): string {
  if (Buffer.byteLength(line) <= 75) return line;
  const parts: string[] = [];
  let current = '';
  for (const char of line) {
    if (Buffer.byteLength(current + char) > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
    }
    current += char;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const icsDate = (date: string) => date.replace(/-/g, '');
const icsStamp = (instant: Date) =>
  instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** GET /api/feeds/deadlines.ics: the filter's commitments with a due date (at most 5,000), one all-day event each. */
export async function deadlinesFeed(context: FloorContext, params: URLSearchParams): Promise<string> {
  const { pool, publicUrl } = context;
  const token = params.get('token');
  if (token) {
    // The access guard's ApiTokenService.resolve: findOne({ tokenHash, revokedAt: null }, relations: user), in TypeORM's two steps.
    const hash = createHash('sha256').update(token).digest('hex');
    const found = await pool.query(
      `SELECT DISTINCT d.id FROM (SELECT t.id FROM api_tokens t LEFT JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1 AND t.revoked_at IS NULL) d LIMIT 1`,
      [hash],
    );
    if (found.rows[0]) {
      await pool.query(
        `SELECT t.*, u.id AS u_id, u.email, u.display_name, u.role, u.time_zone, u.disabled_at FROM api_tokens t LEFT JOIN users u ON u.id = t.user_id
          WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.id = ANY($2::uuid[])`,
        [hash, [found.rows[0].id]],
      );
    }
  } else {
    await settingsRow(pool);
  }
  const day = await settingsRow(pool);
  const rows = await sourceRows(pool, { ...filterOf(params), hasDueDate: true }, 'due_date', day, 5000);
  const items = await summaries(pool, rows, day);
  const { workspaceName } = await settingsRow(pool);
  const stamp = icsStamp(new Date());
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Pactwatch//deadlines//EN',
    `URL:${publicUrl}`,
    `NAME:${icsText(`${workspaceName} deadlines`)}`,
    `X-WR-CALNAME:${icsText(`${workspaceName} deadlines`)}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
  ];
  for (const item of items) {
    if (!item.dueDate) continue;
    const link = `${publicUrl}/commitments/${encodeURIComponent(item.refCode)}`;
    const description = [
      item.title,
      `Deadline: ${item.deadlineText}`,
      `Status: ${STATUS_LABELS[item.status]} (${item.progress}%)`,
      item.responsibleBody ? `Responsible: ${item.responsibleBody}` : null,
      `Agreement: ${item.agreement.title}`,
      link,
    ]
      .filter(Boolean)
      .join('\n');
    lines.push(
      'BEGIN:VEVENT',
      `UID:commitment-${item.id}@pactwatch`,
      `SEQUENCE:0`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${icsDate(item.dueDate)}`,
      `DTEND;VALUE=DATE:${icsDate(shiftDays(item.dueDate, 1))}`,
      'X-MICROSOFT-CDO-ALLDAYEVENT:TRUE',
      'X-MICROSOFT-MSNCALENDAR-ALLDAYEVENT:TRUE',
      fold(`SUMMARY:${icsText(`${item.refCode}: ${item.title}`)}`),
      fold(`DESCRIPTION:${icsText(description)}`),
      fold(`CATEGORIES:${item.areas.map((a) => icsText(a.name)).join(',')}`),
      `STATUS:${item.status === 'not_pursued' ? 'CANCELLED' : 'CONFIRMED'}`,
      fold(`URL;VALUE=URI:${link}`),
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.join('\r\n');
}
