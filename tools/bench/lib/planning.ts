/**
 * Scenario 6: reminder planning for one day. Two measurements on a data set:
 * - the planner's candidate query (the commitments whose due date falls in the reminder window,
 *   with their recipients) under EXPLAIN (ANALYZE, BUFFERS), the part whose cost must follow the
 *   number of items due and not the archive's size;
 * - one full pass of the real ReminderPlanner (libs/api/reminders) from an empty outbox, with the
 *   clock at noon UTC on the bench day, when that planner can be loaded.
 */
import { Client } from 'pg';

export interface PlanningResult {
  commitments: number;
  database: string;
  /** Commitments in the window / candidate rows (commitment × recipient). */
  dueInWindow: number;
  candidateRows: number;
  window: { from: string; to: string };
  queryMs: number;
  queryMsRuns: number[];
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

export async function measurePlanning(url: string, commitments: number, today: string, log: (m: string) => void): Promise<PlanningResult> {
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
    for (let i = 0; i < 4; i++) {
      const started = process.hrtime.bigint();
      const result = await client.query(sql, params);
      runs.push(Number(process.hrtime.bigint() - started) / 1e6);
      candidateRows = result.rowCount ?? 0;
    }
    const measured = runs.slice(1).sort((a, b) => a - b);
    const explain = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    const plan = explain.rows.map((r) => r['QUERY PLAN']).join('\n');
    log(`  planner query: ${dueInWindow} commitments in the window, ${candidateRows} candidate rows, ${measured[1].toFixed(1)} ms`);
    const planner = await runPlanner(url, client, today, log);
    return {
      commitments,
      database: new URL(url).pathname.slice(1),
      dueInWindow,
      candidateRows,
      window,
      queryMs: Math.round(measured[1] * 10) / 10,
      queryMsRuns: runs.map((r) => Math.round(r * 10) / 10),
      plan,
      planner,
    };
  } finally {
    await client.end();
  }
}

/** One pass of the real planner against an empty outbox; any failure is reported, not thrown. */
async function runPlanner(url: string, client: Client, today: string, log: (m: string) => void): Promise<PlanningResult['planner']> {
  try {
    const tables = ['reminder_items', 'mail_outbox'];
    const present = (
      await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename = ANY($1)`, [tables])
    ).rows.map((r) => `"${r.tablename}"`);
    if (present.length < tables.length) return { error: 'the reminder tables are not in this schema yet' };
    await client.query(`TRUNCATE ${present.join(', ')} CASCADE`);
    // A first pass: no status cursor yet (the migration creates the single state row).
    await client.query(
      `INSERT INTO reminder_state (id) VALUES (1) ON CONFLICT (id) DO UPDATE SET status_cursor = NULL, last_run_at = NULL`,
    );
    const core = require('@pactwatch/api/core');
    const reminders = require('@pactwatch/api/reminders');
    const { ReminderLinks } = require('../../../libs/api/reminders/src/lib/mail/reminder-links');
    const { ENTITIES } = require('../../../apps/api/src/database/entities');
    const { MIGRATIONS } = require('../../../apps/api/src/migrations');
    const { DataSource } = require('typeorm');
    const dataSource = new DataSource(
      core.buildDataSourceOptions({
        url,
        entities: ENTITIES,
        migrations: MIGRATIONS,
        poolSize: 4,
        applicationName: 'pactwatch-bench-planner',
      }),
    );
    await dataSource.initialize();
    try {
      const now = new Date(`${today}T12:00:00Z`);
      const clock = new core.ManualClock(now);
      const settings = new core.WorkspaceSettingsService(dataSource.getRepository(core.WorkspaceSettingsEntity));
      const config = new core.AppConfig(core.validateEnvironment({ DATABASE_URL: url, PUBLIC_URL: 'http://127.0.0.1:3000' }), url, false);
      const planner = new reminders.ReminderPlanner(dataSource, clock, settings, new ReminderLinks(dataSource, config, settings));
      const started = process.hrtime.bigint();
      const result = await planner.run();
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (!result) return { error: 'another planner held the advisory lock' };
      log(
        `  planner pass: ${Math.round(ms)} ms, ${result.recipients} recipients, ${result.itemsPlanned} items, ${result.deliveriesCreated} deliveries`,
      );
      return {
        ms: Math.round(ms),
        recipients: result.recipients,
        itemsPlanned: result.itemsPlanned,
        deliveriesCreated: result.deliveriesCreated,
      };
    } finally {
      await dataSource.destroy();
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`  the real planner could not be run: ${message}`);
    return { error: message };
  }
}
