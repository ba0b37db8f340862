import { COMMITMENT_SORTS, CommitmentSort, CommitmentSummaryDto, Page } from '@pactwatch/shared/contracts';
import { SCHEDULE_FLAGS } from '@pactwatch/shared/deadlines';
import { sessionHeaders } from '../../../support/auth';
import { startTestApp, TestApp } from '../../../support/test-app';
import { Api, apiFor, buildListFixture, expectStatus, ListFixture, listAll, refs, signedIn, sortedRefs } from './fixtures';

/** Today is 2026-01-15 in the workspace (UTC); see buildListFixture for what each F-xx is. */
describe('GET /api/commitments: filters, flags, sorting and pagination on a seeded fixture', () => {
  let t: TestApp;
  let api: Api;
  let fixture: ListFixture;
  let all: CommitmentSummaryDto[];

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-01-15T09:00:00Z' });
    api = (await signedIn(t, 'analyst')).api;
    fixture = await buildListFixture(t, api);
    all = await listAll(api);
  }, 60_000);
  afterAll(() => t.close());

  const query = async (qs: string) => sortedRefs(await listAll(api, qs));

  it('lists every commitment with a total when no filter is given', async () => {
    const page = await api.json<Page<CommitmentSummaryDto>>('/api/commitments');
    expect(page.total).toBe(14);
    expect(page).toMatchObject({ page: 1, pageSize: 25 });
    expect(page.items).toHaveLength(14);
  });

  it.each([
    ['overdue', ['F-01']],
    ['due_today', ['F-02']],
    ['due_soon', ['F-03', 'F-11']],
    ['upcoming', ['F-04', 'F-12']],
    ['no_deadline', ['F-06', 'F-12.2']],
    ['anchor_pending', ['F-07']],
    ['stale', ['F-09']],
  ])('filters by the schedule flag %s', async (flag, expected) => {
    expect(await query(`flag=${flag}`)).toEqual(expected);
  });

  it('translates every flag into SQL that agrees with the deadline library row by row', async () => {
    for (const flag of SCHEDULE_FLAGS) {
      const bySql = await query(`flag=${flag}`);
      const byLibrary = sortedRefs(all.filter((item) => item.flags.includes(flag)));
      expect({ flag, refs: bySql }).toEqual({ flag, refs: byLibrary });
    }
  });

  it('gives closed commitments no flags, even when their date has passed', () => {
    const closed = all.filter((item) => ['F-08', 'F-10', 'F-12.1'].includes(item.refCode));
    expect(closed.map((item) => item.flags)).toEqual([[], [], []]);
  });

  it('matches any of several comma-separated flags', async () => {
    expect(await query('flag=overdue,due_today')).toEqual(['F-01', 'F-02']);
  });

  it('filters by status (any of)', async () => {
    expect(await query('status=at_risk,stalled')).toEqual(['F-03', 'F-04']);
    expect(await query('status=completed')).toEqual(['F-08', 'F-12.1']);
  });

  it('filters by policy area slug (any of)', async () => {
    expect(await query('area=energy')).toEqual(['F-01', 'F-03', 'F-10', 'F-11']);
    expect(await query('area=transit,digital-infrastructure')).toEqual(['F-04', 'F-05', 'F-07']);
    expect(await query('area=no-such-area')).toEqual([]);
  });

  it('filters by party code (any of, case-insensitive)', async () => {
    expect(await query('party=AM')).toEqual(['F-04', 'F-07']);
    expect(await query('party=am,az')).toEqual(['F-01', 'F-03', 'F-04', 'F-05', 'F-07', 'F-08', 'F-09', 'F-12']);
  });

  it('filters by agreement id', async () => {
    expect(await query(`agreement=${fixture.agreementB.id}`)).toEqual(['F-04', 'F-06', 'F-07']);
  });

  it('filters by text in the responsible body, case-insensitively', async () => {
    expect(await query('responsibleBody=working%20group')).toEqual(['F-02', 'F-03']);
    expect(await query('responsibleBody=100%25')).toEqual([]);
  });

  it('filters by assigned analyst, including "me"', async () => {
    expect(await query(`assignee=${fixture.alice.id}`)).toEqual(['F-01']);
    expect(await query(`assignee=${fixture.alice.id},${fixture.bob.id}`)).toEqual(['F-01', 'F-03']);
    const alice = apiFor(t, await sessionHeaders(t, fixture.alice.id));
    expect(sortedRefs(await listAll(alice, 'assignee=me'))).toEqual(['F-01']);
  });

  it('filters by a due-date range, inclusive at both ends', async () => {
    expect(await query('dueFrom=2026-01-15&dueTo=2026-01-20')).toEqual(['F-02', 'F-03', 'F-11']);
    expect(await query('dueFrom=2026-06-30')).toEqual(['F-05', 'F-09']);
    expect(await query('dueTo=2026-01-01')).toEqual(['F-08', 'F-10']);
  });

  it('searches title, description and source quote with PostgreSQL full-text search, best match first', async () => {
    const page = await api.json<Page<CommitmentSummaryDto>>('/api/commitments?q=pipeline');
    // F-03 has the word in its title (weight A), F-01 only in its description (weight B).
    expect(refs(page.items)).toEqual(['F-03', 'F-01']);
    expect(await query('q=feasibility%20study')).toEqual(['F-03']);
    expect(await query('q=%22digital%20backbone%22')).toEqual(['F-05']);
    expect(await query('q=pipeline%20-caspian')).toEqual(['F-01']);
  });

  it('finds words typed with a typo by spelling when full-text search finds nothing, closest first', async () => {
    const page = await api.json<Page<CommitmentSummaryDto>>('/api/commitments?q=chartr');
    expect(refs(page.items)).toEqual(expect.arrayContaining(['F-03', 'F-12']));
    expect(page.items.every((item) => /charter/i.test(`${item.refCode} ${item.title}`))).toBe(true);
    expect(page.total).toBe(page.items.length);
    // A phrase or an exclusion is taken as written: only full-text search reads that syntax.
    expect(await query('q=%22chartr%20text%22')).toEqual([]);
  });

  it('combines filters with AND', async () => {
    expect(await query('area=energy&status=in_progress')).toEqual(['F-01', 'F-11']);
    expect(await query('area=energy&flag=due_soon&party=US')).toEqual(['F-03', 'F-11']);
    expect(await query(`agreement=${fixture.agreementA.id}&q=pipeline&flag=overdue`)).toEqual(['F-01']);
  });

  describe('sorting', () => {
    const compare: Record<string, (a: CommitmentSummaryDto, b: CommitmentSummaryDto) => number> = {
      due_date: (a, b) => nullsLast(a.dueDate, b.dueDate, 1),
      ref_code: (a, b) => (a.refCode < b.refCode ? -1 : a.refCode > b.refCode ? 1 : 0),
      title: (a, b) => a.title.localeCompare(b.title, 'en'),
      progress: (a, b) => a.progress - b.progress,
    };

    it.each(['due_date', '-due_date', 'ref_code', '-ref_code', 'title', '-title', 'progress', '-progress'] as CommitmentSort[])(
      'sorts by %s',
      async (sort) => {
        const items = await listAll(api, `sort=${sort}`);
        const key = sort.replace(/^-/, '');
        const sign = sort.startsWith('-') ? -1 : 1;
        for (let i = 1; i < items.length; i += 1) {
          const order =
            key === 'due_date' ? nullsLast(items[i - 1].dueDate, items[i].dueDate, sign) : sign * compare[key](items[i - 1], items[i]);
          expect(order).toBeLessThanOrEqual(0);
        }
      },
    );

    it('sorts by status in the order of the status vocabulary', async () => {
      const items = await listAll(api, 'sort=status');
      const order = ['not_started', 'in_progress', 'at_risk', 'stalled', 'completed', 'partially_completed', 'not_pursued'];
      const ranks = items.map((item) => order.indexOf(item.status));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    });

    it('sorts by last change', async () => {
      await api.patch(`/api/commitments/${fixture.byRef.get('F-06')?.id}`, { title: 'Support the dialogue', version: 1 });
      const items = await listAll(api, 'sort=-updated_at');
      expect(items[0].refCode).toBe('F-06');
      expect(items.map((item) => item.updatedAt)).toEqual(
        items
          .map((item) => item.updatedAt)
          .sort()
          .reverse(),
      );
    });

    it('accepts every sort key the contract lists', async () => {
      for (const sort of COMMITMENT_SORTS) expectStatus(await api.get(`/api/commitments?sort=${sort}&q=charter`), 200);
    });
  });

  it('pages stably: pages of 4 concatenate to the full list, with no repeats and the same total', async () => {
    for (const sort of ['due_date', 'status', 'progress'] as const) {
      const full = refs(await listAll(api, `sort=${sort}`));
      const paged: string[] = [];
      for (let page = 1; page <= 4; page += 1) {
        const body = await api.json<Page<CommitmentSummaryDto>>(`/api/commitments?sort=${sort}&page=${page}&pageSize=4`);
        expect(body.total).toBe(14);
        expect(body.pageSize).toBe(4);
        paged.push(...refs(body.items));
      }
      expect(paged).toEqual(full);
      expect(new Set(paged).size).toBe(14);
    }
  });

  it('answers a page past the end with no items and the total', async () => {
    const body = await api.json<Page<CommitmentSummaryDto>>('/api/commitments?page=9&pageSize=10');
    expect(body).toMatchObject({ items: [], total: 14, page: 9 });
  });

  it('rolls progress up from sub-commitments', () => {
    const charter = all.find((item) => item.refCode === 'F-12');
    expect(charter).toMatchObject({ progress: 10, rolledUpProgress: 75 });
  });

  it('refuses absurd page sizes and bad filters, naming each field', async () => {
    const response = await api.get(
      '/api/commitments?pageSize=1000&page=0&status=done&flag=late&dueFrom=2026-02-30&agreement=nope&sort=random',
    );
    expectStatus(response, 400);
    const fields = (response.json().errors as { field: string }[]).map((error) => error.field);
    expect(new Set(fields)).toEqual(new Set(['pageSize', 'page', 'status', 'flag', 'dueFrom', 'agreement', 'sort']));
  });

  it('refuses a due-date range that ends before it starts', async () => {
    const response = await api.get('/api/commitments?dueFrom=2026-02-01&dueTo=2026-01-01');
    expectStatus(response, 400);
    expect(response.json().errors).toEqual([{ field: 'dueTo', message: 'must not be before dueFrom' }]);
  });

  it('computes flags for today in the workspace time zone, not the server’s', async () => {
    // 11:00 UTC on 15 January is already 16 January in Kiritimati (UTC+14).
    await t.db.dataSource.query(`UPDATE workspace_settings SET time_zone = 'Pacific/Kiritimati'`);
    t.clock.set('2026-01-15T11:00:00Z');
    try {
      expect(await query('flag=overdue')).toEqual(['F-01', 'F-02']);
      expect(await query('flag=due_today')).toEqual([]);
      const f02 = (await listAll(api, 'flag=overdue')).find((item) => item.refCode === 'F-02');
      expect(f02?.flags).toContain('overdue');
    } finally {
      await t.db.dataSource.query(`UPDATE workspace_settings SET time_zone = 'UTC'`);
      t.clock.set('2026-01-15T09:00:00Z');
    }
  });
});

function nullsLast(a: string | null, b: string | null, sign: number): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return sign * (a < b ? -1 : 1);
}
