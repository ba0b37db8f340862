import type {
  AgreementDto,
  AgreementSummaryDto,
  CommitmentDetailDto,
  CommitmentSummaryDto,
  DashboardSummaryDto,
  Page,
} from '@pactwatch/shared/contracts';
import { SCHEDULE_FLAGS } from '@pactwatch/shared/deadlines';
import type { QueryRunner } from 'typeorm';
import { startTestApp, TestApp } from '../../../support/test-app';
import { Api, apiFor, created, listAll, signedIn } from './fixtures';

/**
 * Live reads (summary, list pages, details, calendars) are kept per data version and workspace day. These tests
 * check that no kept answer outlives a write, a new day, or a change made through another instance or outside the API.
 */
describe('live reads stay current', () => {
  let a: TestApp;
  let b: TestApp;
  let analystA: Api;
  let analystB: Api;
  let admin: Api;

  const summaryOn = (api: Api) => api.json<DashboardSummaryDto>('/api/dashboard/summary');
  const dataVersion = async () => Number((await a.db.dataSource.query(`SELECT version FROM data_version`))[0].version);

  /** Moves the shared clock, and signs in again (sessions expire when days pass). */
  const travelTo = async (instant: string) => {
    a.clock.set(instant);
    analystA = (await signedIn(a, 'analyst')).api;
    analystB = apiFor(b, analystA.headers);
    admin = (await signedIn(a, 'admin')).api;
  };

  beforeAll(async () => {
    a = await startTestApp({ demo: true, now: '2026-01-15T09:00:00Z' });
    b = await startTestApp({ db: a.db, clock: a.clock });
    await travelTo('2026-01-15T09:00:00Z');
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('shows a status update at once in the summary, the list and the detail, on the instance that wrote it and on another', async () => {
    const [beforeA, beforeB] = [await summaryOn(analystA), await summaryOn(analystB)];
    expect(beforeB).toEqual(beforeA);
    const dueToday = await analystB.json<Page<CommitmentSummaryDto>>('/api/commitments?flag=due_today');
    expect(dueToday.items.map((item) => item.refCode)).toEqual(['EX-01']);
    const detail = await analystB.json<CommitmentDetailDto>('/api/commitments/EX-01');
    const agreementOn = async (api: Api) =>
      (await api.json<AgreementDto[]>('/api/agreements')).find((agreement) => agreement.id === detail.agreement.id) as AgreementDto;
    const agreementBefore = await agreementOn(analystB);

    await created(
      analystA.post(`/api/commitments/${detail.id}/status-updates`, { status: 'completed', progress: 100, version: detail.version }),
    );

    for (const api of [analystA, analystB]) {
      const after = await summaryOn(api);
      expect(after.byStatus.completed).toBe(beforeA.byStatus.completed + 1);
      expect(after.byFlag.due_today).toBe(beforeA.byFlag.due_today - 1);
      expect(after.recentChanges[0]).toMatchObject({ refCode: 'EX-01', statusAfter: 'completed' });
      expect((await api.json<Page<CommitmentSummaryDto>>('/api/commitments?flag=due_today')).total).toBe(0);
      expect(await api.json<CommitmentDetailDto>('/api/commitments/EX-01')).toMatchObject({ status: 'completed', flags: [] });
      expect((await agreementOn(api)).progress).toBeGreaterThan(agreementBefore.progress);
    }
    // A new agreement shows at once in the lean list the filters use, on both instances.
    const agreement = await created<AgreementDto>(
      analystA.post('/api/agreements', { title: 'Live-read declaration', kind: 'joint_declaration' }),
    );
    for (const api of [analystA, analystB]) {
      const summaries = await api.json<AgreementSummaryDto[]>('/api/agreements/summaries');
      expect(summaries.map((summary) => summary.id)).toContain(agreement.id);
    }
  });

  it('shows a change made outside the API at once, e.g. by another process writing SQL', async () => {
    await summaryOn(analystB);
    await a.db.dataSource.query(`UPDATE policy_areas SET name = 'Energy security' WHERE slug = 'energy'`);
    for (const api of [analystA, analystB]) {
      expect((await summaryOn(api)).byArea.find((area) => area.slug === 'energy')?.name).toBe('Energy security');
      const list = await api.json<Page<CommitmentSummaryDto>>('/api/commitments?area=energy&pageSize=1');
      expect(list.items[0].areas.map((area) => area.name)).toContain('Energy security');
    }
  });

  it('moves to the next day at midnight in the workspace time zone, with flags and counts for that day', async () => {
    await travelTo('2026-01-19T23:59:00Z');
    const evening = await summaryOn(analystB);
    expect(evening.today).toBe('2026-01-19');
    expect((await listAll(analystB, 'flag=due_soon')).map((item) => item.refCode)).toContain('EX-02');

    // Two minutes later, with no write in between: only the day has changed.
    const version = await dataVersion();
    a.clock.set('2026-01-20T00:01:00Z');
    const morning = await summaryOn(analystB);
    expect(morning.today).toBe('2026-01-20');
    expect((await analystB.json<CommitmentDetailDto>('/api/commitments/EX-02')).flags).toContain('due_today');
    const live = await listAll(analystB);
    for (const flag of SCHEDULE_FLAGS) {
      expect([flag, morning.byFlag[flag]]).toEqual([flag, live.filter((item) => item.flags.includes(flag)).length]);
    }
    expect(morning.byFlag.due_today).toBe(evening.byFlag.due_today + 1);
    expect(await dataVersion()).toBe(version);
  });

  it('follows a change of the workspace time zone at once', async () => {
    await travelTo('2026-01-20T03:00:00Z');
    expect((await summaryOn(analystB)).today).toBe('2026-01-20');
    const settings = (await admin.json<{ version: number }>('/api/settings')).version;
    await created(admin.patch('/api/settings', { timeZone: 'America/New_York', version: settings }));
    const summary = await summaryOn(analystB);
    expect(summary).toMatchObject({ today: '2026-01-19', timeZone: 'America/New_York' });
  });

  it('bumps the data version once per committed transaction, never for a rolled-back one or a read', async () => {
    const start = await dataVersion();
    await a.db.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE commitments SET title = title WHERE ref_code = 'EX-03'`);
      await manager.query(`UPDATE parties SET name = name WHERE code = 'AM'`);
    });
    expect(await dataVersion()).toBe(start + 1);
    await expect(
      a.db.dataSource.transaction(async (manager) => {
        await manager.query(`UPDATE commitments SET title = title WHERE ref_code = 'EX-03'`);
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    await summaryOn(analystA);
    await analystB.json('/api/commitments/EX-03');
    expect(await dataVersion()).toBe(start + 1);
  });

  it('lets writers that lock rows after their first write run concurrently without deadlocking on the version', async () => {
    const first = a.db.dataSource.createQueryRunner();
    const second = a.db.dataSource.createQueryRunner();
    const start = await dataVersion();
    try {
      await second.startTransaction();
      await second.query(`SELECT id FROM commitments WHERE ref_code = 'EX-03' FOR UPDATE`);
      await first.startTransaction();
      await first.query(`UPDATE parties SET name = name WHERE code = 'AM'`);
      // Waits for `second`'s row lock while having written: the version must not be what `second` then waits for.
      const blocked = first.query(`UPDATE commitments SET title = title WHERE ref_code = 'EX-03'`);
      await second.query(`UPDATE agreements SET title = title`);
      await second.commitTransaction();
      await blocked;
      await first.commitTransaction();
    } finally {
      await rollBackIfOpen(first);
      await rollBackIfOpen(second);
    }
    expect(await dataVersion()).toBe(start + 2);
  });
});

async function rollBackIfOpen(runner: QueryRunner): Promise<void> {
  if (runner.isTransactionActive) await runner.rollbackTransaction();
  await runner.release();
}
