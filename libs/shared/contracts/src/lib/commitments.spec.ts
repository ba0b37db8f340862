import { COMMITMENT_CSV_COLUMNS, COMMITMENT_CSV_COMPUTED_COLUMNS, COMMITMENT_SORTS } from './commitments';

describe('API contract constants', () => {
  it('lists each CSV column once, and the computed ones among them', () => {
    expect(new Set(COMMITMENT_CSV_COLUMNS).size).toBe(COMMITMENT_CSV_COLUMNS.length);
    for (const column of COMMITMENT_CSV_COMPUTED_COLUMNS) expect(COMMITMENT_CSV_COLUMNS).toContain(column);
  });

  it('offers every sort ascending and descending, plus relevance', () => {
    const keys = COMMITMENT_SORTS.filter((sort) => sort !== 'relevance');
    for (const sort of keys) expect(COMMITMENT_SORTS).toContain(sort.startsWith('-') ? sort.slice(1) : `-${sort}`);
  });
});
