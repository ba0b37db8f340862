/**
 * Schedule flags: derived from the due date and today's date in the
 * workspace time zone, never from the host's local time.
 */
import { DateTime, IANAZone } from 'luxon';
import { calendarDaysBetween, toCalendar } from './calendar';
import type { DeadlineSpec } from './deadline-spec';
import { DeadlineError } from './errors';
import { ImplementationStatus, isClosedStatus, SCHEDULE_FLAGS, ScheduleFlag } from './status';

export interface FlagInput {
  status: ImplementationStatus;
  deadlineKind: DeadlineSpec['kind'];
  dueDate: string | null;
  anchorPending: boolean;
  /** YYYY-MM-DD */
  lastVerifiedOn: string | null;
}

export interface FlagOptions {
  /** Today, YYYY-MM-DD, in the workspace time zone. */
  today: string;
  /** A commitment not verified for more than this many days is stale. */
  staleAfterDays: number;
  /** Default 7. */
  dueSoonDays?: number;
  /** Default 30. */
  upcomingDays?: number;
}

export const DEFAULT_DUE_SOON_DAYS = 7;
export const DEFAULT_UPCOMING_DAYS = 30;

/** Calendar days from `from` to `to` (to − from); both YYYY-MM-DD. */
export function daysBetween(from: string, to: string): number {
  return calendarDaysBetween(from, to);
}

function checkDays(name: string, value: number): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
    throw new RangeError(`${name} must be a number of days, zero or more (got ${String(value)})`);
  }
  return value;
}

function primaryGroupFlag(input: FlagInput, today: string, soon: number, upcoming: number): ScheduleFlag | null {
  if (input.deadlineKind === 'none') return 'no_deadline';
  if (input.dueDate === null || input.dueDate === undefined) {
    return input.anchorPending ? 'anchor_pending' : 'no_deadline';
  }
  const daysLeft = calendarDaysBetween(today, input.dueDate);
  if (daysLeft < 0) return 'overdue';
  if (daysLeft === 0) return 'due_today';
  if (daysLeft <= soon) return 'due_soon';
  if (daysLeft <= upcoming) return 'upcoming';
  return null;
}

/**
 * The schedule flags of a commitment on `options.today`.
 * Closed statuses get none. Otherwise at most one of overdue, due_today,
 * due_soon (1–7 days ahead), upcoming (8–30), no_deadline, anchor_pending,
 * plus `stale` when never verified or verified more than `staleAfterDays`
 * days before today. Flags come in the order of SCHEDULE_FLAGS.
 */
export function computeScheduleFlags(input: FlagInput, options: FlagOptions): ScheduleFlag[] {
  const today = options.today;
  toCalendar(today, 'today');
  const staleAfter = checkDays('staleAfterDays', options.staleAfterDays);
  const soon = checkDays('dueSoonDays', options.dueSoonDays ?? DEFAULT_DUE_SOON_DAYS);
  const upcoming = checkDays('upcomingDays', options.upcomingDays ?? DEFAULT_UPCOMING_DAYS);
  if (isClosedStatus(input.status)) return [];

  const flags = new Set<ScheduleFlag>();
  const primary = primaryGroupFlag(input, today, soon, upcoming);
  if (primary) flags.add(primary);
  if (
    input.lastVerifiedOn === null ||
    input.lastVerifiedOn === undefined ||
    calendarDaysBetween(input.lastVerifiedOn, today) > staleAfter
  ) {
    flags.add('stale');
  }
  return SCHEDULE_FLAGS.filter((flag) => flags.has(flag));
}

/** The flag to show first: the first non-stale flag, else stale, else null. */
export function primaryFlag(flags: readonly ScheduleFlag[]): ScheduleFlag | null {
  return flags.find((flag) => flag !== 'stale') ?? (flags.includes('stale') ? 'stale' : null);
}

/** Zone names found valid, lower-cased (IANA names match regardless of case): checking one builds an Intl formatter, which is slow. */
const VALID_ZONES = new Set<string>();

/** Whether `tz` names an IANA time zone (e.g. 'Europe/Brussels', 'UTC'). Offsets and 'local' are not accepted. */
export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(tz)) return false;
  if (VALID_ZONES.has(tz.toLowerCase())) return true;
  if (!IANAZone.isValidZone(tz)) return false;
  VALID_ZONES.add(tz.toLowerCase());
  return true;
}

function zone(timeZone: string): IANAZone {
  if (!isValidTimeZone(timeZone)) {
    throw new DeadlineError(
      'invalid_time_zone',
      `Invalid time zone ${JSON.stringify(timeZone)}: must be an IANA time zone such as Europe/Brussels`,
    );
  }
  return IANAZone.create(timeZone);
}

function millis(instant: Date): number {
  const ms = typeof instant === 'object' && instant !== null && typeof instant.getTime === 'function' ? instant.getTime() : NaN;
  if (!Number.isFinite(ms)) {
    throw new DeadlineError('invalid_date', 'Invalid instant: expected a valid Date');
  }
  return ms;
}

/** Per time zone, the local day last asked for and the instants it spans: "today" is asked on every request. */
const lastDays = new Map<string, { date: string; from: number; until: number }>();

/** The calendar date (YYYY-MM-DD) of an instant in an IANA time zone. */
export function localDate(instant: Date, timeZone: string): string {
  const ms = millis(instant);
  const known = lastDays.get(timeZone);
  if (known && ms >= known.from && ms < known.until) return known.date;
  const local = DateTime.fromMillis(ms, { zone: zone(timeZone) });
  // startOf('day') is the first instant of the day even where the clocks skip midnight.
  const day = {
    date: local.toFormat('yyyy-MM-dd'),
    from: local.startOf('day').toMillis(),
    until: local.plus({ days: 1 }).startOf('day').toMillis(),
  };
  lastDays.set(timeZone, day);
  return day.date;
}

/** The last millisecond (23:59:59.999 local) of a calendar day in an IANA time zone. */
export function dueInstant(dueDate: string, timeZone: string): Date {
  const z = zone(timeZone);
  const next = toCalendar(dueDate, 'due date').plus({ days: 1 });
  // Start of the next local day minus 1 ms; robust to DST gaps at midnight.
  const startOfNext = DateTime.fromObject({ year: next.year, month: next.month, day: next.day, hour: 12 }, { zone: z }).startOf('day');
  return new Date(startOfNext.toMillis() - 1);
}

/** computeScheduleFlags with today = the date of `now` in the workspace time zone. */
export function scheduleFlagsAt(input: FlagInput, now: Date, timeZone: string, staleAfterDays: number): ScheduleFlag[] {
  return computeScheduleFlags(input, {
    today: localDate(now, timeZone),
    staleAfterDays,
  });
}
