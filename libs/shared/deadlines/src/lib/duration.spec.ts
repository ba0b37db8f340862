import fc from 'fast-check';
import { dateFromDayNumber, dayNumber, durationParts, formatDuration, isoDate } from '../../test/arbitraries';
import { addDuration, describeDuration, isValidIsoDuration, parseIsoDuration } from './duration';
import { DeadlineError } from './errors';

function errorOf(fn: () => unknown): DeadlineError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DeadlineError) return error;
    throw error;
  }
  throw new Error('expected a DeadlineError');
}

describe('parseIsoDuration', () => {
  it.each([
    ['P6M', { years: 0, months: 6, weeks: 0, days: 0 }],
    ['P90D', { years: 0, months: 0, weeks: 0, days: 90 }],
    ['P1Y', { years: 1, months: 0, weeks: 0, days: 0 }],
    ['P2W', { years: 0, months: 0, weeks: 2, days: 0 }],
    ['P1Y6M', { years: 1, months: 6, weeks: 0, days: 0 }],
    ['P1Y2M10D', { years: 1, months: 2, weeks: 0, days: 10 }],
    ['P100Y', { years: 100, months: 0, weeks: 0, days: 0 }],
    ['P1200M', { years: 0, months: 1200, weeks: 0, days: 0 }],
  ])('parses %s', (text, expected) => {
    expect(parseIsoDuration(text)).toEqual(expected);
    expect(isValidIsoDuration(text)).toBe(true);
  });

  it.each([
    ['', 'must be an ISO-8601 duration such as P6M or P90D'],
    ['P', 'must be an ISO-8601 duration such as P6M or P90D'],
    ['6M', 'must be an ISO-8601 duration such as P6M or P90D'],
    ['p6m', 'must be an ISO-8601 duration such as P6M or P90D'],
    [' P6M', 'must be an ISO-8601 duration such as P6M or P90D'],
    ['P6M1Y', 'must be an ISO-8601 duration such as P6M or P90D'],
    ['PT5H', 'hours, minutes and seconds are not supported'],
    ['P1DT12H', 'hours, minutes and seconds are not supported'],
    ['-P6M', 'must not be negative'],
    ['P-6M', 'must not be negative'],
    ['P1.5M', 'with whole numbers only'],
    ['P0,5Y', 'with whole numbers only'],
    ['P0D', 'must be longer than zero'],
    ['P0Y0M', 'must be longer than zero'],
    ['P101Y', 'must not exceed 100 years'],
    ['P1201M', 'must not exceed 100 years'],
    ['P99Y13M', 'must not exceed 100 years'],
    ['P99999999999999999999D', 'must not exceed 100 years'],
  ])('rejects %j (%s)', (text, message) => {
    const error = errorOf(() => parseIsoDuration(text));
    expect(error.code).toBe('invalid_duration');
    expect(error.message).toContain(message);
    expect(error.message).toContain(JSON.stringify(text));
    expect(isValidIsoDuration(text)).toBe(false);
  });

  it('rejects values that are not strings', () => {
    expect(isValidIsoDuration(undefined as unknown as string)).toBe(false);
    expect(isValidIsoDuration(6 as unknown as string)).toBe(false);
  });

  it('round-trips every generated duration', () => {
    fc.assert(
      fc.property(durationParts, (parts) => {
        expect(parseIsoDuration(formatDuration(parts))).toEqual(parts);
      }),
    );
  });
});

