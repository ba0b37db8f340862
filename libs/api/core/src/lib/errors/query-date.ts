import { isIsoDate } from '@pactwatch/shared/deadlines';
import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * The days a date in a query string (asOf, dueFrom, dueTo, an audit range) may name. Reads derive other days
 * from them — the staleness cut-off (asOf minus up to 3,650 days), the flag windows (up to 30 days ahead), the
 * next day of an audit range — and every one of those must still be a date PostgreSQL and the deadline library
 * accept (years 0001–9999). From 1900 the lowest derived day stays in the 1890s; up to 9999-12-31 the highest
 * is compared, never formatted back.
 */
export const QUERY_DATE_MIN = '1900-01-01';
export const QUERY_DATE_MAX = '9999-12-31';

export const QUERY_DATE_FORMAT_MESSAGE = 'must be a date in YYYY-MM-DD format';
export const QUERY_DATE_RANGE_MESSAGE = `must be a date from ${QUERY_DATE_MIN} to ${QUERY_DATE_MAX}`;

/** Why a query-string date is refused, or null when it is a real day within the range. */
export function queryDateProblem(value: unknown): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || !isIsoDate(value)) return QUERY_DATE_FORMAT_MESSAGE;
  if (value < QUERY_DATE_MIN || value > QUERY_DATE_MAX) return QUERY_DATE_RANGE_MESSAGE;
  return null;
}

/** A YYYY-MM-DD day that exists (no 31 February) and lies within QUERY_DATE_MIN..QUERY_DATE_MAX. */
export function IsQueryDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isQueryDate',
      validator: {
        validate: (value: unknown) => queryDateProblem(value) === null,
        defaultMessage: (args) => queryDateProblem(args?.value) ?? QUERY_DATE_FORMAT_MESSAGE,
      },
    },
    options,
  );
}
