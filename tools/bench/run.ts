/**
 * npm run bench -- [--quick] [--commitments N] [--duration S] [--connections C] [--planning-1m] [--no-browser]
 *                  [--only list,summary,...] [--api dist/apps/api/main.js] [--web dist/apps/web/browser] [--profile]
 *
 * Measures Pactwatch against the floor (tools/bench/floor.ts: node:http + pg, same SQL, same JSON)
 * in the same run, on the same data, one server loaded at a time, in alternating order. Needs a
 * build first: `npm run build` (or `npx nx run-many -t build -p api,web`). Uses DATABASE_URL, or
 * an embedded PostgreSQL in .data/bench-postgres, seeding the data set when it is not there yet.
 * Prints a table and writes bench/results.json and bench/report.md.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { intArg, parseArgs, stringArg } from './lib/args';
import { firstLoad, FirstLoad, initialJs, InitialJs } from './lib/browser';
import { openBenchServer, ROOT } from './lib/database';
import { BENCH_VIEWER } from './lib/generate';
import { load, LoadResult } from './lib/load';
import { compareSizes, measurePlanning, PlanningResult } from './lib/planning';
import { freePort, Started, startServer } from './lib/processes';
import { renderMarkdown, renderTable } from './lib/report';
import { measureSending, SendingResult } from './lib/sending';
import { ensureSeeded } from './lib/seed-database';
import { startStaticProxy } from './lib/static-proxy';

export interface ScenarioResult {
  id: string;
  title: string;
  path: string;
  targets: string;
  pactwatch?: LoadResult;
  floor?: LoadResult;
  ratio?: number;
  met?: boolean;
  misses: string[];
  sameResponse: string;
  order: string;
  skipped?: string;
  /** How long each side took to give its first answer to the path (computed, not yet cached), before the load. */
  firstAnswerMs?: { pactwatch: number; floor: number };
}

export interface BenchResults {
  generatedAt: string;
  command: string;
  machine: { cores: number; cpu: string; memoryGiB: number; node: string; postgres: string; database: string };
  config: { commitments: number; seed: number; today: string; connections: number; seconds: number; warmupSeconds: number };
  seed: { reused: boolean; seconds?: number; rowsPerSecond?: number; totalRows?: number; rows?: Record<string, number> };
  scenarios: ScenarioResult[];
  planning: { results: PlanningResult[]; ratio?: number; serverRatio?: number; met?: boolean; note: string; sending?: SendingResult };
  browser?: { firstLoad?: FirstLoad; initialJs: InitialJs | null; met?: boolean; note?: string };
}

const log = (message: string) => console.error(message);

/** Sorted-key JSON so two answers with the same content compare equal. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

function firstDifference(a: unknown, b: unknown, path = '$'): string | null {
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b))
    return `${path}: ${JSON.stringify(a)?.slice(0, 80)} vs ${JSON.stringify(b)?.slice(0, 80)}`;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: ${a.length} items vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (a && b && typeof a === 'object') {
    const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return a === b ? null : `${path}: ${JSON.stringify(a)?.slice(0, 80)} vs ${JSON.stringify(b)?.slice(0, 80)}`;
}

/** One GET, timed until its body has arrived. */
async function timedGet(target: Started, path: string, headers: Record<string, string>) {
  const started = performance.now();
  const response = await fetch(target.baseUrl + path, { headers });
  const body = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', body, ms: Math.round(performance.now() - started) };
}

/** Fetches the path from both sides, one after the other, so each first (uncached) answer is timed alone; then compares them. */
async function compareAnswers(
  pactwatch: Started,
  floor: Started,
  path: string,
  headers: Record<string, string>,
): Promise<{ ok: boolean; text: string; firstMs?: { pactwatch: number; floor: number } }> {
  const a = await timedGet(pactwatch, path, headers);
  const b = await timedGet(floor, path, headers);
  if (a.status !== 200) return { ok: false, text: `Pactwatch answered ${a.status}: ${a.body.slice(0, 200)}` };
  if (b.status !== 200) return { ok: false, text: `the floor answered ${b.status}: ${b.body.slice(0, 200)}` };
  const firstMs = { pactwatch: a.ms, floor: b.ms };
  if (a.type.includes('json')) {
    const difference = firstDifference(canonical(JSON.parse(a.body)), canonical(JSON.parse(b.body)));
    return { ok: true, text: difference ? `differs at ${difference}` : 'same', firstMs };
  }
  // iCal: compare the events, not the stamps and the generator's header lines.
  const events = (text: string) =>
    text
      .replace(/\r\n[ \t]/g, '')
      .split(/\r?\n/)
      .filter((l) => /^(UID|DTSTART|SUMMARY)/.test(l))
      .join('\n');
  const [ta, tb] = [events(a.body), events(b.body)];
  return {
    ok: true,
    text: ta === tb ? 'same events' : `events differ (${ta.split('\n').length} vs ${tb.split('\n').length} lines)`,
    firstMs,
  };
}

