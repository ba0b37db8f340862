/**
 * Small calendar-date helpers for the dashboard. Dates are plain YYYY-MM-DD strings, as in the API.
 * They avoid luxon so that the initial bundle stays small; the deadline arithmetic itself lives in
 * the API and in @pactwatch/shared/deadlines.
 */
import type { IsoDate } from '@pactwatch/shared/contracts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LONG_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDateString(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function toUtcMillis(date: IsoDate): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`Invalid date ${JSON.stringify(date)}: expected YYYY-MM-DD`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

function fromUtcMillis(ms: number): IsoDate {
  const date = new Date(ms);
  const y = String(date.getUTCFullYear()).padStart(4, '0');
  const m = String(date.getUTCMonth() + 1).padStart(2, '0');
  const d = String(date.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** '2026-02-08' → '8 Feb 2026'. */
export function formatDay(date: IsoDate): string {
  const d = new Date(toUtcMillis(date));
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** '2026-02' or '2026-02-08' → 'February 2026'. */
export function formatMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${LONG_MONTHS[m - 1]} ${y}`;
}

/** An ISO instant → '8 Feb 2026, 14:05' in the given time zone (UTC when none is given). */
export function formatInstant(instant: string, timeZone = 'UTC'): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  try {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(date);
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return `${get('day')} ${get('month')} ${get('year')}, ${get('hour')}:${get('minute')}`;
  } catch {
    return date.toISOString();
  }
}

/** Today's calendar date in an IANA time zone (falls back to UTC for an unknown zone). */
export function todayIn(timeZone: string, now: Date = new Date()): IsoDate {
  try {
    // en-CA formats dates as YYYY-MM-DD.
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtcMillis(to) - toUtcMillis(from)) / MS_PER_DAY);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtcMillis(toUtcMillis(date) + days * MS_PER_DAY);
}

/** '2026-02' for any date in February 2026. */
export function monthOf(date: IsoDate): string {
  return date.slice(0, 7);
}

export function isMonthString(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

/** The month before or after '2026-02' by `delta` months. */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + delta;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function firstDayOfMonth(month: string): IsoDate {
  return `${month}-01`;
}

export function lastDayOfMonth(month: string): IsoDate {
  return addDays(firstDayOfMonth(addMonths(month, 1)), -1);
}

/** Monday = 0 … Sunday = 6. */
export function weekdayIndex(date: IsoDate): number {
  return (new Date(toUtcMillis(date)).getUTCDay() + 6) % 7;
}

/**
 * The weeks (Monday to Sunday) that cover a month, each day as a date, for a month grid.
 * Days outside the month are included so every week has seven days.
 */
export function monthGrid(month: string): IsoDate[][] {
  const first = firstDayOfMonth(month);
  const last = lastDayOfMonth(month);
  let cursor = addDays(first, -weekdayIndex(first));
  const weeks: IsoDate[][] = [];
  while (cursor <= last) {
    const week: IsoDate[] = [];
    for (let i = 0; i < 7; i++) {
      week.push(cursor);
      cursor = addDays(cursor, 1);
    }
    weeks.push(week);
  }
  return weeks;
}

/** "in 12 days", "today", "3 days ago" — relative to `today`. */
export function relativeDays(date: IsoDate, today: IsoDate): string {
  const days = daysBetween(today, date);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}
