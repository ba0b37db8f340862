/**
 * Scenario 6: reminder planning for one day, with the real ReminderPlanner (libs/api/reminders) in a child
 * process, on an empty outbox, three passes:
 * - catch-up: noon UTC the day before the bench day, the first pass ever (every reminder that still holds);
 * - one day: noon UTC on the bench day (the reminders that day calls for: what the 1M / 100k target compares);
 * - repeat: five minutes later (nothing new: what every cron run in between costs).
 * Then EXPLAIN (ANALYZE, BUFFERS) of the planner's candidate query, built by the planner's own code for the
 * one-day pass: the one statement that reads `commitments`, by an index range on the due date.
 * Whatever the passes planned is deleted afterwards (after `whilePlanned`, which may use it).
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { candidatesQuery } from '../../../libs/api/reminders/src/lib/planning/candidates';
import type { PlannerSql } from '../../../libs/api/reminders/src/lib/planning/planner-session';
import { loadRecipients, WEEKLY_LOOKAHEAD_DAYS } from '../../../libs/api/reminders/src/lib/planning/recipients';
import type { PlanResult } from '../../../libs/api/reminders/src/lib/planning/reminder-planner.service';
import { candidateWindow } from '../../../libs/api/reminders/src/lib/planning/schedule';

export type PlannerPass = { label: string; at: string } & (({ ms: number } & PlanResult) | { error: string });

export interface ExplainedQuery {
  rows: number;
  /** Server-side execution time from EXPLAIN ANALYZE. */
  serverMs: number;
  plan: string;
}

export interface PlanningResult {
  commitments: number;
  database: string;
  passes: PlannerPass[];
  /** The planner's candidate query (open commitments due in the reminder window), at the one-day pass. */
  candidates?: ExplainedQuery & { window: { from: string; to: string } };
  /** Why the candidate query was not explained. */
  explainError?: string;
}

const DAY = 86_400_000;
const PASSES = [
  { label: 'catch-up (first pass, day before)', offsetMs: -DAY },
  { label: 'one day (bench day, noon UTC)', offsetMs: 0 },
  { label: 'repeat (5 minutes later)', offsetMs: 5 * 60_000 },
];

/** The pass the 1M / 100k target compares: planning one day's reminders. */
export const DAY_PASS = PASSES[1].label;

export async function measurePlanning(
  url: string,
  commitments: number,
  today: string,
  log: (m: string) => void,
  options: { timeoutSeconds: number; whilePlanned?: () => Promise<void> },
): Promise<PlanningResult> {
  const client = new Client({ connectionString: url, application_name: 'pactwatch-bench-planning' });
  await client.connect();
  const result: PlanningResult = { commitments, database: new URL(url).pathname.slice(1), passes: [] };
  try {
    await clearPlanned(client);
    const noon = Date.parse(`${today}T12:00:00Z`);
    const instants = PASSES.map((p) => new Date(noon + p.offsetMs).toISOString());
    const outcomes = await runPasses(url, instants, log, options.timeoutSeconds);
    result.passes = PASSES.map((p, i) => ({ label: p.label, at: instants[i], ...(outcomes[i] ?? { error: 'not run' }) }) as PlannerPass);
    for (const pass of result.passes) log(`  ${describePass(pass)}`);
    try {
      result.candidates = await explainCandidates(client, new Date(instants[1]), log);
    } catch (error) {
      result.explainError = error instanceof Error ? error.message : String(error);
      log(`  could not explain the candidate query: ${result.explainError}`);
    }
    await options.whilePlanned?.();
    return result;
  } finally {
    await clearPlanned(client);
    await client.end();
  }
}

export function describePass(pass: PlannerPass): string {
  if ('error' in pass) return `${pass.label}: ${pass.error}`;
  return (
    `${pass.label}: ${pass.ms.toLocaleString('en')} ms, ${pass.commitmentsDue.toLocaleString('en')} commitments due, ` +
    `${pass.recipientsReady.toLocaleString('en')} recipients at their send hour, ${pass.remindersChecked.toLocaleString('en')} reminders checked, ` +
    `${pass.itemsPlanned.toLocaleString('en')} planned ` +
    `for ${pass.recipients.toLocaleString('en')} recipients in ${pass.deliveriesCreated.toLocaleString('en')} deliveries` +
    (pass.failures ? `, ${pass.failures} failures` : '')
  );
}

