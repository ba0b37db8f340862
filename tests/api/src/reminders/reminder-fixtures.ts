import type { ReminderPreferencesDto, WatchTargetType } from '@pactwatch/shared/contracts';
import { MailSender, ReminderPlanner } from '@pactwatch/api/reminders';
import { createUser } from '../../../support/auth';
import type { TestApp } from '../../../support/test-app';
import type { TestDatabase } from '../../../support/test-database';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface Person {
  id: string;
  email: string;
  timeZone: string;
}

/** A user with a time zone and (optionally) saved reminder preferences, inserted straight into the database. */
export async function person(
  t: Pick<TestApp, 'db' | 'clock'>,
  name: string,
  timeZone: string,
  prefs: Partial<ReminderPreferencesDto> = {},
): Promise<Person> {
  const user = await createUser(t, { role: 'viewer', email: `${name}@example.org`, displayName: name });
  await t.db.dataSource.query(`UPDATE users SET time_zone = $2 WHERE id = $1`, [user.id, timeZone]);
  if (Object.keys(prefs).length > 0) {
    const p = {
      enabled: true,
      leadDays: [30, 7, 1],
      onDueDay: true,
      overdueRepeatDays: 7,
      digest: 'daily',
      sendHour: 8,
      timeZone: null,
      pausedUntil: null,
      statusChangeNotices: 'immediate',
      ...prefs,
    };
    await t.db.dataSource.query(
      `INSERT INTO reminder_preferences (user_id, enabled, lead_days, on_due_day, overdue_repeat_days, digest, send_hour, time_zone,
                                         paused_until, status_change_notices, version, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11)`,
      [
        user.id,
        p.enabled,
        p.leadDays,
        p.onDueDay,
        p.overdueRepeatDays,
        p.digest,
        p.sendHour,
        p.timeZone,
        p.pausedUntil,
        p.statusChangeNotices,
        t.clock.now(),
      ],
    );
  }
  return { id: user.id, email: user.email, timeZone };
}

export async function commitmentId(db: TestDatabase, refCode: string): Promise<string> {
  const [row] = await db.dataSource.query(`SELECT id FROM commitments WHERE ref_code = $1`, [refCode]);
  if (!row) throw new Error(`No commitment ${refCode}`);
  return row.id;
}

/** A watch made at `at` (by default long ago: before anything the test records). */
export async function watch(
  db: TestDatabase,
  user: Person,
  targetType: WatchTargetType,
  targetId: string,
  at: Date = new Date('2020-01-01T00:00:00Z'),
): Promise<void> {
  await db.dataSource.query(`INSERT INTO watches (user_id, target_type, target_id, created_at) VALUES ($1, $2, $3, $4)`, [
    user.id,
    targetType,
    targetId,
    at,
  ]);
}

export function plannerOf(t: TestApp): ReminderPlanner {
  return t.app.get(ReminderPlanner);
}

export function senderOf(t: TestApp): MailSender {
  return t.app.get(MailSender);
}

/** One tick of what the cron jobs do in an instance: plan, then send. */
export async function tick(t: TestApp): Promise<void> {
  await plannerOf(t).run();
  await senderOf(t).sendDue();
}

export async function outbox(db: TestDatabase): Promise<
  {
    id: string;
    state: string;
    dedupe_key: string;
    recipient: string;
    attempts: number;
    kind: string;
    items: { itemKey: string }[];
    last_error: string | null;
  }[]
> {
  return db.dataSource.query(
    `SELECT id, state, dedupe_key, recipient, attempts, kind, items, last_error FROM mail_outbox ORDER BY created_at, id`,
  );
}
