import { Logger } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { CommitmentDetailDto } from '@pactwatch/shared/contracts';
import { anonymousHeaders, AuthHeaders, createUser, signInAs } from '../../../support/auth';
import { startTestApp, TestApp } from '../../../support/test-app';
import { commitmentId, HOUR, outbox, person, plannerOf, senderOf, tick, watch } from './reminder-fixtures';
import { SmtpSink } from './smtp-sink';

const PUBLIC_URL = 'https://pactwatch.example.org';
const MINUTE = 60_000;

/** The delivery id a received mail came from (its Message-ID is `<delivery id@host>`). */
const deliveryOf = (messageId: string) => messageId.replace(/^<|@.*$/g, '');

async function recordStatus(t: TestApp, headers: AuthHeaders, id: string, status: string, progress: number): Promise<CommitmentDetailDto> {
  const current = (await t.request({ method: 'GET', url: `/api/commitments/${id}`, headers })).json<CommitmentDetailDto>();
  const response = await t.request({
    method: 'POST',
    url: `/api/commitments/${id}/status-updates`,
    headers,
    payload: { status, progress, note: `Now ${status}`, version: current.version },
  });
  if (response.statusCode !== 201) throw new Error(`Status update failed: ${response.statusCode} ${response.body}`);
  return response.json<CommitmentDetailDto>();
}