/** Empties the ledger, the outbox (the bench database holds no other mail) and the planning marks; forgets the status cursor. */
async function clearPlanned(client: Client): Promise<void> {
  await client.query(`TRUNCATE reminder_items, mail_outbox, reminder_commitment_marks, reminder_recipient_marks`);
  await client.query(
    `INSERT INTO reminder_state (id) VALUES (1) ON CONFLICT (id) DO UPDATE SET status_cursor = NULL, last_run_at = NULL, pass = 0`,
  );
}

/** The planner passes in a child process, stopped after `timeoutSeconds`; one outcome per instant it reached. */
async function runPasses(
  url: string,
  instants: string[],
  log: (m: string) => void,
  timeoutSeconds: number,
): Promise<(({ ms: number } & PlanResult) | { error: string })[]> {
  const root = resolve(__dirname, '../../..');
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', resolve(__dirname, 'planner-pass.ts'), url, ...instants],
    {
      cwd: root,
      env: { ...process.env, TS_NODE_PROJECT: resolve(root, 'tools/tsconfig.json'), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const outcomes: (({ ms: number } & PlanResult) | { error: string })[] = [];
  let pending = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('{')) outcomes.push(JSON.parse(line));
      else if (line.trim()) log(`    ${line.trim()}`);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutSeconds * 1000);
  const code = await new Promise<number | null>((done) => child.once('exit', (c) => done(c)));
  clearTimeout(timer);
  if (outcomes.length < instants.length) {
    const error =
      code === null
        ? `stopped after ${timeoutSeconds} s without finishing`
        : `exited with ${code}: ${err.trim().split('\n').slice(-3).join(' ')}`;
    outcomes.push({ error });
  }
  return outcomes;
}

/** The planner's candidate query as the planner builds it at `now`: the one statement that reads `commitments`. */
async function explainCandidates(client: Client, now: Date, log: (m: string) => void): Promise<PlanningResult['candidates']> {
  const sql: PlannerSql = {
    query: async <T>(text: string, values?: readonly unknown[]) => (await client.query(text, values as unknown[])).rows as T[],
  };
  const [{ time_zone }] = await sql.query<{ time_zone: string }>(`SELECT time_zone FROM workspace_settings WHERE id = 1`);
  const maxLead = Math.max(0, ...(await loadRecipients(sql, time_zone)).flatMap((r) => r.prefs.leadDays));
  const window = candidateWindow(now.toISOString().slice(0, 10), maxLead, WEEKLY_LOOKAHEAD_DAYS);
  const { text, values } = candidatesQuery(window);
  const explained = await explain(client, text, values);
  log(
    `  candidate query: ${explained.rows.toLocaleString('en')} commitments due in ${window.from}..${window.to}, ${explained.serverMs} ms in PostgreSQL`,
  );
  return { ...explained, window };
}

async function explain(client: Client, text: string, values: unknown[]): Promise<ExplainedQuery> {
  const explained = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
  const plan = explained.rows.map((r) => r['QUERY PLAN']).join('\n');
  const rows = Number(/^\S.*?\(actual time=[\d.]+\.\.[\d.]+ rows=([\d.]+)/m.exec(plan)?.[1] ?? NaN);
  return { rows, serverMs: Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN), plan };
}

/** The 1M / 100k ratios: the one-day pass (the target, ≤ 2×) and the candidate query inside PostgreSQL. */
export function compareSizes(small: PlanningResult, big: PlanningResult): { ratio?: number; serverRatio?: number; met?: boolean } {
  const ratioOf = (a?: number, b?: number) =>
    a === undefined || b === undefined ? undefined : Math.round((b / Math.max(a, 0.001)) * 100) / 100;
  const ratio = ratioOf(dayPassMs(small), dayPassMs(big));
  return {
    ratio,
    serverRatio: ratioOf(small.candidates?.serverMs, big.candidates?.serverMs),
    met: ratio === undefined ? false : ratio <= 2,
  };
}

export function dayPassMs(result: PlanningResult): number | undefined {
  const pass = result.passes.find((p) => p.label === DAY_PASS);
  return pass && 'ms' in pass ? pass.ms : undefined;
}
