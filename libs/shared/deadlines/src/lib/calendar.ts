/**
 * Internal helpers for plain calendar dates (YYYY-MM-DD).
 *
 * Every calendar date is handled as a luxon DateTime in UTC, which has no
 * DST and does not depend on the host's time zone or on luxon's default zone.
 */
import { DateTime } from 'luxon';
import { DeadlineError } from './errors';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

function parts(text: string): { year: number; month: number; day: number } | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1) return null;
  const probe = DateTime.utc(year, month, 1);
  if (probe.daysInMonth === undefined || day > probe.daysInMonth) return null;
  return { year, month, day };
}

/** Strict YYYY-MM-DD that names a real calendar date (2026-02-30 is false). */
export function isIsoDate(text: string): boolean {
  return typeof text === 'string' && parts(text) !== null;
}

/** Parses a YYYY-MM-DD date to a UTC DateTime or throws `invalid_date`. */
export function toCalendar(date: string, what = 'date'): DateTime {
  const p = typeof date === 'string' ? parts(date) : null;
  if (!p) {
    throw new DeadlineError('invalid_date', `Invalid ${what} ${JSON.stringify(date)}: expected a real calendar date in YYYY-MM-DD format`);
  }
  return DateTime.utc(p.year, p.month, p.day);
}

/** Formats a UTC DateTime as YYYY-MM-DD, refusing years outside 0001–9999. */
export function fromCalendar(value: DateTime): string {
  if (!value.isValid || value.year < 1 || value.year > 9999) {
    throw new DeadlineError('invalid_date', 'Date arithmetic left the supported range of years 0001–9999');
  }
  return value.toFormat('yyyy-MM-dd');
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: string, to: string): number {
  const a = toCalendar(from, 'from date');
  const b = toCalendar(to, 'to date');
  return Math.round((b.toMillis() - a.toMillis()) / MS_PER_DAY);
}