describe('reminders through mail outages', () => {
  let t: TestApp;
  let sink: SmtpSink;

  beforeEach(async () => {
    sink = new SmtpSink(() => t.clock.now());
    await sink.start();
    // With credentials, so that the server's answer to the sign-in counts too.
    const smtpUrl = sink.url.replace('smtp://', 'smtp://pactwatch:secret@');
    t = await startTestApp({ demo: true, now: '2026-02-07T07:00:00Z', env: { SMTP_URL: smtpUrl, PUBLIC_URL } });
  }, 120_000);
  afterEach(async () => {
    jest.restoreAllMocks();
    await t.close();
    await sink.stop();
  });

  it('an outage across the recipient’s midnight delivers one mail, and it says “due today” on the due day', async () => {
    const owner = await person(t, 'midnight', 'UTC', { digest: 'immediate', sendHour: 8 });
    const charter = await commitmentId(t.db, 'AZ-US-2025-01'); // due 8 Feb 2026
    await t.db.dataSource.query(`UPDATE commitments SET owner_id = $1 WHERE id = $2`, [owner.id, charter]);
    sink.down = true;
    // 7 Feb 07:00 → 8 Feb 09:00, every 15 minutes; SMTP comes back at 07:30 on the due day, before the send hour.
    for (let at = t.clock.now().getTime(); at <= Date.parse('2026-02-08T09:00:00Z'); at += 15 * MINUTE) {
      t.clock.set(new Date(at));
      if (at >= Date.parse('2026-02-08T07:30:00Z')) sink.down = false;
      await tick(t);
    }
    expect(sink.received).toHaveLength(1);
    const [mail] = sink.received;
    expect(mail.subject).toBe('[Pactwatch] Catch-up: AZ-US-2025-01 Draft the Strategic Partnership Charter — due today, 8 Feb 2026');
    expect(mail.text).toContain('Due 8 Feb 2026: due today.');
    expect(mail.text).not.toContain('due tomorrow');
    expect(mail.receivedAt.toISOString() >= '2026-02-08T08:00:00.000Z').toBe(true);
    // The "due tomorrow" mail planned on 7 Feb was superseded by this one; the ledger accounts for both reminders.
    const rows = await outbox(t.db);
    const sent = rows.find((r) => r.id === deliveryOf(mail.messageId));
    expect(sent).toMatchObject({ state: 'sent', kind: 'catchup' });
    const superseded = rows.filter((r) => r.state === 'superseded');
    expect(superseded.map((r) => r.items.map((i) => i.itemKey))).toEqual([[`${owner.id}:${charter}:due_in_1:2026-02-08`]]);
    const ledger = await t.db.dataSource.query(
      `SELECT i.item_key, d.state, d.superseded_by FROM reminder_items i JOIN mail_outbox d ON d.id = i.delivery_id WHERE i.user_id = $1`,
      [owner.id],
    );
    expect(ledger).toHaveLength(2);
    for (const row of ledger) expect(row.state === 'sent' || (row.state === 'superseded' && row.superseded_by === sent?.id)).toBe(true);
  }, 120_000);

  it('retries a 554 greeting as an outage, reports it in the health check, the outbox status and the log, then delivers once', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error');
    const owner = await person(t, 'greeting', 'UTC', { digest: 'immediate', sendHour: 0 });
    await t.db.dataSource.query(`UPDATE commitments SET owner_id = $1 WHERE ref_code = 'AZ-US-2025-01'`, [owner.id]);
    const admin = await createUser(t, { role: 'admin', email: 'mail-admin@example.org' });
    sink.down = true;
    sink.greeting = 554;
    await tick(t);
    let [row] = await outbox(t.db);
    expect(row).toMatchObject({ state: 'failed', attempts: 1 });
    expect(row.last_error).toMatch(/^Attempt 1: .*554/);
    expect((await t.request({ method: 'GET', url: '/api/health' })).json().status).toBe('ok'); // one failure is not an outage yet

    for (let i = 0; i < 6; i += 1) {
      t.clock.advance(15 * MINUTE);
      await tick(t);
    }
    const health = await t.request({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200); // readiness holds: mail is not needed to serve
    expect(health.json()).toMatchObject({ status: 'degraded', info: { database: { status: 'up' }, mail: { status: 'degraded' } } });
    expect(health.json().info.mail.message).toBe('Mail has been failing for 1 hour(s)');
    const headers = await signInAs(t, admin.email);
    const status = (await t.request({ method: 'GET', url: '/api/outbox/status', headers })).json();
    expect(status).toMatchObject({ status: 'failing', failingForHours: 1, failingSince: '2026-02-07T07:00:00.000Z', unsent: 1 });
    expect(status.lastError).toMatch(/554/);
    expect(errors.mock.calls.map(([message]) => String(message))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Mail has been failing for 1 hour\(s\), since 2026-02-07T07:00:00.000Z/)]),
    );
    [row] = await outbox(t.db);
    expect(row.state).toBe('failed');

    sink.down = false;
    for (let i = 0; i < 8; i += 1) {
      t.clock.advance(15 * MINUTE);
      await tick(t);
    }
    expect(sink.received).toHaveLength(1);
    [row] = await outbox(t.db);
    expect(row.state).toBe('sent');
    expect(row.attempts).toBeGreaterThan(2);
    expect((await t.request({ method: 'GET', url: '/api/health' })).json()).toMatchObject({
      status: 'ok',
      info: { mail: { status: 'up' } },
    });
    expect((await t.request({ method: 'GET', url: '/api/outbox/status', headers })).json()).toMatchObject({
      status: 'ok',
      failingSince: null,
    });
  }, 120_000);

  it('retries a refused sign-in (535) as an outage, and gives up at once only on a refused recipient address (550 on RCPT TO)', async () => {
    const good = await person(t, 'good-address', 'UTC', { digest: 'immediate', sendHour: 0 });
    const gone = await person(t, 'gone-address', 'UTC', { digest: 'immediate', sendHour: 0 });
    await t.db.dataSource.query(`UPDATE commitments SET owner_id = $1 WHERE ref_code = 'AZ-US-2025-01'`, [good.id]);
    await t.db.dataSource.query(`UPDATE commitments SET owner_id = $1 WHERE ref_code = 'EX-03'`, [gone.id]);
    sink.refuseLogins = true;
    sink.unknownRecipients.add(gone.email);
    await tick(t);
    expect(sink.loginsRefused).toBeGreaterThan(0);
    expect((await outbox(t.db)).map((r) => [r.recipient, r.state])).toEqual(
      expect.arrayContaining([
        [good.email, 'failed'],
        [gone.email, 'failed'],
      ]),
    );
    sink.refuseLogins = false;
    t.clock.advance(10 * MINUTE);
    await tick(t);
    const rows = await outbox(t.db);
    expect(rows.find((r) => r.recipient === good.email)).toMatchObject({ state: 'sent', attempts: 2 });
    const dead = rows.find((r) => r.recipient === gone.email);
    expect(dead).toMatchObject({ state: 'dead', attempts: 2 });
    expect(dead?.last_error).toMatch(/^Attempt 2: the recipient address was refused: 550/);
  }, 120_000);

  it('tells only those who watched when the change was made: a watcher added 15 minutes later hears nothing of it', async () => {
    const analyst = await createUser(t, { role: 'analyst', email: 'notice-analyst@example.org' });
    const early = await person(t, 'early-watcher', 'UTC', { sendHour: 0, statusChangeNotices: 'immediate' });
    const late = await person(t, 'late-watcher', 'UTC', { sendHour: 0, statusChangeNotices: 'immediate' });
    const ex03 = await commitmentId(t.db, 'EX-03');
    await plannerOf(t).run(); // the first pass: nothing before it is news
    await watch(t.db, early, 'commitment', ex03, t.clock.now());
    t.clock.advance(MINUTE);
    await recordStatus(t, await signInAs(t, analyst.email), ex03, 'at_risk', 40);
    t.clock.advance(15 * MINUTE);
    // The late watcher follows it through the API, as the dashboard does.
    const lateHeaders = await signInAs(t, late.email);
    expect(
      (
        await t.request({
          method: 'POST',
          url: '/api/watches',
          headers: lateHeaders,
          payload: { targetType: 'commitment', targetId: ex03 },
        })
      ).statusCode,
    ).toBe(201);
    await tick(t);
    t.clock.advance(5 * MINUTE);
    await tick(t); // a second pass re-reads the margin behind its cursor: still nothing for the late watcher
    const notices = await t.db.dataSource.query(`SELECT user_id FROM reminder_items WHERE kind = 'status_change' ORDER BY user_id`);
    expect(notices.map((n: { user_id: string }) => n.user_id)).toEqual([early.id]);
    expect(sink.received.filter((m) => m.subject.includes('is now at risk')).map((m) => m.to)).toEqual([early.email]);
  }, 120_000);

  it('sends no reset or invitation token in clear in the outbox once sent, and the mail received has a working link', async () => {
    const user = await createUser(t, { role: 'viewer', email: 'forgetful@example.org' });
    const anonymous = await anonymousHeaders(t);
    expect(
      (await t.request({ method: 'POST', url: '/api/auth/password-reset/request', headers: anonymous, payload: { email: user.email } }))
        .statusCode,
    ).toBe(202);
    const admin = await createUser(t, { role: 'admin', email: 'inviter@example.org' });
    const invited = await t.request({
      method: 'POST',
      url: '/api/users',
      headers: await signInAs(t, admin.email),
      payload: { email: 'newcomer@example.org', displayName: 'Newcomer', role: 'viewer' },
    });
    expect(invited.statusCode).toBe(201);
    await senderOf(t).sendDue();
    const tokenOf = (to: string) => /[?&]token=([^&\s"<>]+)/.exec(sink.received.find((m) => m.to === to)?.text ?? '')?.[1] ?? '';
    const resetToken = decodeURIComponent(tokenOf(user.email));
    const inviteToken = decodeURIComponent(tokenOf('newcomer@example.org'));
    expect(resetToken.length).toBeGreaterThan(20);
    expect(inviteToken.length).toBeGreaterThan(20);
    const rows: { text: string; html: string; subject: string; state: string }[] = await t.db.dataSource.query(
      `SELECT state, subject, text, html FROM mail_outbox WHERE kind = 'message'`,
    );
    expect(rows.map((r) => r.state)).toEqual(['sent', 'sent']);
    for (const row of rows) {
      for (const token of [resetToken, inviteToken, encodeURIComponent(resetToken), encodeURIComponent(inviteToken)]) {
        expect(`${row.subject}${row.text}${row.html}`).not.toContain(token);
      }
      expect(row.text).toContain('token=(hidden)');
    }
    const reset = await t.request({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      headers: anonymous,
      payload: { token: resetToken, newPassword: 'a brand new passphrase 2026' },
    });
    expect(reset.statusCode).toBe(204);
    const accepted = await t.request({
      method: 'POST',
      url: '/api/auth/invitations/accept',
      headers: anonymous,
      payload: { token: inviteToken, password: 'another new passphrase 2026' },
    });
    expect(accepted.statusCode).toBe(200);
  }, 120_000);
});

