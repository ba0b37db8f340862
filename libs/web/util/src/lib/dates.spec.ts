import {
  addDays,
  addMonths,
  daysBetween,
  formatDay,
  formatMonth,
  isIsoDateString,
  lastDayOfMonth,
  monthGrid,
  relativeDays,
  todayIn,
} from './dates';

describe('dates', () => {
  it('formats a calendar date the way the API describes deadlines', () => {
    expect(formatDay('2026-02-08')).toBe('8 Feb 2026');
    expect(formatMonth('2026-02')).toBe('February 2026');
  });

  it('rejects dates that do not exist', () => {
    expect(isIsoDateString('2026-02-28')).toBe(true);
    expect(isIsoDateString('2026-02-30')).toBe(false);
    expect(isIsoDateString('8 Feb 2026')).toBe(false);
  });

  it('counts calendar days across a month end', () => {
    expect(daysBetween('2026-01-30', '2026-02-08')).toBe(9);
    expect(daysBetween('2026-02-08', '2026-01-30')).toBe(-9);
    expect(addDays('2026-02-08', 90)).toBe('2026-05-09');
  });

  it('reads today in the workspace time zone, not the host one', () => {
    const now = new Date('2026-02-07T23:30:00Z');
    expect(todayIn('UTC', now)).toBe('2026-02-07');
    expect(todayIn('Asia/Baku', now)).toBe('2026-02-08');
  });

  it('moves between months across a year end', () => {
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(lastDayOfMonth('2024-02')).toBe('2024-02-29');
  });

  it('builds Monday-first weeks that cover the whole month', () => {
    const weeks = monthGrid('2026-02');
    expect(weeks[0][0]).toBe('2026-01-26');
    expect(weeks.flat()).toContain('2026-02-28');
    expect(weeks.every((week) => week.length === 7)).toBe(true);
  });

  it('says how far away a date is', () => {
    expect(relativeDays('2026-02-08', '2026-02-08')).toBe('today');
    expect(relativeDays('2026-02-18', '2026-02-08')).toBe('in 10 days');
    expect(relativeDays('2026-02-01', '2026-02-08')).toBe('7 days ago');
  });
});