/**
 * Waits until neither server has a query running: after a load run both keep working through the requests
 * still queued (autocannon stops sending, the servers do not stop serving), which would otherwise eat into
 * the next measurement. Queries still running after `maxSeconds` are cancelled.
 */
async function waitIdle(url: string, maxSeconds = 180, pids: number[] = serverPids): Promise<number> {
  const client = new Client({ connectionString: url, application_name: 'pactwatch-bench-idle' });
  await client.connect();
  const started = Date.now();
  try {
    for (;;) {
      const { rows } = await client.query(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND application_name IN ('pactwatch', 'pactwatch-floor')`,
      );
      if (rows.length === 0 && (await processesIdle(pids))) return (Date.now() - started) / 1000;
      if (Date.now() - started > maxSeconds * 1000) {
        log(`  cancelling ${rows.length} queries still running ${maxSeconds} s after the load stopped`);
        for (const row of rows) await client.query('SELECT pg_cancel_backend($1)', [row.pid]);
        return (Date.now() - started) / 1000;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await client.end();
  }
}

const serverPids: number[] = [];

function cpuTicks(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** True when none of the processes used more than 5% of a core over half a second (Linux /proc; elsewhere always true). */
async function processesIdle(pids: number[]): Promise<boolean> {
  if (pids.length === 0 || !existsSync('/proc/self/stat')) return true;
  const before = pids.map(cpuTicks);
  await new Promise((r) => setTimeout(r, 500));
  return pids.every((pid, i) => cpuTicks(pid) - before[i] <= 2);
}

/** Signs the bench viewer in and makes a feed link's token for the iCal feed of one area (?token=). */
async function signIn(baseUrl: string, area: string): Promise<{ cookie: string; token: string | null } | null> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair.split('=');
      jar.set(name.trim(), value.join('='));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const write = (path: string, body: unknown) =>
    fetch(baseUrl + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookie(), 'x-xsrf-token': jar.get('XSRF-TOKEN') ?? '' },
      body: JSON.stringify(body),
    });
  keep(await fetch(`${baseUrl}/api/auth/session`));
  const login = await write('/api/auth/login', { email: BENCH_VIEWER.email, password: BENCH_VIEWER.password });
  if (!login.ok) {
    log(`  could not sign in as the bench viewer: ${login.status} ${(await login.text()).slice(0, 200)}`);
    return null;
  }
  keep(login);
  const created = await write('/api/me/feed-tokens', { name: `bench ${new Date().toISOString()}`, feed: 'deadlines', filter: { area } });
  const token = created.ok ? (((await created.json()) as { token?: string }).token ?? null) : null;
  if (!token) log(`  could not create a feed token: ${created.status}`);
  return { cookie: cookie(), token };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['quick', 'planning-1m', 'no-browser', 'profile', 'reseed']);
  const quick = args['quick'] === true;
  const commitments = intArg(args, 'commitments', quick ? 5_000 : 100_000);
  const seed = intArg(args, 'seed', 42);
  const today = stringArg(args, 'today') ?? new Date().toISOString().slice(0, 10);
  const seconds = intArg(args, 'duration', quick ? 3 : 10);
  const warmupSeconds = intArg(args, 'warmup', quick ? 1 : 3);
  const connections = intArg(args, 'connections', 32);
  const only = stringArg(args, 'only')?.split(',');
  const apiMain = resolve(ROOT, stringArg(args, 'api') ?? 'dist/apps/api/main.js');
  const webDist = resolve(ROOT, stringArg(args, 'web') ?? 'dist/apps/web/browser');
  const outDir = resolve(ROOT, stringArg(args, 'out') ?? 'bench');
  const wants = (id: string) => !only || only.includes(id);
  if (!existsSync(apiMain)) throw new Error(`${apiMain} does not exist: run \`npm run build\` first (or pass --api)`);

  const server = await openBenchServer(log, commitments);
  const started: Started[] = [];
  try {
    const url = await server.database(commitments);
    const seeded = await ensureSeeded({ url, commitments, seed, today, force: args['reseed'] === true, log });

    const client = new Client({ connectionString: url });
    await client.connect();
    const postgres = (await client.query('SHOW server_version')).rows[0].server_version as string;
    // Scenario inputs, picked from the data so every size has them: a mid-sized area, a commitment with
    // an average history, and a search term that matches a few percent of the archive.
    const area = (
      await client.query(
        `SELECT pa.slug FROM policy_areas pa JOIN commitment_areas ca ON ca.area_id = pa.id GROUP BY pa.slug ORDER BY count(*) DESC, pa.slug OFFSET 1 LIMIT 1`,
      )
    ).rows[0]?.slug as string;
    const detailRef = (
      await client.query(
        `SELECT c.ref_code FROM commitments c WHERE c.anchor_event_id IS NOT NULL
            AND (SELECT count(*) FROM status_updates s WHERE s.commitment_id = c.id) = 10
            AND EXISTS (SELECT 1 FROM commitments k WHERE k.parent_id = c.id)
          ORDER BY c.ref_code LIMIT 1`,
      )
    ).rows[0]?.ref_code as string;
    await client.end();
    const search = 'pipeline feasibility';

    const port = [await freePort(), await freePort()];
    // Both sides build links from the same public URL, so their answers compare equal.
    const env = {
      ...process.env,
      DATABASE_URL: url,
      HOST: '127.0.0.1',
      SCHEDULER_ENABLED: 'false',
      SEED_DEMO_DATA: 'false',
      PUBLIC_URL: `http://127.0.0.1:${port[0]}`,
    };
    const startPactwatch = (web: string) =>
      startServer({
        name: 'Pactwatch',
        command: process.execPath,
        args: [...(args['profile'] ? ['--cpu-prof', `--cpu-prof-dir=${resolve(outDir, 'profiles')}`] : []), apiMain],
        env: {
          ...env,
          PORT: String(port[0]),
          LOG_LEVEL: 'warn',
          NODE_ENV: 'production',
          WEB_DIST_DIR: web,
          NODE_PATH: resolve(ROOT, 'node_modules'),
        },
        cwd: ROOT,
        port: port[0],
        readyPath: '/api/health',
      });
    let pactwatch: Started;
    let dashboardNote: string | undefined;
    try {
      pactwatch = await startPactwatch(webDist);
    } catch (error) {
      // Pactwatch cannot serve the built dashboard (e.g. a Fastify not-found handler registered twice): run the API
      // alone and serve the dashboard for scenario 7 through a plain static server that proxies /api to it.
      const reason =
        error instanceof Error ? (/Pactwatch failed to start: .*/.exec(error.message)?.[0] ?? error.message.split('\n')[0]) : String(error);
      dashboardNote = `Pactwatch did not start with the built dashboard (${reason}); the API ran alone and the dashboard was served by the bench's static proxy.`;
      log(`  ${dashboardNote}`);
      pactwatch = await startPactwatch(resolve(ROOT, '.data/no-dashboard'));
    }
    started.push(pactwatch);
    const floor = await startServer({
      name: 'floor',
      command: process.execPath,
      args: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', resolve(ROOT, 'tools/bench/floor.ts')],
      env: { ...env, PORT: String(port[1]), TS_NODE_PROJECT: resolve(ROOT, 'tools/tsconfig.json') },
      cwd: ROOT,
      port: port[1],
      readyPath: '/api/health/live',
    });
    started.push(floor);
    serverPids.push(pactwatch.pid, floor.pid);
    log(`Pactwatch on ${pactwatch.baseUrl} (pid ${pactwatch.pid}), floor on ${floor.baseUrl} (pid ${floor.pid})`);

    const session = await signIn(pactwatch.baseUrl, area);
    const ratioTarget = '≥ 0.6× floor, p99 ≤ 50 ms';
    const definitions = [
      {
        id: 'list',
        title: '1. Commitments list (area + flag, by due date, 50)',
        path: `/api/commitments?area=${area}&flag=overdue&sort=due_date&pageSize=50`,
        targets: ratioTarget,
      },
      { id: 'summary', title: '2. Dashboard summary', path: '/api/dashboard/summary', targets: `${ratioTarget}, p50 ≤ 20 ms` },
      {
        id: 'detail',
        title: '3. Commitment detail with history',
        path: `/api/commitments/${encodeURIComponent(detailRef ?? 'none')}`,
        targets: ratioTarget,
      },
      {
        id: 'search',
        title: '4. Full-text search',
        path: `/api/commitments?q=${encodeURIComponent(search)}&pageSize=50`,
        targets: ratioTarget,
      },
      {
        id: 'ical',
        title: '5. iCal feed for one area',
        path: `/api/feeds/deadlines.ics?area=${area}${session?.token ? `&token=${session.token}` : ''}`,
        targets: 'reported (no target)',
      },
    ].filter((d) => wants(d.id));

    // Planning and the first load run before the HTTP scenarios, on quiet servers: a load run leaves work queued.
    // Scenario 6: reminder planning (passes of the real planner), at this size and (with --planning-1m) at 1,000,000;
    // then deliveries planned at this size sent through the real sender to an SMTP sink in this process.
    const planning: BenchResults['planning'] = { results: [], note: '' };
    if (wants('planning')) {
      log('6. Reminder planning for one day');
      const timeoutSeconds = quick ? 120 : 900;
      const sendTarget = quick ? 1_000 : 10_000;
      planning.results.push(
        await measurePlanning(url, commitments, today, log, {
          timeoutSeconds,
          whilePlanned: async () => {
            planning.sending = await measureSending(url, new Date(`${today}T12:10:00Z`), sendTarget, log);
          },
        }),
      );
      if (args['planning-1m']) {
        const bigSize = 1_000_000;
        const bigUrl = await server.database(bigSize, undefined);
        log(`  seeding the 1M planning data set (10× the archive, the same live workload) in ${new URL(bigUrl).pathname.slice(1)}`);
        await ensureSeeded({
          url: bigUrl,
          commitments: bigSize,
          seed,
          today,
          activeShare: commitments / bigSize,
          users: Math.min(50_000, Math.max(100, Math.round(commitments / 20))),
          log,
        });
        planning.results.push(await measurePlanning(bigUrl, bigSize, today, log, { timeoutSeconds }));
        Object.assign(planning, compareSizes(planning.results[0], planning.results[1]));
        log(`  1M / 100k: one day's pass ${planning.ratio ?? '–'}×, candidate query ${planning.serverRatio ?? '–'}× (target ≤ 2×)`);
      } else {
        planning.note = 'The 1,000,000-commitment data set is only seeded and measured with --planning-1m.';
      }
    }

    let browser: BenchResults['browser'];
    if (wants('browser') && !args['no-browser']) {
      log('7. Dashboard first load in headless Chromium');
      const js = initialJs(webDist);
      if (!existsSync(resolve(webDist, 'index.html'))) {
        browser = { initialJs: js, note: `No built dashboard in ${webDist}: run \`npm run build\`` };
      } else {
        const proxy = dashboardNote ? await startStaticProxy(webDist, pactwatch.baseUrl, await freePort()) : null;
        try {
          const loaded = await firstLoad(proxy?.baseUrl ?? pactwatch.baseUrl, quick ? 2 : 5, log, resolve(ROOT, 'tmp'));
          browser = {
            firstLoad: loaded,
            initialJs: js,
            met: loaded.renderedMs <= 1500 && (js?.gzip ?? Infinity) <= 250_000,
            note: dashboardNote,
          };
        } catch (error) {
          const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
          browser = { initialJs: js, note: `The overview did not render: ${reason}. ${dashboardNote ?? ''}`.trim() };
        } finally {
          await proxy?.stop();
        }
      }
    }

    const scenarios: ScenarioResult[] = [];
    for (const [index, definition] of definitions.entries()) {
      const headers: Record<string, string> = {};
      const result: ScenarioResult = { ...definition, misses: [], sameResponse: '', order: '' };
      scenarios.push(result);
      log(`${definition.title}: GET ${definition.path.replace(/token=[^&]+/, 'token=…')}`);
      let answers = await compareAnswers(pactwatch, floor, definition.path, headers);
      for (let attempt = 0; attempt < 5 && !answers.ok && /answered (503|429)/.test(answers.text); attempt++) {
        // Still recovering from the previous scenario's load (or throttled): give it a moment.
        await waitIdle(url);
        await new Promise((r) => setTimeout(r, 5_000));
        answers = await compareAnswers(pactwatch, floor, definition.path, headers);
      }
      result.sameResponse = answers.text;
      result.firstAnswerMs = answers.firstMs;
      if (!answers.ok) {
        result.skipped = answers.text;
        log(`  skipped: ${answers.text}`);
        continue;
      }
      log(`  answers: ${answers.text}`);
      const sides: [string, Started][] = [
        ['pactwatch', pactwatch],
        ['floor', floor],
      ];
      if (index % 2 === 1) sides.reverse();
      result.order = sides.map(([name]) => name).join(' then ');
      // A run in which fewer than 20 requests complete says little: measure both sides for longer then.
      let scenarioSeconds = seconds;
      for (const [name, target] of sides) {
        await load(target.baseUrl + definition.path, { connections, seconds: warmupSeconds, headers });
        await waitIdle(url);
        let measured = await load(target.baseUrl + definition.path, { connections, seconds: scenarioSeconds, headers });
        let drained = await waitIdle(url);
        if (measured.total < 20 && scenarioSeconds === seconds && !quick) {
          scenarioSeconds = Math.min(seconds * 4, 60);
          log(`  only ${measured.total} responses in ${seconds} s: measuring both sides for ${scenarioSeconds} s`);
          measured = await load(target.baseUrl + definition.path, { connections, seconds: scenarioSeconds, headers });
          drained = await waitIdle(url);
        }
        if (drained > 1) log(`  (${name} needed ${drained.toFixed(1)} s after the run to finish the requests still queued)`);
        if (name === 'pactwatch') result.pactwatch = measured;
        else result.floor = measured;
        log(
          `  ${name.padEnd(9)} ${measured.requestsPerSecond} req/s, p50 ${measured.p50} ms, p99 ${measured.p99} ms${measured.non2xx ? `, ${measured.non2xx} non-2xx` : ''}`,
        );
      }
      const empty = [result.pactwatch, result.floor].some((r) => r && r.total === 0);
      if (empty) result.misses.push(`no response completed within a ${seconds} s run: use a longer --duration`);
      if (result.pactwatch && result.floor && !empty) {
        result.ratio = Math.round((result.pactwatch.requestsPerSecond / Math.max(result.floor.requestsPerSecond, 0.001)) * 100) / 100;
        if (definition.id !== 'ical') {
          if (result.ratio < 0.6) result.misses.push(`ratio ${result.ratio} < 0.6`);
          if (result.pactwatch.p99 > 50) result.misses.push(`p99 ${result.pactwatch.p99} ms > 50`);
          if (definition.id === 'summary' && result.pactwatch.p50 > 20) result.misses.push(`p50 ${result.pactwatch.p50} ms > 20`);
          if (result.pactwatch.non2xx > 0) result.misses.push(`${result.pactwatch.non2xx} non-2xx answers`);
          result.met = result.misses.length === 0;
        }
      }
    }

    const results: BenchResults = {
      generatedAt: new Date().toISOString(),
      command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
      machine: {
        cores: cpus().length,
        cpu: cpus()[0]?.model ?? 'unknown',
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        postgres,
        database: server.embedded ? 'embedded (.data/bench-postgres)' : 'DATABASE_URL',
      },
      config: { commitments, seed, today, connections, seconds, warmupSeconds },
      seed: seeded.result
        ? {
            reused: false,
            seconds: seeded.result.seconds,
            rowsPerSecond: seeded.result.rowsPerSecond,
            totalRows: seeded.result.totalRows,
            rows: seeded.result.rows,
          }
        : { reused: true },
      scenarios,
      planning,
      browser,
    };
    mkdirSync(outDir, { recursive: true });
    const resultsPath = resolve(outDir, 'results.json');
    if (only && existsSync(resultsPath)) {
      // A partial run (--only) replaces its own parts of the previous results and keeps the rest.
      const previous = JSON.parse(readFileSync(resultsPath, 'utf8')) as BenchResults;
      if (previous.config.commitments === commitments) {
        const rerun = new Set(results.scenarios.map((s) => s.id));
        const kept = previous.scenarios.filter((s) => !rerun.has(s.id));
        results.scenarios = [...kept, ...results.scenarios].sort((a, b) => a.title.localeCompare(b.title));
        const keepPlanning = !wants('planning') && previous.planning.results.length > 0;
        const keepBrowser = (!wants('browser') || Boolean(args['no-browser'])) && previous.browser !== undefined;
        if (keepPlanning) results.planning = previous.planning;
        if (keepBrowser) results.browser = previous.browser;
        results.seed = previous.seed;
        // Name the earlier runs only while some of their figures are still shown.
        if (kept.length > 0 || keepPlanning || keepBrowser) results.command = `${previous.command}; then ${results.command}`;
      }
    }
    writeFileSync(resultsPath, JSON.stringify(results, null, 2) + '\n');
    const reportPath = resolve(outDir, 'report.md');
    const previous = existsSync(reportPath) ? readFileSync(reportPath, 'utf8') : '';
    writeFileSync(reportPath, renderMarkdown(results, previous));
    console.log(renderTable(results));
    log(`Wrote ${resolve(outDir, 'results.json')} and ${reportPath}`);
  } finally {
    for (const process_ of started.reverse()) await process_.stop();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
