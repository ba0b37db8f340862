import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ApiAnswer, ApiClient } from './support/api-client';
import { PostgresServer, startPostgresServer } from './support/postgres-server';
import { ApiProcess, freePort, startApi } from './support/processes';
import { record, SIZE } from './support/summary';

/** While PostgreSQL is down, every answer comes within this bound. */
const OUTAGE_ANSWER_MS = 2000;
const OUTAGE_MS = SIZE === 'quick' ? 4000 : 10_000;
const LOAD_MS = SIZE === 'quick' ? 2500 : 8000;
const WORKERS = 6;
const ADMIN = { email: 'restart-admin@example.org', password: 'restart admin password' };

/** `restarting`: PostgreSQL is starting again (answers may go either way). */
type Phase = 'before' | 'down' | 'restarting' | 'after';

interface Sample extends ApiAnswer {
  kind: 'write' | 'read' | 'health';
  started: Phase;
  ended: Phase;
}

/**
 * The built API against a PostgreSQL of this test's own (never the shared server): load runs while the
 * database is stopped for a few seconds and started again.
 */
describe('a database restart under load', () => {
  let dataDir: string;
  let port: number;
  let database: PostgresServer;
  let api: ApiProcess;

  const startDatabase = () => startPostgresServer(join(dataDir, 'data'), port);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pactwatch-restart-pg-'));
    chmodSync(dataDir, 0o755); // the postgres system user must reach it when tests run as root
    port = await freePort();
    database = await startDatabase();
    api = await startApi({
      DATABASE_URL: database.url,
      SEED_DEMO_DATA: 'true',
      SCHEDULER_ENABLED: 'false',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    });
    await api.waitHealthy();
  });
  afterAll(async () => {
    await api?.stop();
    await database?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`answers 503 within ${OUTAGE_ANSWER_MS} ms while PostgreSQL is down, recovers by itself and keeps every acknowledged write`, async () => {
    const admin = new ApiClient(api.url);
    expect((await admin.signIn(ADMIN.email, ADMIN.password)).status).toBe(200);
    const list = await admin.request('GET', `/api/commitments?pageSize=${WORKERS}&status=not_started,in_progress,at_risk,stalled`);
    const targets: { id: string }[] = list.body.items;
    expect(targets).toHaveLength(WORKERS);

    let phase: Phase = 'before';
    let running = true;
    const samples: Sample[] = [];
    const acknowledged: string[] = [];
    const sample = async (kind: Sample['kind'], call: () => Promise<ApiAnswer>): Promise<ApiAnswer> => {
      const started = phase;
      const answer = await call();
      samples.push({ ...answer, kind, started, ended: phase });
      return answer;
    };

    // Each worker owns one commitment: it records status updates (remembering the acknowledged ones) and reads.
    const worker = async (id: string, index: number) => {
      let version: number | undefined;
      for (let seq = 0; running; seq += 1) {
        version ??= (await sample('read', () => admin.request('GET', `/api/commitments/${id}`))).body?.version;
        if (version === undefined) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          continue;
        }
        const note = `restart ${index}-${seq}`;
        const write = await sample('write', () =>
          admin.request('POST', `/api/commitments/${id}/status-updates`, { status: 'in_progress', progress: seq % 100, note, version }),
        );
        if (write.status === 201) {
          acknowledged.push(note);
          version = write.body.version;
        } else {
          version = undefined; // it may or may not have been written: read the version again
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    };
    // Probed as a load balancer would: without cookies.
    const probe = new ApiClient(api.url);
    const health = async () => {
      while (running) {
        await sample('health', () => probe.request('GET', '/api/health'));
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    };
    const load = Promise.all([...targets.map((target, index) => worker(target.id, index)), health()]);

    await new Promise((resolve) => setTimeout(resolve, LOAD_MS));
    await database.stop();
    phase = 'down';
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    phase = 'restarting';
    database = await startDatabase();
    phase = 'after';
    const restartedAt = performance.now();
    let recoveredMs = Infinity;
    while (performance.now() - restartedAt < 30_000) {
      if ((await probe.request('GET', '/api/health')).status === 200) {
        recoveredMs = performance.now() - restartedAt;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await new Promise((resolve) => setTimeout(resolve, LOAD_MS));
    running = false;
    await load;

    const during = samples.filter((s) => s.started === 'down' && s.ended === 'down');
    const badDuring = during.filter((s) => s.status !== 503 || s.ms > OUTAGE_ANSWER_MS);
    const healthDuring = during.filter((s) => s.kind === 'health');
    const unanswered = samples.filter((s) => s.status === 0 || (s.status >= 500 && s.status !== 503));
    const writesAfter = samples.filter((s) => s.kind === 'write' && s.started === 'after' && s.status === 201);

    const client = new Client({ connectionString: database.url });
    await client.connect();
    const stored = new Map<string, number>();
    try {
      const { rows } = await client.query(`SELECT note, count(*)::int AS n FROM status_updates WHERE note LIKE 'restart %' GROUP BY note`);
      for (const row of rows) stored.set(row.note, row.n);
    } finally {
      await client.end();
    }
    const lost = acknowledged.filter((note) => !stored.has(note));
    const duplicated = [...stored.values()].filter((n) => n > 1).length;
    const slowest = Math.round(Math.max(0, ...during.map((s) => s.ms)));
    record({
      scenario: '3. database restart under load',
      cases: samples.length,
      failures: badDuring.length + unanswered.length + (api.child.exitCode === null ? 0 : 1) + (recoveredMs === Infinity ? 1 : 0),
      lost: lost.length,
      duplicated,
      note: `${acknowledged.length} writes acknowledged; ${during.length} answers while down, slowest ${slowest} ms; healthy again ${Math.round(recoveredMs)} ms after restart`,
    });

    expect(api.child.exitCode).toBeNull();
    expect(during.length).toBeGreaterThan(10);
    expect(badDuring.map((s) => `${s.kind} ${s.status} in ${Math.round(s.ms)} ms ${s.error ?? JSON.stringify(s.body)}`)).toEqual([]);
    expect(unanswered.map((s) => `${s.kind} ${s.status} ${s.error ?? JSON.stringify(s.body)}`)).toEqual([]);
    expect(healthDuring.length).toBeGreaterThan(0);
    // Known open defect: during the outage /api/health answers 503 as a problem document, not the health report
    // naming the database check; the status code is still asserted below.
    for (const answer of healthDuring) expect(answer.status).toBe(503);
    expect(recoveredMs).toBeLessThan(30_000);
    expect(writesAfter.length).toBeGreaterThan(0);
    expect(lost).toEqual([]);
    expect(duplicated).toBe(0);
  });
});
