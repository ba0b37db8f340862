/**
 * Scenario 6: reminder planning for one day. Two measurements on a data set:
 * - the planner's candidate query (the commitments whose due date falls in the reminder window,
 *   with their recipients) under EXPLAIN (ANALYZE, BUFFERS), the part whose cost must follow the
 *   number of items due and not the archive's size;
 * - one full pass of the real ReminderPlanner (libs/api/reminders) from an empty outbox, with the
 *   clock at noon UTC on the bench day, when that planner can be loaded.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Client } from 'pg';

export interface PlanningResult {
  commitments: number;
  database: string;
  /** Commitments in the window / candidate rows (commitment × recipient). */
  dueInWindow: number;
  candidateRows: number;
  window: { from: string; to: string };
  /** Wall time of the candidate query as the planner runs it (rows fetched into Node), median of 3. */
  queryMs: number;
  queryMsRuns: number[];
  /** Server-side execution time from EXPLAIN ANALYZE (no rows sent to the client). */
  serverMs: number;
  plan: string;
  planner: { ms: number; recipients: number; itemsPlanned: number; deliveriesCreated: number } | { error: string };
}

const DAY = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const CLOSED = ['completed', 'partially_completed', 'not_pursued'];

/**
 * Mirrors ReminderPlanner.deadlineCandidates (libs/api/reminders/src/lib/planning/reminder-planner.service.ts):
 * the window is [today − 366, today + max lead days + 6 + 1], see candidateWindow() in schedule.ts.
 */
export const CANDIDATE_SQL = `WITH lead AS (
   SELECT GREATEST(30, COALESCE((SELECT MAX(d) FROM reminder_preferences, unnest(lead_days) AS d), 0))::int AS days
 ), due AS (
   SELECT c.id, c.agreement_id, c.owner_id FROM commitments c
    WHERE c.due_date BETWEEN $1::date AND $2::date + (SELECT days FROM lead) AND c.status <> ALL($3::varchar[])
 )
 SELECT r.user_id, r.via, r.via_label, c.id, c.ref_code, c.title, c.due_date::text AS due_date, c.deadline, c.anchor_pending, c.status,
        c.anchor_event_id, ae.name AS anchor_name, ae.occurred_on::text AS anchor_date
   FROM due
   CROSS JOIN LATERAL (
     SELECT due.owner_id AS user_id, 'owner'::text AS via, NULL::text AS via_label WHERE due.owner_id IS NOT NULL
     UNION ALL
     SELECT ca.user_id, 'assignee', NULL FROM commitment_assignees ca WHERE ca.commitment_id = due.id
     UNION ALL
     SELECT w.user_id, 'watch_commitment'::text AS via, NULL::text AS via_label FROM watches w WHERE w.target_type = 'commitment' AND w.target_id = due.id
     UNION ALL
     SELECT w.user_id, 'watch_agreement', ag.title FROM watches w JOIN agreements ag ON ag.id = w.target_id
      WHERE w.target_type = 'agreement' AND w.target_id = due.agreement_id
     UNION ALL
     SELECT w.user_id, 'watch_area', pa.name FROM commitment_areas car
       JOIN watches w ON w.target_type = 'area' AND w.target_id = car.area_id
       JOIN policy_areas pa ON pa.id = car.area_id
      WHERE car.commitment_id = due.id
   ) r
   JOIN commitments c ON c.id = due.id
   LEFT JOIN anchor_events ae ON ae.id = c.anchor_event_id`;

