import type { ReminderPreferencesDto } from '@pactwatch/shared/contracts';
import { isValidTimeZone } from '@pactwatch/shared/deadlines';
import { DateTime } from 'luxon';
import type { ReminderPreferencesEntity } from '../entities';
import { effectivePreferences } from '../preferences/preferences';
import type { PlannerSql } from './planner-session';

/** A weekly digest goes out on Mondays (recipient's time) and covers reminders falling in the coming week. */
export const WEEKLY_DIGEST_WEEKDAY = 1;
export const WEEKLY_LOOKAHEAD_DAYS = 6;

export interface Recipient {
  id: string;
  email: string;
  displayName: string;
  prefs: ReminderPreferencesDto;
}

/** Where a recipient stands at the time of a pass: their local day, and whether their reminders go out now. */
export interface ReadyRecipient extends Recipient {
  today: string;
  /** The send hour has come today (and, for a weekly digest, today is the digest day): deadline reminders go out. */
  digestTime: boolean;
  /** How far past today a deadline reminder may fall and still go into this mail (the weekly digest's coming week). */
  lookaheadDays: number;
  /** The send hour has come today (any weekday): mail that missed its day is replaced by a catch-up now. */
  sendHourReached: boolean;
  /** The end of the recipient's `today`: mail planned now holds until then (mail_outbox.stale_at). */
  dayEndsAt: Date;
}

interface RecipientRow {
  id: string;
  email: string;
  display_name: string;
  time_zone: string;
  prefs: ReminderPreferencesEntity | null;
}

/**
 * Every user who can receive reminders at all: an active account whose reminders are on and who has not
 * unsubscribed. The rest of the pass only looks at these; most runs end up sending to a few of them.
 */
export async function loadRecipients(sql: PlannerSql, workspaceTimeZone: string): Promise<Recipient[]> {
  const rows = await sql.query<RecipientRow>(
    `SELECT u.id, u.email, u.display_name, u.time_zone,
            CASE WHEN p.user_id IS NULL THEN NULL ELSE json_build_object(
              'enabled', p.enabled, 'leadDays', p.lead_days, 'onDueDay', p.on_due_day, 'overdueRepeatDays', p.overdue_repeat_days,
              'digest', p.digest, 'sendHour', p.send_hour, 'timeZone', p.time_zone, 'pausedUntil', p.paused_until,
              'statusChangeNotices', p.status_change_notices, 'unsubscribedAt', p.unsubscribed_at) END AS prefs
       FROM users u LEFT JOIN reminder_preferences p ON p.user_id = u.id
      WHERE u.disabled_at IS NULL AND (p.user_id IS NULL OR (p.enabled AND p.unsubscribed_at IS NULL))
      ORDER BY u.id`,
  );
  return rows.map((row) => {
    const accountZone = isValidTimeZone(row.time_zone) ? row.time_zone : workspaceTimeZone;
    const prefs = effectivePreferences(row.prefs, accountZone);
    if (!isValidTimeZone(prefs.timeZone)) prefs.timeZone = accountZone;
    return { id: row.id, email: row.email, displayName: row.display_name, prefs };
  });
}

/** How far past today a deadline reminder may fall and still go into the recipient's mail (the weekly digest's coming week). */
export function lookaheadDays(prefs: ReminderPreferencesDto): number {
  return prefs.digest === 'weekly' ? WEEKLY_LOOKAHEAD_DAYS : 0;
}

/** The recipient's day and timing at `now`; null while their reminders are paused. */
export function readyAt(recipient: Recipient, now: Date): ReadyRecipient | null {
  const { prefs } = recipient;
  const local = DateTime.fromJSDate(now, { zone: prefs.timeZone });
  const today = local.toISODate() as string;
  if (prefs.pausedUntil && today < prefs.pausedUntil) return null;
  const digestDay = prefs.digest !== 'weekly' || local.weekday === WEEKLY_DIGEST_WEEKDAY;
  const sendHourReached = local.hour >= prefs.sendHour;
  return {
    ...recipient,
    today,
    digestTime: sendHourReached && digestDay,
    lookaheadDays: lookaheadDays(prefs),
    sendHourReached,
    dayEndsAt: local.startOf('day').plus({ days: 1 }).toJSDate(),
  };
}
