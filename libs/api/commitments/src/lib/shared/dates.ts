import { DateTime } from 'luxon';

/** `date` (YYYY-MM-DD) moved by a number of calendar days, which may be negative. */
export function shiftDays(date: string, days: number): string {
  const shifted = DateTime.fromISO(date, { zone: 'utc' }).plus({ days });
  if (!shifted.isValid) throw new RangeError(`Invalid date ${JSON.stringify(date)}`);
  return shifted.toFormat('yyyy-MM-dd');
}