describe('addDuration', () => {
  it.each([
    // the reference case: MoU signed 8 Aug 2025, charter within six months
    ['2025-08-08', 'P6M', '2026-02-08'],
    // month ends clamp to the shorter month
    ['2025-08-31', 'P6M', '2026-02-28'],
    ['2023-08-31', 'P6M', '2024-02-29'],
    ['2025-01-31', 'P1M', '2025-02-28'],
    ['2024-01-31', 'P1M', '2024-02-29'],
    ['2025-03-31', 'P1M', '2025-04-30'],
    ['2024-02-29', 'P1Y', '2025-02-28'],
    ['2024-02-29', 'P4Y', '2028-02-29'],
    ['2024-02-29', 'P12M', '2025-02-28'],
    // years and months first, then weeks and days
    ['2025-01-31', 'P1M1D', '2025-03-01'],
    ['2024-01-31', 'P1M10D', '2024-03-10'],
    ['2025-08-08', 'P1Y2M10D', '2026-10-18'],
    // days and weeks cross months and years
    ['2025-08-08', 'P90D', '2025-11-06'],
    ['2025-08-08', 'P180D', '2026-02-04'],
    ['2025-12-25', 'P2W', '2026-01-08'],
    ['2023-12-31', 'P1Y', '2024-12-31'],
  ])('%s + %s = %s', (date, duration, expected) => {
    expect(addDuration(date, duration)).toBe(expected);
  });

  it('accepts a parsed duration', () => {
    expect(addDuration('2025-08-31', { years: 0, months: 6, weeks: 0, days: 0 })).toBe('2026-02-28');
    expect(addDuration('2025-08-31', parseIsoDuration('P1Y6M'))).toBe('2027-02-28');
  });

  it('rejects bad dates and durations with typed errors', () => {
    expect(errorOf(() => addDuration('2026-02-30', 'P6M')).code).toBe('invalid_date');
    expect(errorOf(() => addDuration('8 Aug 2025', 'P6M')).code).toBe('invalid_date');
    expect(errorOf(() => addDuration('2025-08-08', 'PT5H')).code).toBe('invalid_duration');
    expect(errorOf(() => addDuration('2025-08-08', { years: 0, months: -1, weeks: 0, days: 0 })).code).toBe('invalid_duration');
    expect(errorOf(() => addDuration('2025-08-08', { years: 0, months: 1.5, weeks: 0, days: 0 })).code).toBe('invalid_duration');
    expect(errorOf(() => addDuration('2025-08-08', { years: 0, months: 0, weeks: 0, days: 0 })).code).toBe('invalid_duration');
    expect(errorOf(() => addDuration('9999-06-01', 'P1Y')).code).toBe('invalid_date');
  });

  it('property: adding P{n}M lands in the target month and never overshoots it', () => {
    fc.assert(
      fc.property(isoDate('1900-01-01', '2900-12-31'), fc.integer({ min: 1, max: 1200 }), (date, n) => {
        const [y, m, d] = date.split('-').map(Number);
        const targetIndex = y * 12 + (m - 1) + n;
        const targetYear = Math.floor(targetIndex / 12);
        const targetMonth = (targetIndex % 12) + 1;
        const daysInTarget = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();

        const result = addDuration(date, `P${n}M`);
        const [ry, rm, rd] = result.split('-').map(Number);
        expect([ry, rm]).toEqual([targetYear, targetMonth]);
        expect(rd).toBe(Math.min(d, daysInTarget));
      }),
      { numRuns: 500 },
    );
  });

  it('property: P{n}D and P{n}W move exactly n days and 7n days', () => {
    fc.assert(
      fc.property(isoDate(), fc.integer({ min: 1, max: 5000 }), (date, n) => {
        expect(addDuration(date, `P${n}D`)).toBe(dateFromDayNumber(dayNumber(date) + n));
        expect(addDuration(date, `P${n}W`)).toBe(dateFromDayNumber(dayNumber(date) + 7 * n));
      }),
    );
  });

  it('property: a result is always later than the start', () => {
    fc.assert(
      fc.property(isoDate(), durationParts, (date, parts) => {
        expect(addDuration(date, formatDuration(parts)) > date).toBe(true);
      }),
    );
  });
});

describe('describeDuration', () => {
  it.each([
    ['P6M', '6 months'],
    ['P1M', '1 month'],
    ['P90D', '90 days'],
    ['P1D', '1 day'],
    ['P2W', '2 weeks'],
    ['P1W', '1 week'],
    ['P1Y', '1 year'],
    ['P1Y6M', '1 year 6 months'],
    ['P2Y1M', '2 years 1 month'],
    ['P1Y2M10D', '1 year 2 months 10 days'],
  ])('%s -> %s', (text, expected) => {
    expect(describeDuration(text)).toBe(expected);
  });

  it('throws on an invalid duration', () => {
    expect(errorOf(() => describeDuration('six months')).code).toBe('invalid_duration');
  });
});
