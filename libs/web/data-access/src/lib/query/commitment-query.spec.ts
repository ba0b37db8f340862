import { activeFilterCount, commitmentQueryToParams, filtersOnly, parseCommitmentQuery } from './commitment-query';

describe('commitment query in the URL', () => {
  it('reads comma-separated and repeated list params', () => {
    const query = parseCommitmentQuery({ status: 'at_risk,stalled', area: ['energy', 'trade'], party: 'AZ' });
    expect(query).toEqual({ status: ['at_risk', 'stalled'], area: ['energy', 'trade'], party: ['AZ'] });
  });

  it('drops values the API would refuse instead of failing the page', () => {
    const query = parseCommitmentQuery({
      status: 'at_risk,bogus',
      flag: 'overdue,late',
      dueFrom: '2026-02-30',
      sort: 'nope',
      page: '-2',
      pageSize: '7',
    });
    expect(query).toEqual({ status: ['at_risk'], flag: ['overdue'] });
  });

  it('round-trips a full query through URL params', () => {
    const query = {
      q: 'charter',
      status: ['in_progress' as const],
      flag: ['overdue' as const, 'stale' as const],
      area: ['energy'],
      party: ['AZ', 'US'],
      dueFrom: '2026-01-01',
      dueTo: '2026-03-31',
      asOf: '2026-01-15',
      sort: '-progress' as const,
      page: 3,
      pageSize: 50,
    };
    const params = commitmentQueryToParams(query);
    expect(params).toEqual({
      q: 'charter',
      status: 'in_progress',
      flag: 'overdue,stale',
      area: 'energy',
      party: 'AZ,US',
      dueFrom: '2026-01-01',
      dueTo: '2026-03-31',
      asOf: '2026-01-15',
      sort: '-progress',
      page: '3',
      pageSize: '50',
    });
    expect(parseCommitmentQuery(params)).toEqual(query);
  });

  it('leaves defaults out of the URL', () => {
    expect(commitmentQueryToParams({ sort: 'due_date', page: 1, pageSize: 25 })).toEqual({});
  });

  it('keeps only filters for exports and counts them', () => {
    const query = { q: 'x', area: ['energy'], page: 2, sort: 'title' as const };
    expect(filtersOnly(query)).toEqual({ q: 'x', area: ['energy'] });
    expect(activeFilterCount(query)).toBe(2);
  });
});