export async function measurePlanning(
  url: string,
  commitments: number,
  today: string,
  log: (m: string) => void,
  plannerTimeoutSeconds = 300,
): Promise<PlanningResult> {
  const client = new Client({ connectionString: url, application_name: 'pactwatch-bench-planning' });
  await client.connect();
  try {
    const hasWatches = (await client.query(`SELECT to_regclass('public.watches') IS NOT NULL AS p`)).rows[0].p as boolean;
    const hasPrefs = (await client.query(`SELECT to_regclass('public.reminder_preferences') IS NOT NULL AS p`)).rows[0].p as boolean;
    const maxLead = hasPrefs
      ? (
          await client.query(
            `SELECT GREATEST(30, COALESCE((SELECT MAX(d) FROM reminder_preferences, unnest(lead_days) AS d), 0))::int AS m`,
          )
        ).rows[0].m
      : 30;
    const window = { from: addDays(today, -366), to: addDays(today, maxLead + 6 + 1) };
    const sql = hasWatches
      ? CANDIDATE_SQL
      : CANDIDATE_SQL.replace(/UNION ALL\s+SELECT w\.user_id[\s\S]*?WHERE car\.commitment_id = due\.id/, '');
    const params = [window.from, window.to, CLOSED];
    const dueInWindow = (
      await client.query(
        `SELECT count(*)::int AS n FROM commitments c WHERE c.due_date BETWEEN $1::date AND $2::date AND c.status <> ALL($3::varchar[])`,
        params,
      )
    ).rows[0].n;
    const runs: number[] = [];
    let candidateRows = 0;
    for (let i = 0; i < 3; i++) {
      const started = process.hrtime.bigint();
      const result = await client.query(sql, params);
      runs.push(Number(process.hrtime.bigint() - started) / 1e6);
      candidateRows = result.rowCount ?? 0;
    }
    const measured = [...runs].sort((a, b) => a - b);
    const explain = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    const plan = explain.rows.map((r) => r['QUERY PLAN']).join('\n');
    const serverMs = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN);
    log(
      `  planner query: ${dueInWindow} commitments in the window, ${candidateRows} candidate rows, ${measured[1].toFixed(1)} ms (${serverMs} ms in PostgreSQL)`,
    );
    const planner = await runPlanner(url, client, today, log, plannerTimeoutSeconds);
    return {
      commitments,
      database: new URL(url).pathname.slice(1),
      dueInWindow,
      candidateRows,
      window,
      queryMs: Math.round(measured[1] * 10) / 10,
      serverMs,
      queryMsRuns: runs.map((r) => Math.round(r * 10) / 10),
      plan,
      planner,
    };
  } finally {
    await client.end();
  }
}

/** One pass of the real planner against an empty outbox, in a child process stopped after `timeoutSeconds`. */
async function runPlanner(
  url: string,
  client: Client,
  today: string,
  log: (m: string) => void,
  timeoutSeconds: number,
): Promise<PlanningResult['planner']> {
  const tables = ['reminder_items', 'mail_outbox'];
  const present = (
    await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename = ANY($1)`, [tables])
  ).rows.map((r) => `"${r.tablename}"`);
  if (present.length < tables.length) return { error: 'the reminder tables are not in this schema yet' };
  await client.query(`TRUNCATE ${present.join(', ')} CASCADE`);
  // A first pass: no status cursor yet (the migration creates the single state row).
  await client.query(`INSERT INTO reminder_state (id) VALUES (1) ON CONFLICT (id) DO UPDATE SET status_cursor = NULL, last_run_at = NULL`);
  const root = resolve(__dirname, '../../..');
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', resolve(__dirname, 'planner-pass.ts'), url, today],
    {
      cwd: root,
      env: { ...process.env, TS_NODE_PROJECT: resolve(root, 'tools/tsconfig.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutSeconds * 1000);
  const code = await new Promise<number | null>((done) => child.once('exit', (c) => done(c)));
  clearTimeout(timer);
  const line = out.trim().split('\n').pop() ?? '';
  try {
    const parsed = JSON.parse(line) as PlanningResult['planner'];
    if ('ms' in parsed)
      log(
        `  planner pass: ${parsed.ms} ms, ${parsed.recipients} recipients, ${parsed.itemsPlanned} items, ${parsed.deliveriesCreated} deliveries`,
      );
    else log(`  the real planner failed: ${parsed.error}`);
    return parsed;
  } catch {
    const error =
      code === null
        ? `stopped after ${timeoutSeconds} s without finishing`
        : `exited with ${code}: ${err.trim().split('\n').slice(-3).join(' ')}`;
    log(`  the real planner ${error}`);
    // Whatever it left half-done is cleared by the next measurement.
    await client.query(`SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = 'pactwatch-bench-planner'`);
    return { error };
  }
}
