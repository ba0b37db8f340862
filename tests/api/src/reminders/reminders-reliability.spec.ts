import { MAX_ATTEMPTS, retryDelayMs } from '@pactwatch/api/reminders';
import { anonymousHeaders, createUser, signInAs } from '../../../support/auth';
import { startTestApp, TestApp } from '../../../support/test-app';
import { commitmentId, DAY, HOUR, outbox, person, Person, plannerOf, senderOf, tick, watch } from './reminder-fixtures';
import { SmtpSink } from './smtp-sink';

const PUBLIC_URL = 'https://pactwatch.example.org';

/** Which reminder keys reached the sink, from the Message-IDs (one delivery id each). */
async function deliveredKeys(t: TestApp, sink: SmtpSink): Promise<string[]> {
  const keys: string[] = [];
  for (const mail of sink.received) {
    const [row] = await t.db.dataSource.query(`SELECT items FROM mail_outbox WHERE id = $1`, [mail.messageId.replace(/^<|@.*$/g, '')]);
    keys.push(...row.items.map((item: { itemKey: string }) => item.itemKey));
  }
  return keys;
}

describe('three instances planning and sending against one database', () => {
  let sink: SmtpSink;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    sink = new SmtpSink(() => apps[0].clock.now());
    await sink.start();
    const env = { SMTP_URL: sink.url, PUBLIC_URL };
    apps.push(await startTestApp({ demo: true, now: '2026-01-01T05:00:00Z', env }));
    for (let i = 0; i < 2; i += 1) apps.push(await startTestApp({ db: apps[0].db, clock: apps[0].clock, env }));
  }, 120_000);
  afterAll(async () => {
    for (const t of apps.slice(1)) await t.stop();
    await apps[0]?.close();
    await sink?.stop();
  });

  it('sends every reminder exactly once over 20 days with all three running the scheduler at once', async () => {
    const [t] = apps;
    const users: Person[] = [];
    const [mou] = await t.db.dataSource.query(`SELECT agreement_id AS id FROM commitments WHERE ref_code = 'AZ-US-2025-01'`);
    for (const [i, zone] of ['Asia/Baku', 'UTC', 'America/New_York', 'Asia/Tokyo', 'Europe/Berlin', 'Pacific/Auckland'].entries()) {
      const user = await person(t, `multi-${i}`, zone, { digest: i % 2 === 0 ? 'immediate' : 'daily', sendHour: 6 + i });
      await watch(t.db, user, 'agreement', mou.id);
      users.push(user);
    }
    const outcomes: { skipped: number } = { skipped: 0 };
    for (let hour = 0; hour < 20 * 24; hour += 3) {
      const results = await Promise.all(apps.map((app) => plannerOf(app).run()));
      outcomes.skipped += results.filter((r) => r === null).length;
      await Promise.all(apps.map((app) => senderOf(app).sendDue({ batchSize: 3 })));
      t.clock.advance(3 * HOUR);
    }
    const keys = await deliveredKeys(t, sink);
    expect(keys.length).toBeGreaterThan(users.length * 3);
    expect(new Set(keys).size).toBe(keys.length); // no duplicates
    const [{ planned }] = await t.db.dataSource.query(`SELECT count(*)::int AS planned FROM reminder_items`);
    expect(keys.length).toBe(planned); // nothing missed: every planned reminder went out
    const rows = await outbox(t.db);
    expect(rows.every((row) => row.state === 'sent' && row.attempts === 1)).toBe(true);
    // The advisory lock really was contended: some runs found another instance planning.
    expect(outcomes.skipped).toBeGreaterThan(0);
  }, 120_000);
});

