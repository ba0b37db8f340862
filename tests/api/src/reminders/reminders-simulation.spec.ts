import { DateTime } from 'luxon';
import { startTestApp, TestApp } from '../../../support/test-app';
import { expectedReminders, Rule } from './oracle';
import { commitmentId, HOUR, outbox, person, Person, tick, watch } from './reminder-fixtures';
import { SmtpSink } from './smtp-sink';

const START = '2026-01-01T00:30:00Z';
/** The planner and sender run every 4 simulated hours (720 runs); in production cron runs them every few minutes. */
const STEP_HOURS = 4;
const DAYS = Number(process.env['SIM_DAYS'] ?? 120);

interface Delivered {
  itemKey: string;
  recipient: string;
  at: Date;
}

/**
 * 120 simulated days over the demo data, the planner and sender run every simulated hour, mail goes to a
 * real SMTP server in this process. Recipients sit in four time zones (two with DST changes in the period).
 */
describe('a 120-day simulation of reminders', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let baku: Person, ny: Person, utc: Person, auckland: Person, quiet: Person;
  const delivered: Delivered[] = [];
  let charterCompletedAt: Date;

  beforeAll(async () => {
    sink = new SmtpSink(() => t.clock.now());
    await sink.start();
    t = await startTestApp({ demo: true, now: START, env: { SMTP_URL: sink.url, PUBLIC_URL: 'https://pactwatch.example.org' } });
    const db = t.db;
    baku = await person(t, 'baku', 'Asia/Baku');
    ny = await person(t, 'ny', 'America/New_York', { digest: 'immediate', sendHour: 20 });
    utc = await person(t, 'utc', 'UTC', { leadDays: [14, 2], onDueDay: false, overdueRepeatDays: 3, sendHour: 6 });
    auckland = await person(t, 'auckland', 'Pacific/Auckland', { digest: 'weekly', sendHour: 7 });
    quiet = await person(t, 'quiet', 'Europe/Brussels');
    await db.dataSource.query(`UPDATE commitments SET owner_id = $1 WHERE ref_code = 'AZ-US-2025-01'`, [baku.id]);
    await db.dataSource.query(`INSERT INTO commitment_assignees (commitment_id, user_id) VALUES ($1, $2)`, [
      await commitmentId(db, 'EX-02'),
      baku.id,
    ]);
    const [mou] = await db.dataSource.query(`SELECT agreement_id AS id FROM commitments WHERE ref_code = 'AZ-US-2025-01'`);
    const [waiver] = await db.dataSource.query(`SELECT agreement_id AS id FROM commitments WHERE ref_code = 'US-AZ-907-02'`);
    const [digital] = await db.dataSource.query(`SELECT id FROM policy_areas WHERE slug = 'digital-infrastructure'`);
    await watch(db, ny, 'agreement', mou.id);
    await watch(db, utc, 'commitment', await commitmentId(db, 'AZ-US-2025-01.2'));
    await watch(db, auckland, 'area', digital.id);
    await watch(db, quiet, 'agreement', waiver.id);

    for (let hour = 0; hour < DAYS * 24; hour += STEP_HOURS) {
      if (t.clock.now().toISOString() === '2026-02-05T12:30:00.000Z') {
        // An analyst records that the Charter was completed: no reminder about it after this, and its watchers hear of it.
        charterCompletedAt = t.clock.now();
        const charter = await commitmentId(db, 'AZ-US-2025-01');
        await db.dataSource.query(`UPDATE commitments SET status = 'completed', progress = 100 WHERE id = $1`, [charter]);
        await db.dataSource.query(
          `INSERT INTO status_updates (commitment_id, author_label, effective_on, status_before, status_after, progress_before, progress_after, note, created_at)
           VALUES ($1, 'Analyst', '2026-02-05', 'in_progress', 'completed', 30, 100, 'Charter text agreed.', $2)`,
          [charter, t.clock.now()],
        );
      }
      const before = sink.received.length;
      await tick(t);
      for (const mail of sink.received.slice(before)) {
        const [row] = await db.dataSource.query(`SELECT items FROM mail_outbox WHERE id = $1`, [mail.messageId.replace(/^<|@.*$/g, '')]);
        for (const item of row.items) delivered.push({ itemKey: item.itemKey, recipient: mail.to, at: mail.receivedAt });
      }
      t.clock.advance(STEP_HOURS * HOUR);
    }
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  const local = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone });
  /** The last local day whose send hour a run reached. */
  const lastDay = (zone: string, sendHour: number) => {
    const lastRun = local(new Date(Date.parse(START) + (DAYS * 24 - STEP_HOURS) * HOUR), zone);
    return (lastRun.hour >= sendHour ? lastRun : lastRun.minus({ days: 1 })).toISODate() as string;
  };

  async function expectDailyRecipient(
    user: Person,
    rule: Rule,
    sendHour: number,
    refCodes: string[],
    closedAfter: Record<string, Date> = {},
  ) {
    const firstDay =
      local(new Date(START), user.timeZone).hour >= sendHour
        ? local(new Date(START), user.timeZone).plus({ days: 1 })
        : local(new Date(START), user.timeZone);
    const expected = new Map<string, string>();
    for (const refCode of refCodes) {
      const [c] = await t.db.dataSource.query(`SELECT id, due_date::text AS due FROM commitments WHERE ref_code = $1`, [refCode]);
      for (const [key, day] of expectedReminders(c.due, rule, firstDay.toISODate() as string, lastDay(user.timeZone, sendHour))) {
        const closed = closedAfter[refCode];
        if (closed && day > (local(closed, user.timeZone).toISODate() as string)) continue;
        expected.set(`${user.id}:${c.id}:${key}`, day);
      }
    }
    const mine = delivered.filter((d) => d.recipient === user.email && !d.itemKey.startsWith('status:'));
    // Exactly once each, and nothing else.
    expect(mine.map((d) => d.itemKey).sort()).toEqual([...expected.keys()].sort());
    // On the right local day, at the recipient's send hour.
    for (const d of mine) {
      const when = local(d.at, user.timeZone);
      expect({ key: d.itemKey, day: when.toISODate(), onTime: when.hour >= sendHour && when.hour < sendHour + STEP_HOURS }).toEqual({
        key: d.itemKey,
        day: expected.get(d.itemKey),
        onTime: true,
      });
    }
    return mine;
  }

  it('reminds the owner in Baku of the Charter and the assigned EX-02, each once, after 08:00 Baku time, until the Charter is completed', async () => {
    const mine = await expectDailyRecipient(
      baku,
      { leadDays: [30, 7, 1], onDueDay: true, overdueRepeatDays: 7 },
      8,
      ['AZ-US-2025-01', 'EX-02'],
      {
        'AZ-US-2025-01': charterCompletedAt,
      },
    );
    expect(mine.length).toBeGreaterThan(3);
  });

  it('sends the New York watcher of the MoU one mail per reminder after 20:00 local time, across the DST change', async () => {
    const mine = await expectDailyRecipient(
      ny,
      { leadDays: [30, 7, 1], onDueDay: true, overdueRepeatDays: 7 },
      20,
      ['AZ-US-2025-01', 'AZ-US-2025-01.2', 'EX-01', 'EX-02', 'EX-03'],
      { 'AZ-US-2025-01': charterCompletedAt },
    );
    expect(mine.some((d) => (local(d.at, 'America/New_York').toISODate() ?? '') > '2026-03-08')).toBe(true);
    const mails = sink.received.filter((m) => m.to === ny.email);
    expect(mails.length).toBe(delivered.filter((d) => d.recipient === ny.email).length);
  });

  it('follows custom lead days and a 3-day overdue repeat for the UTC watcher of an overdue item', async () => {
    const mine = await expectDailyRecipient(utc, { leadDays: [14, 2], onDueDay: false, overdueRepeatDays: 3 }, 6, ['AZ-US-2025-01.2']);
    expect(mine.length).toBe(41); // the catch-up on day one (22 days overdue), then one every third day
  });

  it('tells watchers of the Charter once that it was completed, and not its owner', () => {
    const notices = delivered.filter((d) => d.itemKey.startsWith('status:'));
    // New York watches the MoU, Auckland the digital-infrastructure area the Charter covers; Baku owns it.
    expect(notices.map((d) => d.recipient).sort()).toEqual([auckland.email, ny.email]);
    for (const notice of notices) expect(notice.at.getTime() - charterCompletedAt.getTime()).toBeLessThanOrEqual(STEP_HOURS * HOUR);
  });

  it('sends the weekly digest on Monday mornings in Auckland, with no item twice', () => {
    const mine = delivered.filter((d) => d.recipient === auckland.email && !d.itemKey.startsWith('status:'));
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((d) => d.itemKey)).size).toBe(mine.length);
    for (const d of mine) {
      const when = local(d.at, auckland.timeZone);
      expect([when.weekday, when.hour >= 7 && when.hour < 7 + STEP_HOURS]).toEqual([1, true]);
    }
  });

  it('never sends an empty digest, and nothing to a recipient with nothing due', async () => {
    expect(sink.received.filter((m) => m.to === quiet.email)).toEqual([]);
    const rows = await outbox(t.db);
    expect(rows.every((row) => row.items.length > 0)).toBe(true);
    expect(rows.every((row) => row.state === 'sent')).toBe(true);
    for (const mail of sink.received) {
      expect(mail.text).toMatch(/https:\/\/pactwatch\.example\.org\/commitments\//);
      expect(mail.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe(
        'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
      );
      expect(mail.headerLines.find((h) => h.key === 'list-unsubscribe')?.line).toMatch(
        /^List-Unsubscribe:\s*<https:\/\/pactwatch\.example\.org\/api\/unsubscribe\?token=/,
      );
    }
    expect(new Set(sink.received.map((m) => m.messageId)).size).toBe(sink.received.length);
  });
});

