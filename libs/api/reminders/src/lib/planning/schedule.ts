/**
 * When a commitment's deadline calls for a reminder: pure calendar arithmetic on YYYY-MM-DD dates,
 * in the recipient's own time zone (the caller passes the recipient's local "today").
 */

export interface ReminderRule {
  /** Days before the due date, e.g. [30, 7, 1]. */
  leadDays: readonly number[];
  /** A reminder on the due date itself. */
  onDueDay: boolean;
  /** After the due date: the first overdue reminder the day after, then every this many days; null = once. */
  overdueRepeatDays: number | null;
}

export type ReminderGroup = 'overdue' | 'due_today' | 'due_soon';

export interface Trigger {
  /** `due_in_<n>`, `due_today` or `overdue_<n>` (n = days overdue on the trigger day). */
  reason: string;
  /** The day the reminder was due to go out. */
  day: string;
}

/** Overdue reminders stop once a commitment is this many days overdue; it stays on the dashboard. */
export const OVERDUE_HORIZON_DAYS = 365;

const DAY = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD date: plain integers make the planner's per-item arithmetic cheap. */
export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY);
}

export function dateOf(dayNumber: number): string {
  return new Date(dayNumber * DAY).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateOf(dayNumber(date) + days);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysUntil(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * The most recent reminder the deadline calls for on or before `today`, provided it still holds on
 * `today`: lead reminders only before the due date, the due-day one only on the day, overdue ones
 * while overdue. Earlier triggers are superseded by later ones, which is what makes catch-up after
 * downtime send one reminder per commitment instead of one per missed day.
 *
 * `lookaheadDays` lets a weekly digest include lead and due-day reminders that fall in the coming week.
 */
export function latestTrigger(dueDate: string, today: string, rule: ReminderRule, lookaheadDays = 0): Trigger | null {
  const found = latestTriggerDay(dayNumber(dueDate), dayNumber(today), rule, lookaheadDays);
  return found && { reason: found.reason, day: dateOf(found.day) };
}

/** `latestTrigger` on day numbers (see dayNumber), for callers that work out many due dates at once. */
export function latestTriggerDay(
  due: number,
  today: number,
  rule: ReminderRule,
  lookaheadDays = 0,
): { reason: string; day: number } | null {
  const daysLeft = due - today;
  const triggers: { reason: string; day: number }[] = [];
  if (daysLeft > 0) {
    for (const lead of rule.leadDays) {
      if (lead > 0) triggers.push({ reason: `due_in_${lead}`, day: due - lead });
    }
  }
  if (daysLeft >= 0 && rule.onDueDay) triggers.push({ reason: 'due_today', day: due });
  if (daysLeft < 0) {
    const overdue = -daysLeft;
    const repeat = rule.overdueRepeatDays;
    const triggerOverdue = repeat && repeat > 0 ? 1 + Math.floor((overdue - 1) / repeat) * repeat : 1;
    if (triggerOverdue <= OVERDUE_HORIZON_DAYS) triggers.push({ reason: `overdue_${triggerOverdue}`, day: due + triggerOverdue });
  }
  let best: { reason: string; day: number } | null = null;
  for (const trigger of triggers) {
    if (trigger.day <= today + lookaheadDays && (best === null || trigger.day > best.day)) best = trigger;
  }
  return best;
}

/** Where an item goes in a digest, from the days left on the day it is planned. */
export function groupOf(daysLeft: number): ReminderGroup {
  return daysLeft < 0 ? 'overdue' : daysLeft === 0 ? 'due_today' : 'due_soon';
}

/** The widest due-date range any recipient's reminders can come from, around the UTC date of `now`. */
export function candidateWindow(utcToday: string, maxLeadDays: number, lookaheadDays: number): { from: string; to: string } {
  // Time zones run from UTC−12 to UTC+14: a recipient's local date is within a day of the UTC date.
  return { from: addDays(utcToday, -OVERDUE_HORIZON_DAYS - 1), to: addDays(utcToday, maxLeadDays + lookaheadDays + 1) };
}