describe('reminder delivery through outages', () => {
  let t: TestApp;
  let sink: SmtpSink;

  beforeEach(async () => {
    sink = new SmtpSink(() => t.clock.now());
    await sink.start();
    t = await startTestApp({ demo: true, now: '2026-01-20T03:00:00Z', env: { SMTP_URL: sink.url, PUBLIC_URL } });
  }, 120_000);
  afterEach(async () => {
    await t.close();
    await sink.stop();
  });

  it('delivers everything exactly once after SMTP was down for 15 hours of the day, recording attempts and backoff', async () => {
    const owner = await person(t, 'outage', 'UTC', { digest: 'immediate', sendHour: 6 });
    await t.db.dataSource.query(
      `UPDATE commitments SET owner_id = $1 WHERE status NOT IN ('completed', 'not_pursued', 'partially_completed')`,
      [owner.id],
    );
    sink.down = true;
    // Down from 03:00 to 18:00 UTC: the mail planned at 06:00 is retried and goes out the same (local) day. An
    // outage across the recipient's midnight ends in a catch-up mail instead (reminders-outage.spec.ts).
    const downUntil = t.clock.now().getTime() + 15 * HOUR;
    for (let step = 0; step < (3 * DAY) / (15 * 60_000); step += 1) {
      if (t.clock.now().getTime() >= downUntil) sink.down = false;
      await tick(t);
      t.clock.advance(15 * 60_000);
    }
    expect(sink.connectionsRefused).toBeGreaterThan(0);
    const rows = await outbox(t.db);
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.every((row) => row.state === 'sent')).toBe(true);
    const keys = await deliveredKeys(t, sink);
    expect(new Set(keys).size).toBe(keys.length);
    expect(sink.received).toHaveLength(rows.length);
    // Mail planned while SMTP was down needed several attempts, spaced by the growing backoff.
    const retried = rows.filter((row) => row.attempts > 1);
    expect(retried.length).toBeGreaterThan(0);
    for (const row of retried) {
      expect(row.attempts).toBeLessThan(MAX_ATTEMPTS);
      expect(row.last_error).toBeNull();
    }
    const [first] = await t.db.dataSource.query(
      `SELECT attempts, created_at, sent_at FROM mail_outbox WHERE attempts > 1 ORDER BY created_at LIMIT 1`,
    );
    const minimumWait = Array.from({ length: first.attempts - 1 }, (_, i) => retryDelayMs(i + 1)).reduce((a, b) => a + b, 0);
    expect(first.sent_at.getTime() - first.created_at.getTime()).toBeGreaterThanOrEqual(minimumWait);
  }, 120_000);

  it('marks account mail dead after repeated failures, keeps the reason for the admin, and an admin can send it again', async () => {
    const admin = await createUser(t, { role: 'admin', email: 'outbox-admin@example.org' });
    await person(t, 'deadletter', 'UTC');
    expect(
      (
        await t.request({
          method: 'POST',
          url: '/api/auth/password-reset/request',
          headers: await anonymousHeaders(t),
          payload: { email: 'deadletter@example.org' },
        })
      ).statusCode,
    ).toBe(202);
    sink.down = true;
    for (let step = 0; step < 60; step += 1) {
      await senderOf(t).sendDue();
      t.clock.advance(HOUR);
    }
    const [row] = (await outbox(t.db)).filter((r) => r.recipient === 'deadletter@example.org');
    expect(row).toMatchObject({ state: 'dead', attempts: MAX_ATTEMPTS });
    expect(row.last_error).toMatch(/Attempt 12: .*421/);

    sink.down = false;
    const adminHeaders = await signInAs(t, admin.email);
    const retried = await t.request({ method: 'POST', url: `/api/outbox/${row.id}/retry`, headers: adminHeaders });
    expect([retried.statusCode, retried.json().state, retried.json().attempts]).toEqual([200, 'pending', 0]);
    await senderOf(t).sendDue();
    expect(sink.received.map((m) => m.to)).toEqual(['deadletter@example.org']);
    const again = await t.request({ method: 'POST', url: `/api/outbox/${row.id}/retry`, headers: adminHeaders });
    expect([again.statusCode, again.json().code]).toEqual([409, 'conflict']);
    const [audit] = await t.db.dataSource.query(`SELECT actor_id, summary FROM audit_log WHERE entity_type = 'mail_delivery'`);
    expect(audit).toMatchObject({
      actor_id: admin.id,
      summary: expect.stringContaining('Sent a dead mail to deadletter@example.org again'),
    });
  }, 120_000);

  it('after 5 days stopped, sends each still-relevant reminder once and nothing for what was completed meanwhile', async () => {
    // Lead days 30/7/1 daily: on 20 Jan the Charter (due 8 Feb) has had its 30-day reminder.
    const owner = await person(t, 'catchup', 'Asia/Baku', { digest: 'daily', sendHour: 8 });
    const charter = await commitmentId(t.db, 'AZ-US-2025-01');
    const ex03 = await commitmentId(t.db, 'EX-03'); // due 9 Feb (20 days after the demo's "today")
    await t.db.dataSource.query(`UPDATE commitments SET owner_id = $1, due_date = '2026-01-24' WHERE id = $2`, [owner.id, ex03]);
    const ex02 = await commitmentId(t.db, 'EX-02');
    await t.db.dataSource.query(`UPDATE commitments SET owner_id = $1, due_date = '2026-01-23' WHERE id = $2`, [owner.id, ex02]);
    await t.db.dataSource.query(`UPDATE commitments SET owner_id = $1 WHERE id = $2`, [owner.id, charter]);
    t.clock.set('2026-01-20T05:00:00Z'); // 09:00 in Baku
    await tick(t);
    const firstDay = await deliveredKeys(t, sink);
    expect(firstDay.sort()).toEqual(
      [`${charter}:due_in_30:2026-02-08`, `${ex02}:due_in_7:2026-01-23`, `${ex03}:due_in_7:2026-01-24`]
        .map((k) => `${owner.id}:${k}`)
        .sort(),
    );

    // Stopped from 20 Jan to 25 Jan. Meanwhile EX-02 is completed; EX-03's due date passes (24 Jan).
    await t.stop();
    await t.db.dataSource.query(`UPDATE commitments SET status = 'completed' WHERE id = $1`, [ex02]);
    const clock = t.clock;
    clock.set('2026-01-25T05:00:00Z');
    const restarted = await startTestApp({ db: t.db, clock, env: { SMTP_URL: sink.url, PUBLIC_URL } });
    try {
      await tick(restarted);
      clock.advance(HOUR);
      await tick(restarted); // a second run the same day adds nothing
      const keys = await deliveredKeys(restarted, sink);
      const afterRestart = keys.slice(firstDay.length).sort();
      // One mail: EX-03's missed 1-day and due-day reminders collapse into the one overdue reminder that holds now;
      // the Charter had no reminder due in the gap; EX-02 was completed, so it gets none.
      expect(afterRestart).toEqual([`${owner.id}:${ex03}:overdue_1:2026-01-24`]);
      expect(sink.received).toHaveLength(2);
      expect(sink.received[1].subject).toBe(
        '[Pactwatch] EX-03 Example: digital connectivity feasibility study — 1 day overdue (due 24 Jan 2026)',
      );
    } finally {
      await restarted.stop();
    }
  }, 120_000);

  it('re-plans pending reminders when the due date moves, the owner changes, or the commitment is completed', async () => {
    sink.down = true; // keep everything pending
    const first = await person(t, 'first-owner', 'UTC', { digest: 'immediate', sendHour: 0 });
    const second = await person(t, 'second-owner', 'UTC', { digest: 'immediate', sendHour: 0 });
    const charter = await commitmentId(t.db, 'AZ-US-2025-01');
    const ex03 = await commitmentId(t.db, 'EX-03');
    const ex02 = await commitmentId(t.db, 'EX-02');
    await t.db.dataSource.query(`UPDATE commitments SET owner_id = $1 WHERE id = ANY($2::uuid[])`, [first.id, [charter, ex03, ex02]]);
    await plannerOf(t).run();
    expect((await outbox(t.db)).filter((r) => r.state === 'pending')).toHaveLength(3);

    await t.db.dataSource.query(`UPDATE commitments SET due_date = '2026-01-27' WHERE id = $1`, [charter]); // moved earlier
    await t.db.dataSource.query(`UPDATE commitments SET owner_id = $1 WHERE id = $2`, [second.id, ex03]); // new owner
    await t.db.dataSource.query(`UPDATE commitments SET status = 'not_pursued' WHERE id = $1`, [ex02]); // closed
    const result = await plannerOf(t).run();
    expect(result?.deliveriesCancelled).toBe(3);
    const rows = await outbox(t.db);
    const pending = rows
      .filter((r) => r.state === 'pending')
      .map((r) => `${r.recipient} ${r.items[0].itemKey.split(':').slice(2).join(':')}`);
    expect(pending.sort()).toEqual(['first-owner@example.org due_in_7:2026-01-27', 'second-owner@example.org due_in_30:2026-02-09'].sort());
    expect(rows.filter((r) => r.state === 'cancelled').map((r) => r.last_error)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('is now due on 2026-01-27'),
        expect.stringContaining('no longer owns'),
        expect.stringContaining('not pursued'),
      ]),
    );
  }, 120_000);
});

