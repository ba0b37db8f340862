/**
 * Deadline specs and the due dates computed from them. A due date is a plain
 * calendar date (YYYY-MM-DD); it means the end of that day in the workspace
 * time zone (see `dueInstant`).
 */
import { calendarDaysBetween, fromCalendar, isIsoDate, toCalendar } from './calendar';
import { addToCalendar, approximateDays, CalendarDuration, inspectDuration, parseIsoDuration } from './duration';
import { DeadlineError } from './errors';

export { isIsoDate } from './calendar';

export const DATE_PRECISIONS = ['day', 'month', 'quarter', 'year'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

export const DEADLINE_KINDS = ['none', 'absolute', 'relative', 'recurring'] as const;

export type DeadlineSpec =
  | { kind: 'none' }
  /** 'By end of 2026' = { date: '2026-12-31' (any date in 2026 is accepted), precision: 'year' }. */
  | { kind: 'absolute'; date: string; precision: DatePrecision }
  /** 'Within six months of signing' = { anchorEventId, duration: 'P6M' }. */
  | { kind: 'relative'; anchorEventId: string; duration: string }
  /** A cadence from a start date or from an anchor; exactly one of `start` / `anchorEventId`. */
  | {
      kind: 'recurring';
      interval: string;
      start?: string;
      anchorEventId?: string;
    };

export type DeadlineKind = DeadlineSpec['kind'];

/** Anchor id -> YYYY-MM-DD, or null when the anchor's date is pending. */
export type AnchorDates = Readonly<Record<string, string | null>>;

export interface DueDateResult {
  dueDate: string | null;
  anchorPending: boolean;
}

export interface SpecValidationError {
  path: string;
  message: string;
}

export type SpecValidationResult = { ok: true; spec: DeadlineSpec } | { ok: false; errors: SpecValidationError[] };

const FIELDS: Record<DeadlineKind, readonly string[]> = {
  none: ['kind'],
  absolute: ['kind', 'date', 'precision'],
  relative: ['kind', 'anchorEventId', 'duration'],
  recurring: ['kind', 'interval', 'start', 'anchorEventId'],
};

const KIND_MESSAGE = `must be one of ${DEADLINE_KINDS.join(', ')}`;

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function dateProblem(value: unknown): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return 'must be a date in YYYY-MM-DD format';
  }
  return isIsoDate(value) ? null : 'must be a real calendar date';
}

function idProblem(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? null : 'must be the id of an anchor event';
}

/**
 * Checks untrusted input (a request body, a stored JSON column) and returns a
 * clean spec holding only the fields of its kind. `null` and `undefined`
 * fields are ignored; any other field that does not belong to the kind is an
 * error.
 */
export function validateDeadlineSpec(spec: unknown): SpecValidationResult {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    return {
      ok: false,
      errors: [{ path: '', message: 'must be an object with a kind' }],
    };
  }
  const input = spec as Record<string, unknown>;
  const kind = input['kind'];
  if (typeof kind !== 'string' || !(DEADLINE_KINDS as readonly string[]).includes(kind)) {
    return { ok: false, errors: [{ path: 'kind', message: KIND_MESSAGE }] };
  }
  const k = kind as DeadlineKind;
  const errors: SpecValidationError[] = [];
  const check = (path: string, problem: string | null) => {
    if (problem) errors.push({ path, message: problem });
  };

  for (const key of Object.keys(input).sort()) {
    if (!FIELDS[k].includes(key) && isPresent(input[key])) {
      errors.push({ path: key, message: `is not allowed in a ${k} deadline` });
    }
  }

  let result: DeadlineSpec;
  switch (k) {
    case 'none':
      result = { kind: 'none' };
      break;
    case 'absolute': {
      const { date, precision } = input as {
        date?: unknown;
        precision?: unknown;
      };
      check('date', dateProblem(date));
      check(
        'precision',
        typeof precision === 'string' && (DATE_PRECISIONS as readonly string[]).includes(precision)
          ? null
          : `must be one of ${DATE_PRECISIONS.join(', ')}`,
      );
      result = {
        kind: 'absolute',
        date: date as string,
        precision: precision as DatePrecision,
      };
      break;
    }
    case 'relative': {
      const { anchorEventId, duration } = input as {
        anchorEventId?: unknown;
        duration?: unknown;
      };
      check('anchorEventId', idProblem(anchorEventId));
      const parsed = inspectDuration(duration, { allowZero: true });
      check('duration', parsed.ok ? null : parsed.problem);
      result = {
        kind: 'relative',
        anchorEventId: anchorEventId as string,
        duration: duration as string,
      };
      break;
    }
    case 'recurring': {
      const { interval, start, anchorEventId } = input as {
        interval?: unknown;
        start?: unknown;
        anchorEventId?: unknown;
      };
      const parsed = inspectDuration(interval);
      check('interval', parsed.ok ? null : parsed.problem);
      const hasStart = isPresent(start);
      const hasAnchor = isPresent(anchorEventId);
      if (hasStart && hasAnchor) {
        errors.push({
          path: 'anchorEventId',
          message: 'must not be given together with start; a cadence counts from one or the other',
        });
      } else if (!hasStart && !hasAnchor) {
        errors.push({
          path: 'start',
          message: 'is required unless anchorEventId is given',
        });
      } else if (hasStart) {
        check('start', dateProblem(start));
      } else {
        check('anchorEventId', idProblem(anchorEventId));
      }
      result = hasStart
        ? {
            kind: 'recurring',
            interval: interval as string,
            start: start as string,
          }
        : {
            kind: 'recurring',
            interval: interval as string,
            anchorEventId: anchorEventId as string,
          };
      break;
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, spec: result };
}

