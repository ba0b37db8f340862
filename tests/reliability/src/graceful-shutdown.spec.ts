import { createUser, TEST_PASSWORD, TestUser } from '../../support/auth';
import { createTestDatabase, TestDatabase } from '../../support/test-database';
import { ApiAnswer, ApiClient } from './support/api-client';
import { ApiProcess, startApi } from './support/processes';
import { SmtpSink } from './support/smtp-sink';
import { record } from './support/summary';

const IMPORTS = 4;
const IMPORT_ROWS = 300;
const WRITES = 20;
/** The claim lease of the instance that takes over from a killed one. */
const SHORT_LEASE_SECONDS = 5;

interface Delivery {
  id: string;
  state: string;
  attempts: number;
  claimed_by: string | null;
  message_id: string | null;
}

async function until<T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A file of new commitments, slow enough to import that it is still being imported when SIGTERM arrives. */
function importFile(tag: string): string {
  const rows = Array.from({ length: IMPORT_ROWS }, (_, i) => `SD-${tag}-${i},Shutdown commitment ${i},Shutdown agreement ${tag},mou`);
  return ['ref_code,title,agreement,agreement_kind', ...rows].join('\n');
}

describe('graceful shutdown', () => {
  let db: TestDatabase;
  let sink: SmtpSink;
  const processes: ApiProcess[] = [];
  /** The instance that stays up after the first test. */
  let survivor: ApiProcess;

  const start = async (claimLeaseSeconds: number) => {
    const api = await startApi({
      DATABASE_URL: db.url,
      SEED_DEMO_DATA: 'true',
      SMTP_URL: sink.url,
      MAIL_SEND_INTERVAL_SECONDS: '1',
      MAIL_RETRY_BASE_SECONDS: '1',
      MAIL_CLAIM_LEASE_SECONDS: String(claimLeaseSeconds),
      // Room for every request in flight to hold a connection while it waits.
      DATABASE_POOL_SIZE: '40',
      // One analyst's imports, all in flight at once.
      CSV_IMPORTS_PER_USER: String(IMPORTS),
      CSV_IMPORTS_PER_INSTANCE: String(IMPORTS),
    });
    processes.push(api);
    return api;
  };
  const instanceOf = (api: ApiProcess) => `:${api.child.pid}:`;
  /** A password-reset mail: queued in the outbox by the API, then claimed and sent by a scheduler. */
  const requestReset = async (api: ApiProcess, user: TestUser) => {
    const client = new ApiClient(api.url);
    await client.request('GET', '/api/auth/session');
    expect((await client.request('POST', '/api/auth/password-reset/request', { email: user.email })).status).toBe(202);
  };
  const deliveryTo = async (user: TestUser): Promise<Delivery | undefined> =>
    (
      await db.dataSource.query(`SELECT id, state, attempts, claimed_by, message_id FROM mail_outbox WHERE recipient = $1`, [user.email])
    )[0];

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
    sink = new SmtpSink();
    sink.mode = 'stall';
    await sink.start();
  });
  afterAll(async () => {
    await Promise.all(processes.map((api) => api.stop()));
    await db?.drop();
    await sink?.stop();
  });

  it('on SIGTERM answers the requests in flight, refuses new connections, claims nothing more and hands its unsent mail to another instance', async () => {
    const pair = [await start(120), await start(120)];
    await Promise.all(pair.map((api) => api.waitHealthy()));
    const analyst = await createUser({ db }, { role: 'analyst' });
    const [reader, ...later] = await Promise.all([0, 1, 2, 3].map(() => createUser({ db }, { role: 'viewer' })));

    // A mail claimed by whichever instance ticks first, whose sending stalls at the mail server.
    await requestReset(pair[0], reader);
    const claimed = await until('the mail to be claimed', async () => {
      const delivery = await deliveryTo(reader);
      return delivery?.state === 'sending' && sink.stalled.length === 1 && delivery;
    });
    const victim = pair.find((api) => claimed.claimed_by?.includes(instanceOf(api))) as ApiProcess;
    survivor = pair.find((api) => api !== victim) as ApiProcess;

    const client = new ApiClient(victim.url);
    expect((await client.signIn(analyst.email, TEST_PASSWORD)).status).toBe(200);
    // Every request below writes an agreement: a lock held here keeps them all waiting inside the server, so they
    // are certainly in flight when SIGTERM comes.
    const lock = db.dataSource.createQueryRunner();
    await lock.connect();
    await lock.startTransaction();
    await lock.query('LOCK TABLE agreements IN SHARE MODE');
    const work: Promise<ApiAnswer & { at: number }>[] = [
      ...Array.from({ length: IMPORTS }, (_, i) =>
        client.request('POST', '/api/commitments/import.csv', importFile(String(i)), { contentType: 'text/csv', timeoutMs: 60_000 }),
      ),
      ...Array.from({ length: WRITES }, (_, i) => client.request('POST', '/api/agreements', { title: `In flight ${i}`, kind: 'mou' })),
    ].map((answer) => answer.then((a) => ({ ...a, at: performance.now() })));
    await until('every request to wait on the lock', async () => {
      const [row] = await db.dataSource.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      return row.n >= IMPORTS + WRITES;
    });
    const sigterm = performance.now();
    victim.child.kill('SIGTERM');
    sink.mode = 'accept';
    // Once the victim stops listening, a new connection is refused (one that got in first is answered).
    const probes: ApiAnswer[] = [];
    for (let i = 0; i < 50 && probes.at(-1)?.error !== 'ECONNREFUSED'; i++) {
      probes.push(await new ApiClient(victim.url).request('GET', '/api/health/live', undefined, { timeoutMs: 5000 }));
      await sleep(100);
    }
    // Mail queued while the victim shuts down is for the survivor alone.
    for (const user of later) await requestReset(survivor, user);
    await lock.commitTransaction();
    await lock.release();

    const exitCode = await victim.exited();
    const answers = await Promise.all(work);
    const inFlight = answers.filter((answer) => answer.at > sigterm);
    const handedOver = await until('the stalled mail to be sent again', async () => {
      const delivery = await deliveryTo(reader);
      return delivery?.state === 'sent' && delivery;
    });
    const laterMail = await until('the later mail to be sent', async () => {
      const rows = await Promise.all(later.map(deliveryTo));
      return rows.every((row) => row?.state === 'sent') && (rows as Delivery[]);
    });
    const counts = sink.counts();
    const refused = probes.at(-1)?.error === 'ECONNREFUSED' && probes.every((p) => p.status === 200 || p.status === 503 || p.status === 0);
    const unanswered = answers.filter((answer) => answer.status < 200 || answer.status >= 300);
    const laterWrong = laterMail.filter((row) => row.attempts !== 1 || !row.claimed_by?.includes(instanceOf(survivor)));
    const received = [handedOver, ...laterMail].map((row) => counts.get(row.message_id ?? '') ?? 0);
    record({
      scenario: '6. graceful shutdown (SIGTERM)',
      cases: answers.length + 1 + later.length + 1,
      failures: unanswered.length + (refused ? 0 : 1) + laterWrong.length + (exitCode === 0 ? 0 : 1),
      lost: received.filter((n) => n === 0).length,
      duplicated: received.filter((n) => n > 1).length,
      note: `${inFlight.length} of ${answers.length} requests answered after SIGTERM; new connections then refused`,
    });

    expect(exitCode).toBe(0);
    expect(inFlight).toHaveLength(answers.length);
    expect(unanswered.map((a) => `${a.status} ${a.error ?? JSON.stringify(a.body)}`)).toEqual([]);
    expect(refused).toBe(true);
    expect(victim.output()).toMatch(/released 1 unsent mail/);
    // The stalled mail went out once, from the survivor, with the Message-ID stored when the victim first claimed it.
    expect(handedOver).toMatchObject({ attempts: 2, message_id: claimed.message_id });
    expect(handedOver.claimed_by).toContain(instanceOf(survivor));
    expect(sink.stalled[0].messageId).toBe(claimed.message_id);
    expect(received).toEqual([1, 1, 1, 1]);
    expect(laterWrong).toEqual([]);
  });

  it('a mail claimed by a process that was killed is sent exactly once by another instance when the claim lease runs out', async () => {
    const reader = await createUser({ db }, { role: 'viewer' });
    sink.mode = 'stall';
    await requestReset(survivor, reader);
    const claimed = await until('the mail to be claimed', async () => {
      const delivery = await deliveryTo(reader);
      return delivery?.state === 'sending' && sink.stalled.length === 2 && delivery;
    });
    survivor.child.kill('SIGKILL');
    await survivor.exited();
    sink.mode = 'accept';
    const successor = await start(SHORT_LEASE_SECONDS);
    await successor.waitHealthy();
    const resent = await until('the mail to be sent again', async () => {
      const delivery = await deliveryTo(reader);
      return delivery?.state === 'sent' && delivery;
    });
    const received = sink.counts().get(claimed.message_id ?? '') ?? 0;
    record({
      scenario: '6. claim left by a killed process',
      cases: 1,
      failures: resent.claimed_by?.includes(instanceOf(successor)) ? 0 : 1,
      lost: received === 0 ? 1 : 0,
      duplicated: Math.max(0, received - 1),
      note: `resent after the ${SHORT_LEASE_SECONDS} s claim lease, attempt ${resent.attempts}`,
    });

    expect(resent).toMatchObject({ attempts: 2, message_id: claimed.message_id });
    expect(resent.claimed_by).toContain(instanceOf(successor));
    expect(received).toBe(1);
  });
});