describe('one-click unsubscribe', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ demo: true, now: '2026-01-20T10:00:00Z', env: { PUBLIC_URL } });
  }, 120_000);
  afterAll(() => t.close());

  async function unsubscribeUrl(user: Person): Promise<string> {
    await t.db.dataSource.query(`UPDATE commitments SET owner_id = $1 WHERE ref_code = 'AZ-US-2025-01'`, [user.id]);
    await plannerOf(t).run();
    const [row] = await t.db.dataSource.query(`SELECT unsubscribe_url FROM mail_outbox WHERE recipient_id = $1`, [user.id]);
    return row.unsubscribe_url.replace(PUBLIC_URL, '');
  }

  it('shows a confirmation without signing in, and the GET changes nothing', async () => {
    const user = await person(t, 'confirm', 'UTC', { sendHour: 0 });
    const url = await unsubscribeUrl(user);
    const page = await t.request({ method: 'GET', url });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('confirm@example.org');
    expect(page.body).toContain('method="post"');
    const [prefs] = await t.db.dataSource.query(`SELECT enabled FROM reminder_preferences WHERE user_id = $1`, [user.id]);
    expect(prefs.enabled).toBe(true);
  });

  it('refuses a tampered token on the confirmation page', async () => {
    const user = await person(t, 'tamper-get', 'UTC', { sendHour: 0 });
    const url = await unsubscribeUrl(user);
    expect((await t.request({ method: 'GET', url: url.replace(/.(?=$)/, (c) => (c === 'A' ? 'B' : 'A')) })).statusCode).toBe(400);
    const forged = url.replace(/token=[^.]+/, `token=${Buffer.from('00000000-0000-4000-8000-000000000000').toString('base64url')}`);
    expect((await t.request({ method: 'GET', url: forged })).statusCode).toBe(400);
  });

  it('works without signing in: GET only confirms, the RFC 8058 POST unsubscribes', async () => {
    const user = await person(t, 'unsub', 'UTC', { sendHour: 0 });
    const url = await unsubscribeUrl(user);
    const page = await t.request({ method: 'GET', url });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('unsub@example.org');
    const [stillOn] = await t.db.dataSource.query(`SELECT enabled FROM reminder_preferences WHERE user_id = $1`, [user.id]);
    expect(stillOn.enabled).toBe(true);

    const post = await t.request({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(post.statusCode).toBe(200);
    const [prefs] = await t.db.dataSource.query(`SELECT enabled, unsubscribed_at FROM reminder_preferences WHERE user_id = $1`, [user.id]);
    expect(prefs.enabled).toBe(false);
    expect(prefs.unsubscribed_at).not.toBeNull();
    // Nothing more is planned for them, and what was pending is cancelled.
    t.clock.advance(DAY);
    await plannerOf(t).run();
    const rows = await t.db.dataSource.query(`SELECT state FROM mail_outbox WHERE recipient_id = $1`, [user.id]);
    expect(rows.map((r: { state: string }) => r.state)).toEqual(['cancelled']);
  });

  it('refuses a tampered token on the one-click POST', async () => {
    const user = await person(t, 'tamper', 'UTC', { sendHour: 0 });
    const url = await unsubscribeUrl(user);
    const tampered = url.replace(/.(?=$)/, (c) => (c === 'A' ? 'B' : 'A'));
    for (const method of ['GET', 'POST'] as const) {
      const response = await t.request({
        method,
        url: tampered,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: method === 'POST' ? 'List-Unsubscribe=One-Click' : undefined,
      });
      expect({ method, status: response.statusCode, body: response.json() }).toMatchObject({ method, status: 400 });
    }
    const other = await person(t, 'victim', 'UTC');
    const forged = url.replace(/token=[^.]+/, `token=${Buffer.from(other.id).toString('base64url')}`);
    expect(
      (
        await t.request({
          method: 'POST',
          url: forged,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: 'List-Unsubscribe=One-Click',
        })
      ).statusCode,
    ).toBe(400);
    const [prefs] = await t.db.dataSource.query(`SELECT enabled FROM reminder_preferences WHERE user_id = $1`, [user.id]);
    expect(prefs.enabled).toBe(true);
  });
});
