import { retryDelayMs } from '@pactwatch/api/reminders';
import { createUser, TEST_PASSWORD, TestUser } from '../../support/auth';
import { createTestDatabase, TestDatabase } from '../../support/test-database';
import { ApiClient } from './support/api-client';
import { ApiProcess, startApi } from './support/processes';
import { SmtpSink } from './support/smtp-sink';
import { record } from './support/summary';

const RETRY_BASE_MS = 1000;
/** How long the mail server stays down once there is mail to send. */
const MAIL_OUTAGE_MS = 5000;
const WATCHERS = 4;
const COMMITMENTS = 3;
const DAY = 86_400_000;

async function until<T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('three replicas against one database and one mail server', () => {
  let db: TestDatabase;
  let sink: SmtpSink;
  const replicas: ApiProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
    sink = new SmtpSink();
    sink.mode = 'refuse';
    await sink.start();
  });
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await db?.drop();
    await sink?.stop();
  });

  it('three API processes starting at once on an empty database apply each migration exactly once', async () => {
    const env = {
      DATABASE_URL: db.url,
      SEED_DEMO_DATA: 'true',
      SMTP_URL: sink.url,
      REMINDER_PLAN_INTERVAL_SECONDS: '1',
      MAIL_SEND_INTERVAL_SECONDS: '1',
      MAIL_RETRY_BASE_SECONDS: String(RETRY_BASE_MS / 1000),
    };
    for (let i = 0; i < 3; i++) replicas.push(await startApi(env));
    const started = await Promise.allSettled(replicas.map((replica) => replica.waitHealthy()));
    const failures = started.filter((result) => result.status === 'rejected').length;

    const applied: { name: string; count: string }[] = await db.dataSource.query(
      'SELECT name, count(*) AS count FROM migrations GROUP BY name',
    );
    const duplicated = applied.filter((row) => Number(row.count) !== 1).length;
    const expected = db.dataSource.migrations.length;
    const agreements = await db.dataSource.query('SELECT count(*)::int AS n FROM agreements');
    record({
      scenario: '5. three replicas: migrations + demo seed',
      cases: 3,
      failures,
      lost: expected - applied.length,
      duplicated: duplicated + (agreements[0].n === 3 ? 0 : Math.max(0, agreements[0].n - 3)),
    });

    expect(failures).toBe(0);
    expect(applied).toHaveLength(expected);
    expect(duplicated).toBe(0);
    expect(agreements[0].n).toBe(3); // the demo data was loaded once, not three times
    for (const replica of replicas) expect(replica.output()).not.toMatch(/failed|error/i);
  });

  it('sends every planned reminder exactly once across the three, after the mail server was down, with backoff', async () => {
    // Commitments due in five days, in an agreement four users watch: 4 × 3 reminders ("due in 7 days"), one mail each.
    const analyst = await createUser({ db }, { role: 'analyst' });
    const client = new ApiClient(replicas[0].url);
    expect((await client.signIn(analyst.email, TEST_PASSWORD)).status).toBe(200);
    const agreement = await client.request('POST', '/api/agreements', { title: 'Replicated reminders', kind: 'mou' });
    const due = new Date(Date.now() + 5 * DAY).toISOString().slice(0, 10);
    const commitments: string[] = [];
    for (let i = 0; i < COMMITMENTS; i++) {
      const created = await client.request('POST', '/api/commitments', {
        refCode: `REP-${i}`,
        title: `Replicated commitment ${i}`,
        agreementId: agreement.body.id,
        deadline: { kind: 'absolute', date: due, precision: 'day' },
      });
      expect(created.status).toBe(201);
      commitments.push(created.body.id);
    }
    const watchers: TestUser[] = [];
    for (let i = 0; i < WATCHERS; i++) watchers.push(await createUser({ db }, { role: 'viewer', email: `watcher-${i}@example.org` }));
    // Preferences and watches in one transaction, so a planner sees all of them or none.
    await db.dataSource.transaction(async (manager) => {
      for (const watcher of watchers) {
        await manager.query(
          `INSERT INTO reminder_preferences (user_id, enabled, lead_days, on_due_day, overdue_repeat_days, digest, send_hour, time_zone,
                                             status_change_notices, version, updated_at)
           VALUES ($1, true, '{30,7,1}', true, 7, 'immediate', 0, 'UTC', 'off', 1, now())`,
          [watcher.id],
        );
        await manager.query(`INSERT INTO watches (user_id, target_type, target_id, created_at) VALUES ($1, 'agreement', $2, now())`, [
          watcher.id,
          agreement.body.id,
        ]);
      }
    });
    const ids = watchers.map((w) => w.id);
    const deliveries = `SELECT id, state, attempts, message_id, claimed_by, created_at, sent_at, last_error FROM mail_outbox WHERE recipient_id = ANY($1::uuid[])`;
    await until('the reminders to be planned and a send to fail', async () => {
      const rows = await db.dataSource.query(deliveries, [ids]);
      return rows.length === WATCHERS * COMMITMENTS && rows.some((row: { attempts: number }) => row.attempts > 0);
    });
    await new Promise((resolve) => setTimeout(resolve, MAIL_OUTAGE_MS));
    sink.mode = 'accept';
    const rows: {
      id: string;
      attempts: number;
      message_id: string;
      claimed_by: string;
      created_at: Date;
      sent_at: Date;
      last_error: string | null;
    }[] = await until('every reminder to be sent', async () => {
      const current = await db.dataSource.query(deliveries, [ids]);
      return current.every((row: { state: string }) => row.state === 'sent') && current;
    });

    const items: { user_id: string; commitment_id: string; n: number }[] = await db.dataSource.query(
      `SELECT user_id, commitment_id, count(*)::int AS n FROM reminder_items WHERE user_id = ANY($1::uuid[]) GROUP BY user_id, commitment_id`,
      [ids],
    );
    const missedItems = WATCHERS * COMMITMENTS - items.filter((item) => commitments.includes(item.commitment_id)).length;
    const doubledItems = items.filter((item) => item.n !== 1).length;
    const counts = sink.counts();
    const lost = rows.filter((row) => !counts.has(row.message_id)).length;
    const duplicated = [...counts.values()].filter((n) => n > 1).length;
    const backoffShort = rows.filter(
      (row) =>
        row.sent_at.getTime() - row.created_at.getTime() <
        Array.from({ length: row.attempts - 1 }, (_, i) => retryDelayMs(i + 1, RETRY_BASE_MS)).reduce((a, b) => a + b, 0),
    );
    const senders = new Set(rows.map((row) => row.claimed_by.split(':').slice(0, 2).join(':')));
    record({
      scenario: '4. mail server down, then back',
      cases: rows.length,
      failures: backoffShort.length + (sink.connectionsRefused > 0 ? 0 : 1),
      lost,
      duplicated,
      note: `${sink.connectionsRefused} connections refused; up to ${Math.max(...rows.map((r) => r.attempts))} attempts each`,
    });
    record({
      scenario: '5. three replicas: reminders',
      cases: WATCHERS * COMMITMENTS,
      failures: 0,
      lost: missedItems + lost,
      duplicated: doubledItems + duplicated,
      note: `sent by ${senders.size} of 3 replicas`,
    });

    expect(sink.connectionsRefused).toBeGreaterThan(0);
    expect(missedItems).toBe(0);
    expect(doubledItems).toBe(0);
    expect(rows).toHaveLength(WATCHERS * COMMITMENTS);
    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
    expect(rows.some((row) => row.attempts > 1)).toBe(true);
    expect(rows.every((row) => row.last_error === null)).toBe(true);
    expect(backoffShort).toEqual([]);
  });

  it('a session made on one replica works on the others, and signing out on one ends it on the others', async () => {
    const user = await createUser({ db }, { role: 'viewer' });
    const [a, b, c] = replicas;
    const onA = new ApiClient(a.url);
    expect((await onA.signIn(user.email, TEST_PASSWORD)).status).toBe(200);
    const seen = await Promise.all([a, b, c].map((replica) => onA.on(replica.url).request('GET', '/api/me')));
    const signOut = await onA.request('POST', '/api/auth/logout');
    const afterOnB = await onA.on(b.url).request('GET', '/api/me');
    record({
      scenario: '5. three replicas: session',
      cases: 5,
      failures: seen.filter((s) => s.status !== 200).length + (signOut.status === 204 ? 0 : 1) + (afterOnB.status === 401 ? 0 : 1),
      lost: 0,
      duplicated: 0,
    });

    expect(seen.map((s) => [s.status, s.body?.email])).toEqual([
      [200, user.email],
      [200, user.email],
      [200, user.email],
    ]);
    expect(signOut.status).toBe(204);
    expect(afterOnB.status).toBe(401);
  });

  it('counts failed sign-ins on all replicas together: the eleventh within a minute is refused wherever it lands', async () => {
    const user = await createUser({ db }, { role: 'viewer' });
    const answers = [];
    for (let i = 0; i < 11; i++) answers.push((await new ApiClient(replicas[i % 3].url).signIn(user.email, 'not the password')).status);
    const correct = (await new ApiClient(replicas[2].url).signIn(user.email, TEST_PASSWORD)).status;
    record({
      scenario: '5. three replicas: sign-in throttle',
      cases: 12,
      failures: answers.slice(0, 10).filter((s) => s !== 401).length + (answers[10] === 429 ? 0 : 1) + (correct === 429 ? 0 : 1),
      lost: 0,
      duplicated: 0,
    });

    expect(answers).toEqual([...Array(10).fill(401), 429]);
    expect(correct).toBe(429); // the account stays locked for the rest of the minute, even with the right password
  });
});