describe('unsubscribe links across a SESSION_SECRET change', () => {
  it('keeps working when SESSION_SECRET is set or changed after the mail went out, and a repeated POST changes nothing', async () => {
    const env = { PUBLIC_URL, SESSION_SECRET: 'the first secret of this deployment, long enough' };
    const first = await startTestApp({ demo: true, now: '2026-01-20T10:00:00Z', env });
    try {
      const user = await person(first, 'rotating', 'UTC', { sendHour: 0 });
      await first.db.dataSource.query(`UPDATE commitments SET owner_id = $1 WHERE ref_code = 'AZ-US-2025-01'`, [user.id]);
      await plannerOf(first).run();
      const [row] = await first.db.dataSource.query(`SELECT unsubscribe_url FROM mail_outbox WHERE recipient_id = $1`, [user.id]);
      const token = new URL(row.unsubscribe_url).searchParams.get('token') ?? '';
      // Opaque: neither the user's id nor its base64 is in it.
      expect(token).not.toContain(user.id);
      expect(token).not.toContain(Buffer.from(user.id).toString('base64url').slice(0, 16));
      expect(Buffer.from(token, 'base64url').toString('hex')).not.toContain(user.id.replace(/-/g, ''));
      await first.stop();

      const second = await startTestApp({
        db: first.db,
        clock: first.clock,
        env: { ...env, SESSION_SECRET: 'a rotated secret, set a week later' },
      });
      try {
        const url = row.unsubscribe_url.replace(PUBLIC_URL, '');
        expect((await second.request({ method: 'GET', url })).statusCode).toBe(200);
        const post = () =>
          second.request({
            method: 'POST',
            url,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            payload: 'List-Unsubscribe=One-Click',
          });
        expect((await post()).statusCode).toBe(200);
        const state = async () =>
          (
            await second.db.dataSource.query(
              `SELECT p.version, p.enabled, (SELECT count(*)::int FROM audit_log a WHERE a.entity_type = 'reminder_preferences' AND a.entity_id = $2) AS audits
                 FROM reminder_preferences p WHERE p.user_id = $1`,
              [user.id, user.id],
            )
          )[0];
        const once = await state();
        expect(once).toMatchObject({ enabled: false, audits: 1 });
        expect((await post()).statusCode).toBe(200);
        expect((await post()).statusCode).toBe(200);
        expect(await state()).toEqual(once);
      } finally {
        await second.stop();
      }
    } finally {
      await first.close();
    }
  }, 120_000);
});

