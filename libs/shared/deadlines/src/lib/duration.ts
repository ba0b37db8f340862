/**
 * ISO-8601 calendar durations, date part only: P6M, P90D, P1Y, P2W, P1Y6M, P1Y2M10D.
 */
import { DateTime } from 'luxon';
import { fromCalendar, toCalendar } from './calendar';
import { DeadlineError } from './errors';

export interface CalendarDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
}

/** Longest duration accepted anywhere: 100 years. */
export const MAX_DURATION_YEARS = 100;

/** The message used when a duration is not ISO-8601 at all. */
export const DURATION_FORMAT_MESSAGE = 'must be an ISO-8601 duration such as P6M or P90D';

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;
const DAYS_PER_YEAR = 365.2425;
const UNITS: readonly (keyof CalendarDuration)[] = ['years', 'months', 'weeks', 'days'];

/** Approximate length in days; only used for sanity limits and search estimates. */
export function approximateDays(d: CalendarDuration): number {
  return d.years * DAYS_PER_YEAR + (d.months * DAYS_PER_YEAR) / 12 + d.weeks * 7 + d.days;
}

function rangeProblem(d: CalendarDuration, allowZero = false): string | null {
  if (!allowZero && UNITS.every((unit) => d[unit] === 0)) return 'must be longer than zero';
  if (approximateDays(d) > MAX_DURATION_YEARS * DAYS_PER_YEAR + 1) {
    return `must not exceed ${MAX_DURATION_YEARS} years`;
  }
  return null;
}

/**
 * Parses a duration, returning it or a problem phrase that completes
 * "<field> …", e.g. "must not be negative". `allowZero` accepts P0D: a relative deadline of
 * zero ("immediately upon signature") falls due on its anchor's own date; a cadence never may.
 */
export function inspectDuration(
  text: unknown,
  options: { allowZero?: boolean } = {},
): { ok: true; duration: CalendarDuration } | { ok: false; problem: string } {
  if (typeof text !== 'string') return { ok: false, problem: DURATION_FORMAT_MESSAGE };
  const match = DURATION.exec(text);
  if (!match || text === 'P') {
    if (/^\s*-/.test(text) || /^P.*-/.test(text)) {
      return { ok: false, problem: 'must not be negative' };
    }
    if (/^P[^T]*T/.test(text)) {
      return {
        ok: false,
        problem: `${DURATION_FORMAT_MESSAGE}; hours, minutes and seconds are not supported`,
      };
    }
    if (/^P.*\d[.,]\d/.test(text)) {
      return {
        ok: false,
        problem: `${DURATION_FORMAT_MESSAGE}, with whole numbers only`,
      };
    }
    return { ok: false, problem: DURATION_FORMAT_MESSAGE };
  }
  const duration: CalendarDuration = {
    years: Number(match[1] ?? 0),
    months: Number(match[2] ?? 0),
    weeks: Number(match[3] ?? 0),
    days: Number(match[4] ?? 0),
  };
  const problem = rangeProblem(duration, options.allowZero);
  return problem ? { ok: false, problem } : { ok: true, duration };
}

/** Parses an ISO-8601 date-part duration or throws `DeadlineError('invalid_duration')`. */
export function parseIsoDuration(text: string, options: { allowZero?: boolean } = {}): CalendarDuration {
  const result = inspectDuration(text, options);
  if (!result.ok) {
    throw new DeadlineError('invalid_duration', `Invalid duration ${JSON.stringify(text)}: ${result.problem}`);
  }
  return result.duration;
}

export function isValidIsoDuration(text: string): boolean {
  return inspectDuration(text).ok;
}

function checkDurationObject(d: CalendarDuration): CalendarDuration {
  const bad = UNITS.find((unit) => !Number.isSafeInteger(d?.[unit]) || d[unit] < 0);
  if (bad !== undefined) {
    throw new DeadlineError('invalid_duration', `Invalid duration: ${bad} must be a whole number of zero or more`);
  }
  const problem = rangeProblem(d);
  if (problem) throw new DeadlineError('invalid_duration', `Invalid duration: ${problem}`);
  return d;
}

/**
 * Adds years and months first (clamping to the end of a shorter month, as
 * java.time and PostgreSQL do), then weeks and days. No range checks.
 */
export function addToCalendar(start: DateTime, d: CalendarDuration, times = 1): DateTime {
  return start.plus({ years: d.years * times, months: d.months * times }).plus({ days: (d.weeks * 7 + d.days) * times });
}

/**
 * `date` plus a calendar duration. Month ends clamp:
 * 2025-08-31 + P6M = 2026-02-28, 2024-02-29 + P1Y = 2025-02-28.
 */
export function addDuration(date: string, duration: string | CalendarDuration): string {
  const d = typeof duration === 'string' ? parseIsoDuration(duration) : checkDurationObject(duration);
  return fromCalendar(addToCalendar(toCalendar(date), d));
}

const NAMES: Record<keyof CalendarDuration, [string, string]> = {
  years: ['year', 'years'],
  months: ['month', 'months'],
  weeks: ['week', 'weeks'],
  days: ['day', 'days'],
};

/** 'P6M' -> '6 months', 'P1M' -> '1 month', 'P1Y6M' -> '1 year 6 months'. */
export function describeDuration(text: string): string {
  const d = parseIsoDuration(text);
  return UNITS.filter((unit) => d[unit] > 0)
    .map((unit) => `${d[unit]} ${NAMES[unit][d[unit] === 1 ? 0 : 1]}`)
    .join(' ');
}

/** The unit name when the duration is exactly one of a single unit ('P1M' -> 'month'), else null. */
export function singleUnitName(text: string): string | null {
  const d = parseIsoDuration(text);
  const used = UNITS.filter((unit) => d[unit] > 0);
  return used.length === 1 && d[used[0]] === 1 ? NAMES[used[0]][0] : null;
}
