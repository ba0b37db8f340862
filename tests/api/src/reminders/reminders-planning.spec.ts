import type { PlanResult } from '@pactwatch/api/reminders';
import { DataSource } from 'typeorm';
import type { WatchTargetType } from '@pactwatch/shared/contracts';
import { startTestApp, TestApp } from '../../../support/test-app';
import { commitmentId, HOUR, person, Person, plannerOf, watch } from './reminder-fixtures';

/**
 * The planner re-checks only what changed since a recipient's last pass (planning marks). These tests hold it to
 * the same answer as checking everything: after any change, a pass that forgets the marks and re-checks every
 * recipient of every commitment finds nothing left to plan.
 */
async function forgetMarks(t: TestApp): Promise<void> {
  await t.db.dataSource.query(`TRUNCATE reminder_commitment_marks, reminder_recipient_marks`);
}

/** A full re-check at the same instant: its `itemsPlanned` is what the incremental passes missed. */
async function fullRecheck(t: TestApp): Promise<PlanResult> {
  await forgetMarks(t);
  const full = await plannerOf(t).run();
  if (!full) throw new Error('The planner lock was taken');
  expect(full.failures).toBe(0);
  return full;
}

/** The user's reminders in the ledger (`commitment:reason:due date`); `latest`: only the last one per commitment. */
async function plannedKeys(t: TestApp, user: Person, latest = false): Promise<string[]> {
  const rows = await t.db.dataSource.query(
    `SELECT ${latest ? 'DISTINCT ON (commitment_id)' : ''} item_key FROM reminder_items
      WHERE user_id = $1 AND kind = 'deadline' ORDER BY commitment_id, created_at DESC`,
    [user.id],
  );
  return rows.map((row: { item_key: string }) => row.item_key.split(':').slice(1).join(':')).sort();
}

async function areaId(t: TestApp, slug: string): Promise<string> {
  const [row] = await t.db.dataSource.query(`SELECT id FROM policy_areas WHERE slug = $1`, [slug]);
  return row.id;
}