/** Every delivery that replaced `id`, newest last: its superseded_by chain. */
async function chainEnd(t: TestApp, id: string): Promise<{ id: string; state: string }> {
  let row: { id: string; state: string; superseded_by: string | null } = (
    await t.db.dataSource.query(`SELECT id, state, superseded_by FROM mail_outbox WHERE id = $1`, [id])
  )[0];
  for (let hops = 0; row.state === 'superseded' && row.superseded_by && hops < 100; hops += 1) {
    row = (await t.db.dataSource.query(`SELECT id, state, superseded_by FROM mail_outbox WHERE id = $1`, [row.superseded_by]))[0];
  }
  return row;
}

/**
 * The same 120 days, but the mail server is down for 9 days across the Charter's deadline (8 Feb). Nothing is
 * dropped: after recovery each affected recipient gets one catch-up mail saying where things stand, and the ledger
 * accounts for every reminder planned (sent, or superseded by a catch-up that was sent).
 */
describe('a 120-day simulation with the mail server down for 9 days across a deadline', () => {
  const DOWN_FROM = Date.parse('2026-02-03T12:30:00Z');
  const DOWN_UNTIL = Date.parse('2026-02-12T12:30:00Z');
  let t: TestApp;
  let sink: SmtpSink;
  let people: Person[];
  let baku: Person;

  beforeAll(async () => {
    sink = new SmtpSink(() => t.clock.now());
    await sink.start();
    t = await startTestApp({ demo: true, now: START, env: { SMTP_URL: sink.url, PUBLIC_URL: 'https://pactwatch.example.org' } });
    const db = t.db;
    baku = await person(t, 'baku', 'Asia/Baku');
    const ny = await person(t, 'ny', 'America/New_York', { digest: 'immediate', sendHour: 20 });
    const utc = await person(t, 'utc', 'UTC', { leadDays: [14, 2], onDueDay: false, overdueRepeatDays: 3, sendHour: 6 });
    const auckland = await person(t, 'auckland', 'Pacific/Auckland', { digest: 'weekly', sendHour: 7 });
    people = [baku, ny, utc, auckland];
    await db.dataSource.query(`UPDATE commitments SET owner_id = $1 WHERE ref_code = 'AZ-US-2025-01'`, [baku.id]);
    const [mou] = await db.dataSource.query(`SELECT agreement_id AS id FROM commitments WHERE ref_code = 'AZ-US-2025-01'`);
    const [digital] = await db.dataSource.query(`SELECT id FROM policy_areas WHERE slug = 'digital-infrastructure'`);
    await watch(db, ny, 'agreement', mou.id);
    await watch(db, utc, 'commitment', await commitmentId(db, 'AZ-US-2025-01.2'));
    await watch(db, auckland, 'area', digital.id);
    for (let hour = 0; hour < DAYS * 24; hour += STEP_HOURS) {
      const now = t.clock.now().getTime();
      sink.down = now >= DOWN_FROM && now < DOWN_UNTIL;
      await tick(t);
      t.clock.advance(STEP_HOURS * HOUR);
    }
  }, 300_000);

  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  it('sends nothing while the server is down, and after recovery one catch-up per affected recipient before any other mail', async () => {
    expect(sink.connectionsRefused).toBeGreaterThan(0);
    expect(sink.received.filter((m) => m.receivedAt.getTime() >= DOWN_FROM && m.receivedAt.getTime() < DOWN_UNTIL)).toEqual([]);
    const affected = (
      await t.db.dataSource.query(
        `SELECT DISTINCT recipient FROM mail_outbox WHERE created_at >= $1 AND created_at < $2 AND kind <> 'message'`,
        [new Date(DOWN_FROM), new Date(DOWN_UNTIL)],
      )
    ).map((r: { recipient: string }) => r.recipient);
    expect(affected.sort()).toEqual(people.map((p) => p.email).sort());
    for (const email of affected) {
      const after = sink.received.filter((m) => m.to === email && m.receivedAt.getTime() >= DOWN_UNTIL);
      const [first] = after;
      const [row] = await t.db.dataSource.query(`SELECT kind, items FROM mail_outbox WHERE id = $1`, [
        first.messageId.replace(/^<|@.*$/g, ''),
      ]);
      expect({ email, kind: row.kind, subject: first.subject.startsWith('[Pactwatch] Catch-up: ') }).toEqual({
        email,
        kind: 'catchup',
        subject: true,
      });
      expect(first.text).toMatch(/could not deliver mail from \d+ Feb 2026 on\. This mail replaces the \d+ reminder mails?/);
      // Only one catch-up each: nothing else that was planned during the outage arrives afterwards.
      const catchUps = [];
      for (const mail of after) {
        const [r] = await t.db.dataSource.query(`SELECT kind, created_at FROM mail_outbox WHERE id = $1`, [
          mail.messageId.replace(/^<|@.*$/g, ''),
        ]);
        if (r.kind === 'catchup' || r.created_at.getTime() < DOWN_UNTIL) catchUps.push(r);
      }
      expect({ email, count: catchUps.length }).toEqual({ email, count: 1 });
    }
  });

  it('lists in the owner’s catch-up that the Charter is now overdue', async () => {
    const after = sink.received.filter((m) => m.to === baku.email && m.receivedAt.getTime() >= DOWN_UNTIL);
    expect(after[0].text).toMatch(/AZ-US-2025-01 · Draft the Strategic Partnership Charter\nDue 8 Feb 2026: \d+ days overdue\./);
    expect(after[0].html).toContain('<strong>AZ-US-2025-01</strong>');
  });

  it('accounts for every planned reminder in the ledger: sent, or superseded by a catch-up that was sent', async () => {
    const ledger: { item_key: string; delivery_id: string | null }[] = await t.db.dataSource.query(
      `SELECT item_key, delivery_id FROM reminder_items WHERE kind = 'deadline'`,
    );
    expect(ledger.length).toBeGreaterThan(20);
    const ends = new Map<string, string>();
    for (const row of ledger) {
      expect(row.delivery_id).not.toBeNull();
      const id = row.delivery_id as string;
      if (!ends.has(id)) ends.set(id, (await chainEnd(t, id)).state);
      expect({ key: row.item_key, state: ends.get(id) }).toEqual({ key: row.item_key, state: 'sent' });
    }
    const states = await t.db.dataSource.query(`SELECT state, count(*)::int AS n FROM mail_outbox GROUP BY state ORDER BY state`);
    expect(states.map((s: { state: string }) => s.state).sort()).toEqual(['sent', 'superseded']);
    // Every mail that reached the sink once, none twice.
    expect(new Set(sink.received.map((m) => m.messageId)).size).toBe(sink.received.length);
  });
});
