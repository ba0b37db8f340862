import { SCHEDULE_FLAGS } from '@pactwatch/shared/deadlines';
import { SqlParams } from '../shared/sql';
import { commitmentSource, effectiveSort, filterConditions, flagPredicate, isPlainWords, orderByClause } from './commitment-sql';

const day = { today: '2026-01-15', staleAfterDays: 90 };

describe('commitment SQL', () => {
  it('turns each flag into a predicate on plain columns with the right day boundaries', () => {
    const params = new SqlParams();
    const source = commitmentSource(params, null);
    expect(flagPredicate('due_soon', source, params, day)).toMatch(/c\.due_date > \$\d+::date AND c\.due_date <= \$\d+::date/);
    expect(params.values).toContainEqual('2026-01-22');
    const upcoming = new SqlParams();
    flagPredicate('upcoming', source, upcoming, day);
    expect(upcoming.values).toEqual(expect.arrayContaining(['2026-01-22', '2026-02-14']));
    const stale = new SqlParams();
    expect(flagPredicate('stale', source, stale, day)).toContain('c.last_verified_on IS NULL OR c.last_verified_on <');
    expect(stale.values).toContainEqual('2025-10-17');
  });

  it('searches by spelling only plain words: a phrase, an exclusion or an OR stays full-text search', () => {
    expect(['chartr', 'strategic chartr', 'AZ-US-2025-01', 'trump-route'].map(isPlainWords)).toEqual([true, true, true, true]);
    expect(['"digital backbone"', 'pipeline -caspian', 'charter or treaty'].map(isPlainWords)).toEqual([false, false, false]);
    const params = new SqlParams();
    const source = commitmentSource(params, null);
    expect(filterConditions({ q: 'chartr', fuzzy: true }, source, params, day).join(' ')).toContain("<% (c.ref_code || ' ' || c.title)");
    expect(orderByClause('relevance', source, params, 'chartr', true)).toMatch(/^word_similarity\(/);
  });

  it('gives every flag a predicate that excludes closed statuses', () => {
    for (const flag of SCHEDULE_FLAGS) {
      const params = new SqlParams();
      expect(flagPredicate(flag, commitmentSource(params, null), params, day)).toContain('c.status = ANY(');
      expect(params.values[0]).toEqual(['not_started', 'in_progress', 'at_risk', 'stalled']);
    }
  });

  it('reads statuses from the history in as-of mode', () => {
    const params = new SqlParams();
    const source = commitmentSource(params, { date: '2025-09-01', recurringIds: [], recurringDues: [] });
    expect(source.from).toContain('JOIN LATERAL');
    expect(source.status).toBe('h.status_after');
    expect(params.values[0]).toBe('2025-09-01');
  });

  it('binds every user value as a parameter, never into the SQL text', () => {
    const params = new SqlParams();
    const source = commitmentSource(params, null);
    const where = filterConditions(
      { q: "x'); DROP TABLE commitments; --", responsibleBody: "50%_'", area: ["a'b"], party: ['US'], status: ['completed'] },
      source,
      params,
      day,
    ).join(' AND ');
    expect(where).not.toContain('DROP');
    expect(where).not.toContain("a'b");
    expect(params.values).toContainEqual("%50\\%\\_'%");
  });

  it('ends every order on the id, so pages are stable', () => {
    const params = new SqlParams();
    const source = commitmentSource(params, null);
    for (const sort of ['due_date', '-due_date', 'title', 'status', 'progress', 'ref_code', 'updated_at', 'relevance'] as const) {
      expect(orderByClause(sort, source, params, 'charter')).toMatch(/c\.id ASC$/);
    }
    expect(orderByClause('relevance', source, new SqlParams())).toBe(orderByClause('due_date', source, new SqlParams()));
  });

  it('sorts by relevance by default when searching, else by due date', () => {
    expect(effectiveSort(undefined, 'charter')).toBe('relevance');
    expect(effectiveSort(undefined, undefined)).toBe('due_date');
    expect(effectiveSort('title', 'charter')).toBe('title');
  });
});