describe('incremental reminder planning', () => {
  let t: TestApp;
  let owner: Person, areaWatcher: Person;

  beforeAll(async () => {
    t = await startTestApp({ demo: true, now: '2026-01-20T12:00:00Z', env: { PUBLIC_URL: 'https://pactwatch.example.org' } });
    // One overdue reminder, no repeats: the overdue AZ-US-2025-01.2 calls for the same reminder every day.
    owner = await person(t, 'inc-owner', 'UTC', { sendHour: 6, overdueRepeatDays: null });
    areaWatcher = await person(t, 'inc-area', 'UTC', { sendHour: 6 });
    await t.db.dataSource.query(`UPDATE commitments SET owner_id = $1 WHERE ref_code IN ('EX-03', 'AZ-US-2025-01.2')`, [owner.id]);
    await watch(t.db, areaWatcher, 'area', await areaId(t, 'defense'));
    const first = await plannerOf(t).run();
    expect(first?.itemsPlanned).toBeGreaterThan(0);
  }, 120_000);
  afterAll(() => t.close());

  it('checks nothing and plans nothing when a pass runs again with nothing changed', async () => {
    const again = await plannerOf(t).run();
    expect(again).toMatchObject({ remindersChecked: 0, itemsPlanned: 0, failures: 0 });
  });

  it('plans what the passing days call for, checking only those reminders', async () => {
    t.clock.set('2026-02-02T12:00:00Z'); // EX-03 (due 9 Feb) and the Charter (due 8 Feb) now call for their 7-day reminders
    const later = await plannerOf(t).run();
    expect(await plannedKeys(t, owner)).toContain(`${await commitmentId(t.db, 'EX-03')}:due_in_7:2026-02-09`);
    const full = await fullRecheck(t);
    expect(full.itemsPlanned).toBe(0);
    // Only the two 7-day reminders were new, and only those were checked; a full check also looks at the others.
    expect(later).toMatchObject({ itemsPlanned: 2, remindersChecked: 2 });
    expect(full.remindersChecked).toBeGreaterThan(2);
  });

  it('plans at once, for a new watcher of an area, every reminder that still holds for its open commitments', async () => {
    const newcomer = await person(t, 'inc-newcomer', 'UTC', { sendHour: 6 });
    await watch(t.db, newcomer, 'area', await areaId(t, 'defense'));
    const result = await plannerOf(t).run();
    expect(result?.itemsPlanned).toBeGreaterThan(0);
    expect(await plannedKeys(t, newcomer)).toEqual(await plannedKeys(t, areaWatcher, true));
    expect((await fullRecheck(t)).itemsPlanned).toBe(0);
  });

  it('plans at once the reminders of an area a recipient starts watching', async () => {
    const before = await plannedKeys(t, areaWatcher);
    await watch(t.db, areaWatcher, 'area', await areaId(t, 'energy'));
    const result = await plannerOf(t).run();
    expect(result?.itemsPlanned).toBeGreaterThan(0);
    expect((await plannedKeys(t, areaWatcher)).length).toBeGreaterThan(before.length);
    expect((await fullRecheck(t)).itemsPlanned).toBe(0);
  });

  it('cancels what is pending for an area once the recipient stops watching it', async () => {
    const leaving = await person(t, 'inc-leaving', 'UTC', { sendHour: 6 });
    await watch(t.db, leaving, 'area', await areaId(t, 'energy'));
    await plannerOf(t).run();
    const pending = `SELECT state, last_error FROM mail_outbox WHERE recipient_id = $1`;
    expect((await t.db.dataSource.query(pending, [leaving.id])).map((d: { state: string }) => d.state)).toEqual(['pending']);
    await t.db.dataSource.query(`DELETE FROM watches WHERE user_id = $1`, [leaving.id]);
    const result = await plannerOf(t).run();
    expect(result?.deliveriesCancelled).toBe(1);
    expect(await t.db.dataSource.query(pending, [leaving.id])).toEqual([
      { state: 'cancelled', last_error: expect.stringContaining('no longer owns, is assigned to or watches') },
    ]);
  });

  it('reminds the watchers of an area of a commitment that joins it, and of one whose due date moves', async () => {
    const ex03 = await commitmentId(t.db, 'EX-03');
    const ex04 = await commitmentId(t.db, 'EX-04');
    await t.db.dataSource.query(`INSERT INTO commitment_areas (commitment_id, area_id) VALUES ($1, $2)`, [
      ex03,
      await areaId(t, 'defense'),
    ]);
    await t.db.dataSource.query(`INSERT INTO commitment_areas (commitment_id, area_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      ex04,
      await areaId(t, 'defense'),
    ]);
    await t.db.dataSource.query(`UPDATE commitments SET due_date = '2026-02-09' WHERE id = $1`, [ex04]);
    await plannerOf(t).run();
    const keys = await plannedKeys(t, areaWatcher);
    expect(keys).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${ex03}:`)), `${ex04}:due_in_7:2026-02-09`]));
    expect((await fullRecheck(t)).itemsPlanned).toBe(0);
  });

  it('gives a recipient whose send hour had not come when a commitment changed its reminder at their send hour', async () => {
    const evening = await person(t, 'inc-evening', 'UTC', { sendHour: 20 });
    await watch(t.db, evening, 'area', await areaId(t, 'trade'));
    t.clock.set('2026-02-03T21:00:00Z');
    await plannerOf(t).run(); // planned in full for the evening watcher: marked
    t.clock.set('2026-02-04T10:00:00Z');
    const ex01 = await commitmentId(t.db, 'EX-01');
    await t.db.dataSource.query(`INSERT INTO commitment_areas (commitment_id, area_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      ex01,
      await areaId(t, 'trade'),
    ]);
    await plannerOf(t).run(); // before 20:00: nothing for the evening watcher yet
    expect((await plannedKeys(t, evening)).some((key) => key.startsWith(`${ex01}:`))).toBe(false);
    t.clock.set('2026-02-04T20:30:00Z');
    await plannerOf(t).run();
    expect((await plannedKeys(t, evening)).some((key) => key.startsWith(`${ex01}:`))).toBe(true);
    expect((await fullRecheck(t)).itemsPlanned).toBe(0);
  });
});

/** A small deterministic generator (mulberry32), so a failure replays the same changes. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe('incremental reminder planning under random changes', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ demo: true, now: '2026-01-10T03:00:00Z', env: { PUBLIC_URL: 'https://pactwatch.example.org' } });
  }, 120_000);
  afterAll(() => t.close());

  it('misses nothing a full re-check would plan, whatever changes between passes', async () => {
    const next = random(20260110);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    const zones = ['UTC', 'Asia/Baku', 'America/New_York', 'Pacific/Auckland'];
    const users: Person[] = [];
    for (let i = 0; i < 6; i += 1) {
      users.push(
        await person(t, `random-${i}`, pick(zones), { sendHour: 6 + i * 2, digest: pick(['daily', 'immediate', 'weekly'] as const) }),
      );
    }
    const ids = async (sql: string): Promise<string[]> => (await t.db.dataSource.query(sql)).map((row: { id: string }) => row.id);
    const commitments = await ids(`SELECT id FROM commitments ORDER BY ref_code`);
    const areas = await ids(`SELECT id FROM policy_areas ORDER BY slug`);
    const agreements = await ids(`SELECT id FROM agreements ORDER BY title`);
    const targets: Record<WatchTargetType, string[]> = { commitment: commitments, agreement: agreements, area: areas };
    const sql = (text: string, values: unknown[]) => t.db.dataSource.query(text, values);
    const watched: [string, WatchTargetType, string][] = [];
    const addWatch = () => {
      const type = pick(['commitment', 'agreement', 'area'] as const);
      const added: [string, WatchTargetType, string] = [pick(users).id, type, pick(targets[type])];
      watched.push(added);
      return sql(
        `INSERT INTO watches (user_id, target_type, target_id, created_at) VALUES ($1, $2, $3, now()) ON CONFLICT DO NOTHING`,
        added,
      );
    };
    const setOwner = () =>
      sql(`UPDATE commitments SET owner_id = $2 WHERE id = $1`, [pick(commitments), next() < 0.8 ? pick(users).id : null]);
    const changes: (() => Promise<unknown>)[] = [
      addWatch,
      () =>
        watched.length === 0
          ? Promise.resolve()
          : sql(
              `DELETE FROM watches WHERE user_id = $1 AND target_type = $2 AND target_id = $3`,
              watched.splice(Math.floor(next() * watched.length), 1)[0],
            ),
      () =>
        sql(`UPDATE commitments SET due_date = $2::date + $3::int WHERE id = $1`, [
          pick(commitments),
          '2026-01-10',
          Math.floor(next() * 80) - 40,
        ]),
      setOwner,
      () =>
        sql(`INSERT INTO commitment_assignees (commitment_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
          pick(commitments),
          pick(users).id,
        ]),
      () => sql(`DELETE FROM commitment_assignees WHERE commitment_id = $1`, [pick(commitments)]),
      () =>
        sql(`INSERT INTO commitment_areas (commitment_id, area_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
          pick(commitments),
          pick(areas),
        ]),
      () => sql(`DELETE FROM commitment_areas WHERE commitment_id = $1 AND area_id = $2`, [pick(commitments), pick(areas)]),
      () => sql(`UPDATE commitments SET status = $2 WHERE id = $1`, [pick(commitments), pick(['completed', 'in_progress', 'at_risk'])]),
      () =>
        sql(
          `INSERT INTO reminder_preferences (user_id, lead_days, overdue_repeat_days, version, updated_at) VALUES ($1, $2, $3, 1, $4)
           ON CONFLICT (user_id) DO UPDATE SET lead_days = EXCLUDED.lead_days, overdue_repeat_days = EXCLUDED.overdue_repeat_days`,
          [pick(users).id, pick([[30, 7, 1], [14, 3], [7], [60, 30]]), pick([7, 3, null]), t.clock.now()],
        ),
      () => sql(`UPDATE users SET time_zone = $2 WHERE id = $1`, [pick(users).id, pick(zones)]),
    ];
    let planned = 0;
    let checkpoints = 0;
    for (let i = 0; i < 6; i += 1) await Promise.all([addWatch(), setOwner()]);
    // Some passes follow a change, others only the passing hours (7 at a time, so send hours and days come round).
    for (let step = 1; step <= 40; step += 1) {
      if (next() < 0.5) await pick(changes)();
      const result = await plannerOf(t).run();
      expect(result?.failures).toBe(0);
      planned += result?.itemsPlanned ?? 0;
      if (step % 5 === 0) {
        expect({ step, missed: (await fullRecheck(t)).itemsPlanned }).toEqual({ step, missed: 0 });
        checkpoints += 1;
      }
      t.clock.advance(7 * HOUR);
    }
    expect(checkpoints).toBe(8);
    expect(planned).toBeGreaterThan(10);
  }, 180_000);
});

describe('status-change notices from the first pass on', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ demo: true, now: '2026-01-20T12:00:00Z', env: { PUBLIC_URL: 'https://pactwatch.example.org' } });
  }, 120_000);
  afterAll(() => t.close());

  it('never announces what was recorded before the first pass, even minutes before it, and announces what comes after', async () => {
    const watcher = await person(t, 'history-watcher', 'UTC', { sendHour: 0 });
    const ex03 = await commitmentId(t.db, 'EX-03');
    await watch(t.db, watcher, 'commitment', ex03);
    // Each update a second after the last, as the app's clock would stamp them.
    const record = async (before: string, after: string) => {
      t.clock.advance(1000);
      await t.db.dataSource.query(
        `INSERT INTO status_updates (commitment_id, author_label, effective_on, status_before, status_after, progress_before, progress_after, note, created_at)
         VALUES ($1, 'Analyst', '2026-01-20', $2, $3, 25, 25, '', $4)`,
        [ex03, before, after, t.clock.now()],
      );
    };
    const notices = async () =>
      (await t.db.dataSource.query(`SELECT item_key FROM reminder_items WHERE user_id = $1 AND kind = 'status_change'`, [watcher.id]))
        .length;
    await record('in_progress', 'at_risk');
    await plannerOf(t).run();
    await plannerOf(t).run();
    expect(await notices()).toBe(0);
    await record('at_risk', 'in_progress');
    await plannerOf(t).run();
    expect(await notices()).toBe(1);
  });
});

describe("the planner's connection", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ demo: true, now: '2026-01-20T12:00:00Z', env: { DATABASE_POOL_SIZE: '2' } });
  }, 120_000);
  afterAll(() => t.close());

  it('gives its connection back to the pool without the statement timeout it plans with', async () => {
    await plannerOf(t).run();
    // Both pooled connections at once: the planner used them for its lock and for its own session.
    const runners = [0, 1].map(() => t.app.get(DataSource).createQueryRunner());
    try {
      await Promise.all(runners.map((runner) => runner.connect()));
      const timeouts = await Promise.all(runners.map((runner) => runner.query('SHOW statement_timeout')));
      expect(timeouts.map(([row]) => row.statement_timeout)).toEqual(['0', '0']);
    } finally {
      await Promise.all(runners.map((runner) => runner.release()));
    }
  });
});
