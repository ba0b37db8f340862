import { QUERY_DATE_FORMAT_MESSAGE, QUERY_DATE_RANGE_MESSAGE, queryDateProblem } from './query-date';

describe('query-string dates', () => {
  it('accepts real days from 1900-01-01 to 9999-12-31', () => {
    for (const day of ['1900-01-01', '2026-02-28', '2024-02-29', '9999-12-31']) expect(queryDateProblem(day)).toBeNull();
  });

  it('refuses days before 1900, whose derived days could leave the calendar, naming the range', () => {
    for (const day of ['0001-01-02', '1000-06-15', '1899-12-31']) expect(queryDateProblem(day)).toBe(QUERY_DATE_RANGE_MESSAGE);
  });

  it('refuses text that is not a YYYY-MM-DD day with the format message', () => {
    for (const value of ['2025-02-30', '10000-01-01', '2026-1-5', 'yesterday', 20260115, undefined])
      expect(queryDateProblem(value)).toBe(QUERY_DATE_FORMAT_MESSAGE);
  });
});
