import type { CommitmentDetailDto, CommitmentSummaryDto, DashboardSummaryDto, Page } from '@pactwatch/shared/contracts';
import { IMPLEMENTATION_STATUSES, SCHEDULE_FLAGS } from '@pactwatch/shared/deadlines';
import { startTestApp, TestApp } from '../../../support/test-app';
import { Api, created, expectStatus, listAll, signedIn, sortedRefs } from './fixtures';

/** The reference case's history: the Charter was recorded on 8 Aug 2025 and went in progress on 15 Oct 2025. */
describe('as-of queries and the dashboard summary', () => {
  let t: TestApp;
  let api: Api;
  let live: CommitmentSummaryDto[];

  beforeAll(async () => {
    t = await startTestApp({ demo: true, now: '2026-01-15T09:00:00Z' });
    api = (await signedIn(t, 'analyst')).api;
    live = await listAll(api);
  });
  afterAll(() => t.close());

  const byRef = (items: CommitmentSummaryDto[]) => new Map(items.map((item) => [item.refCode, item]));

  describe('as of a past day', () => {
    it('lists only the commitments that existed then', async () => {
      const then = await listAll(api, 'asOf=2025-09-01');
      expect(sortedRefs(then)).toEqual([
        'AM-AZ-US-2025-01',
        'AM-AZ-US-2025-02',
        'AZ-US-2025-01',
        'AZ-US-2025-01.1',
        'AZ-US-2025-01.2',
        'EX-04',
        'US-AZ-907-01',
        'US-AZ-907-02',
      ]);
      expect(live).toHaveLength(11);
    });

    it('rebuilds each status from the history: latest update effective on or before the day', async () => {
      const early = byRef(await listAll(api, 'asOf=2025-09-01'));
      const later = byRef(await listAll(api, 'asOf=2025-09-10'));
      const autumn = byRef(await listAll(api, 'asOf=2025-10-20'));
      expect(early.get('AZ-US-2025-01')).toMatchObject({ status: 'not_started', progress: 0, lastVerifiedOn: '2025-08-08' });
      expect(early.get('AZ-US-2025-01.1')).toMatchObject({ status: 'not_started', progress: 0 });
      expect(later.get('AZ-US-2025-01.1')).toMatchObject({ status: 'completed', progress: 100 });
      expect(autumn.get('AZ-US-2025-01')).toMatchObject({ status: 'in_progress', progress: 30, lastVerifiedOn: '2025-10-15' });
      expect(byRef(live).get('AZ-US-2025-01')).toMatchObject({ status: 'in_progress', progress: 30 });
    });

    it('rolls progress up from the children as they stood then', async () => {
      expect(byRef(await listAll(api, 'asOf=2025-09-01')).get('AZ-US-2025-01')?.rolledUpProgress).toBe(0);
      expect(byRef(await listAll(api, 'asOf=2025-09-10')).get('AZ-US-2025-01')?.rolledUpProgress).toBe(50);
    });

    it('computes flags for that day and filters by them, and by the status then', async () => {
      expect(sortedRefs(await listAll(api, 'asOf=2025-09-01&flag=due_soon'))).toEqual(['AZ-US-2025-01.1']);
      expect(byRef(await listAll(api, 'asOf=2025-09-01')).get('AZ-US-2025-01.1')?.flags).toEqual(['due_soon']);
      expect(sortedRefs(await listAll(api, 'asOf=2025-09-01&status=not_started'))).toEqual([
        'AM-AZ-US-2025-01',
        'AZ-US-2025-01',
        'AZ-US-2025-01.1',
        'AZ-US-2025-01.2',
      ]);
      expect(sortedRefs(await listAll(api, 'asOf=2025-12-20&flag=overdue'))).toEqual(['AZ-US-2025-01.2']);
    });

    it('gives a recurring deadline the occurrence that was next on that day', async () => {
      // The waiver renewal counts yearly from 8 Aug 2025: on 1 Sep 2025 and today the next one is 8 Aug 2026.
      expect(byRef(await listAll(api, 'asOf=2025-09-01')).get('US-AZ-907-02')?.dueDate).toBe('2026-08-08');
    });

    it('uses new status updates, including back-dated ones and corrections', async () => {
      const charter = await api.json<CommitmentDetailDto>('/api/commitments/AZ-US-2025-01');
      const backdated = await created<CommitmentDetailDto>(
        api.post(`/api/commitments/${charter.id}/status-updates`, {
          status: 'at_risk',
          progress: 25,
          effectiveOn: '2025-12-01',
          version: charter.version,
        }),
      );
      expect(byRef(await listAll(api, 'asOf=2025-12-15')).get('AZ-US-2025-01')).toMatchObject({ status: 'at_risk', progress: 25 });
      expect(byRef(await listAll(api, 'asOf=2025-11-30')).get('AZ-US-2025-01')).toMatchObject({ status: 'in_progress', progress: 30 });
      const wrong = backdated.history.find((update) => update.effectiveOn === '2025-12-01');
      await created(
        api.post(`/api/commitments/${charter.id}/status-updates`, {
          status: 'stalled',
          progress: 25,
          correctsId: wrong?.id,
          version: backdated.version,
        }),
      );
      expect(byRef(await listAll(api, 'asOf=2025-12-15')).get('AZ-US-2025-01')).toMatchObject({ status: 'stalled', progress: 25 });
    });

    it('shows one commitment as it stood, with the history up to that day; 404 before it existed', async () => {
      const detail = await api.json<CommitmentDetailDto>('/api/commitments/AZ-US-2025-01.1?asOf=2025-09-01');
      expect(detail).toMatchObject({ status: 'not_started', flags: ['due_soon'] });
      expect(detail.history.map((update) => update.effectiveOn)).toEqual(['2025-08-08']);
      expectStatus(await api.get('/api/commitments/EX-01?asOf=2025-09-01'), 404);
    });

    it('refuses an as-of day in the future or not a date', async () => {
      const response = await api.get('/api/commitments?asOf=2026-01-16');
      expectStatus(response, 400);
      expect(response.json().errors).toEqual([{ field: 'asOf', message: 'must not be after today (2026-01-15)' }]);
      expectStatus(await api.get('/api/dashboard/summary?asOf=yesterday'), 400);
    });
  });

  describe('GET /api/dashboard/summary', () => {
    let summary: DashboardSummaryDto;
    beforeAll(async () => {
      summary = await api.json<DashboardSummaryDto>('/api/dashboard/summary');
      live = await listAll(api);
    });

    it('counts by status and by flag, agreeing with the list', () => {
      expect(summary).toMatchObject({ today: '2026-01-15', timeZone: 'UTC', asOf: null, total: live.length });
      for (const status of IMPLEMENTATION_STATUSES)
        expect([status, summary.byStatus[status]]).toEqual([status, live.filter((c) => c.status === status).length]);
      for (const flag of SCHEDULE_FLAGS)
        expect([flag, summary.byFlag[flag]]).toEqual([flag, live.filter((c) => c.flags.includes(flag)).length]);
      // Every flag appears in the demo data.
      for (const flag of SCHEDULE_FLAGS) expect([flag, summary.byFlag[flag] > 0]).toEqual([flag, true]);
    });

    it('counts by area and by party, with every area listed', () => {
      const energy = summary.byArea.find((area) => area.slug === 'energy');
      const expected = live.filter((c) => c.areas.some((a) => a.slug === 'energy'));
      expect(energy).toMatchObject({ name: 'Energy', total: expected.length });
      expect(energy?.byStatus.in_progress).toBe(expected.filter((c) => c.status === 'in_progress').length);
      expect(summary.byArea.map((area) => area.slug).sort()).toEqual([
        'counterterrorism',
        'defense',
        'digital-infrastructure',
        'energy',
        'trade',
        'transit',
      ]);
      expect(summary.byParty.find((party) => party.code === 'AM')?.total).toBe(
        live.filter((c) => c.parties.some((p) => p.code === 'AM')).length,
      );
    });

    it('lists the next open deadlines (today included) and the overdue items, soonest first', () => {
      const open = live.filter((c) => !['completed', 'partially_completed', 'not_pursued'].includes(c.status));
      const upcoming = open
        .filter((c) => c.dueDate && c.dueDate >= '2026-01-15')
        .sort((a, b) => (a.dueDate as string).localeCompare(b.dueDate as string));
      expect(summary.nextDeadlines.map((c) => c.dueDate)).toEqual(upcoming.slice(0, 10).map((c) => c.dueDate));
      expect(summary.nextDeadlines[0]).toMatchObject({ refCode: 'EX-01', dueDate: '2026-01-15' });
      expect(summary.overdue.map((c) => c.refCode)).toEqual(live.filter((c) => c.flags.includes('overdue')).map((c) => c.refCode));
      expect(summary.overdue.every((c) => c.flags.includes('overdue'))).toBe(true);
    });

    it('lists recent changes, newest first', () => {
      expect(summary.recentChanges.length).toBe(10);
      const times = summary.recentChanges.map((change) => change.at);
      expect(times).toEqual([...times].sort().reverse());
      expect(summary.recentChanges[0]).toMatchObject({ refCode: 'AZ-US-2025-01', statusAfter: 'stalled' });
    });

    it('rebuilds the whole summary as of a past day', async () => {
      const then = await api.json<DashboardSummaryDto>('/api/dashboard/summary?asOf=2025-09-01');
      expect(then).toMatchObject({ asOf: '2025-09-01', total: 8 });
      expect(then.byStatus).toMatchObject({ not_started: 4, in_progress: 2, completed: 1, stalled: 1, at_risk: 0 });
      expect(then.byFlag.due_soon).toBe(1);
      expect(then.nextDeadlines[0]).toMatchObject({ refCode: 'AZ-US-2025-01.1', dueDate: '2025-09-08' });
      expect(then.recentChanges.every((change) => change.at <= '2025-09-02')).toBe(true);
    });
  });

  it('lists a page of as-of results with the total of that day', async () => {
    const page = await api.json<Page<CommitmentSummaryDto>>('/api/commitments?asOf=2025-09-01&pageSize=3&sort=ref_code');
    expect(page.total).toBe(8);
    expect(page.items.map((c) => c.refCode)).toEqual(['AM-AZ-US-2025-01', 'AM-AZ-US-2025-02', 'AZ-US-2025-01']);
  });
});