describe('one clock: the app 36 hours ahead of PostgreSQL', () => {
  let t: TestApp;
  const ahead = 36 * HOUR;

  beforeAll(async () => {
    // Whatever today is for PostgreSQL, the app lives 36 hours later.
    t = await startTestApp({ demo: true, now: new Date(Date.now() + ahead).toISOString(), env: { PUBLIC_URL } });
  }, 120_000);
  afterAll(() => t.close());

  const near = (value: Date | string, expected: Date) => Math.abs(new Date(value).getTime() - expected.getTime()) < 5 * MINUTE;

  it('dates history, audit, preferences and watches by the app’s clock, keeps the later of two same-day updates, and notices agree', async () => {
    const analyst = await createUser(t, { role: 'analyst', email: 'clock-analyst@example.org' });
    const watcher = await person(t, 'clock-watcher', 'Pacific/Auckland', { sendHour: 0, statusChangeNotices: 'immediate' });
    const headers = await signInAs(t, analyst.email);
    const ex03 = await commitmentId(t.db, 'EX-03');
    await plannerOf(t).run();
    const watcherHeaders = await signInAs(t, watcher.email);
    expect(
      (
        await t.request({
          method: 'POST',
          url: '/api/watches',
          headers: watcherHeaders,
          payload: { targetType: 'commitment', targetId: ex03 },
        })
      ).statusCode,
    ).toBe(201);
    const put = await t.request({ method: 'PUT', url: '/api/me/reminder-preferences', headers: watcherHeaders, payload: { sendHour: 0 } });
    expect(put.statusCode).toBe(200);
    t.clock.advance(MINUTE);
    const recordedAt = t.clock.now();
    await recordStatus(t, headers, ex03, 'at_risk', 40);
    t.clock.advance(MINUTE);
    const detail = await recordStatus(t, headers, ex03, 'completed', 100);
    // Two updates effective the same (app) day: the later one is current.
    expect(detail.status).toBe('completed');

    const [dbNow] = await t.db.dataSource.query(`SELECT now() AS now`);
    expect(Math.abs(new Date(dbNow.now).getTime() - (t.clock.now().getTime() - ahead))).toBeLessThan(5 * MINUTE); // the setup holds
    const updates = await t.db.dataSource.query(`SELECT created_at FROM status_updates WHERE commitment_id = $1 ORDER BY created_at`, [
      ex03,
    ]);
    expect(near(updates.at(-2).created_at, recordedAt)).toBe(true);
    const history = (await t.request({ method: 'GET', url: `/api/commitments/${ex03}/status-updates`, headers })).json();
    expect(near(history[0].createdAt, t.clock.now())).toBe(true);
    const [commitment] = await t.db.dataSource.query(`SELECT updated_at FROM commitments WHERE id = $1`, [ex03]);
    expect(near(commitment.updated_at, t.clock.now())).toBe(true);
    const audits = await t.db.dataSource.query(`SELECT at FROM audit_log WHERE at > $1`, [new Date(Date.now() + HOUR)]);
    const allAudits = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE actor_id IN ($1, $2)`, [
      analyst.id,
      watcher.id,
    ]);
    expect(audits.length).toBeGreaterThanOrEqual(allAudits[0].n); // every audit entry of this test is on the app's clock
    expect(allAudits[0].n).toBeGreaterThan(2);
    const [prefs] = await t.db.dataSource.query(`SELECT updated_at FROM reminder_preferences WHERE user_id = $1`, [watcher.id]);
    expect(near(prefs.updated_at, recordedAt)).toBe(true);
    const [watchRow] = await t.db.dataSource.query(`SELECT created_at FROM watches WHERE user_id = $1`, [watcher.id]);
    expect(near(watchRow.created_at, recordedAt)).toBe(true);

    // The watcher hears of both changes (they watched before either), dated on their (Auckland) day by the app's clock.
    await plannerOf(t).run();
    const notices = await t.db.dataSource.query(
      `SELECT i.snapshot, d.created_at, d.text FROM reminder_items i JOIN mail_outbox d ON d.id = i.delivery_id
        WHERE i.user_id = $1 AND i.kind = 'status_change' ORDER BY i.created_at, i.item_key`,
      [watcher.id],
    );
    expect(notices).toHaveLength(2);
    const aucklandDay = DateTime.fromJSDate(recordedAt, { zone: 'Pacific/Auckland' }).toFormat('d LLL yyyy');
    for (const notice of notices) {
      expect(near(notice.created_at, t.clock.now())).toBe(true);
      expect(near(notice.snapshot.changedAt, recordedAt)).toBe(true);
      expect(notice.text).toContain(`on ${aucklandDay}`);
    }
  }, 120_000);
});