/** The last day of the period `date` falls in: month, quarter or year (day: the date itself). */
export function endOfPrecision(date: string, precision: DatePrecision): string {
  const value = toCalendar(date);
  switch (precision) {
    case 'day':
      return fromCalendar(value);
    case 'month':
    case 'quarter':
    case 'year':
      return fromCalendar(value.endOf(precision).startOf('day'));
    default:
      throw new DeadlineError(
        'invalid_spec',
        `Invalid precision ${JSON.stringify(precision)}: must be one of ${DATE_PRECISIONS.join(', ')}`,
      );
  }
}

const NO_DUE_DATE: DueDateResult = { dueDate: null, anchorPending: false };
const PENDING: DueDateResult = { dueDate: null, anchorPending: true };

/** The anchor's date, or null when it is pending or unknown. Throws on a malformed date. */
function anchorDate(anchors: AnchorDates, id: string): string | null {
  const date = Object.prototype.hasOwnProperty.call(anchors, id) ? anchors[id] : null;
  if (date === null || date === undefined) return null;
  toCalendar(date, `date of anchor ${JSON.stringify(id)}`);
  return date;
}

/**
 * The first occurrence `base + k × interval` (k ≥ firstK) on or after `asOf`.
 * Occurrences are computed from the base each time (not by repeated
 * addition), so a cadence from 31 Jan by P1M gives 28 Feb, 31 Mar, 30 Apr, …
 */
function nextOccurrence(base: string, interval: CalendarDuration, firstK: number, asOf: string): string {
  const start = toCalendar(base);
  const occurrence = (k: number) => fromCalendar(addToCalendar(start, interval, k));
  // Occurrences strictly increase with k, so start from an estimate and walk.
  const estimate = Math.floor(calendarDaysBetween(base, asOf) / approximateDays(interval));
  let k = Math.max(firstK, estimate);
  while (k > firstK && occurrence(k - 1) >= asOf) k -= 1;
  while (occurrence(k) < asOf) k += 1;
  return occurrence(k);
}

/**
 * Computes the due date of a spec.
 * - none: no due date;
 * - absolute: the end of the period given by the precision;
 * - relative: anchor date + duration, or `anchorPending` when the anchor's date is pending or unknown;
 * - recurring: the first occurrence on or after `asOf` (today), counting
 *   `start + k × interval` for k ≥ 0, or `anchor + k × interval` for k ≥ 1.
 * Throws `DeadlineError` for malformed specs, dates or durations.
 */
export function computeDueDate(spec: DeadlineSpec, anchors: AnchorDates, asOf: string): DueDateResult {
  switch (spec.kind) {
    case 'none':
      return NO_DUE_DATE;
    case 'absolute':
      return {
        dueDate: endOfPrecision(spec.date, spec.precision),
        anchorPending: false,
      };
    case 'relative': {
      const duration = parseIsoDuration(spec.duration, { allowZero: true });
      const base = anchorDate(anchors, spec.anchorEventId);
      if (base === null) return PENDING;
      return {
        dueDate: fromCalendar(addToCalendar(toCalendar(base), duration)),
        anchorPending: false,
      };
    }
    case 'recurring': {
      const interval = parseIsoDuration(spec.interval);
      toCalendar(asOf, 'as-of date');
      const hasStart = isPresent(spec.start);
      const hasAnchor = isPresent(spec.anchorEventId);
      if (hasStart === hasAnchor) {
        throw new DeadlineError('invalid_spec', 'A recurring deadline needs exactly one of start or anchorEventId');
      }
      if (hasStart) {
        const start = spec.start as string;
        toCalendar(start, 'start date');
        return {
          dueDate: nextOccurrence(start, interval, 0, asOf),
          anchorPending: false,
        };
      }
      const base = anchorDate(anchors, spec.anchorEventId as string);
      if (base === null) return PENDING;
      return {
        dueDate: nextOccurrence(base, interval, 1, asOf),
        anchorPending: false,
      };
    }
    default:
      throw new DeadlineError('invalid_spec', `Unknown deadline kind ${JSON.stringify((spec as { kind?: unknown }).kind)}`);
  }
}

/** Whether the spec's due date counts from the given anchor event (so must move when it moves). */
export function dependsOnAnchor(spec: DeadlineSpec, anchorId: string): boolean {
  return (spec.kind === 'relative' || spec.kind === 'recurring') && spec.anchorEventId === anchorId;
}
