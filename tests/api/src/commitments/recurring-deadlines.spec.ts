import { RecurringDeadlinesService } from '@pactwatch/api/commitments';
import type { AuditEntryDto, CommitmentDetailDto, CommitmentSummaryDto, Page } from '@pactwatch/shared/contracts';
import { startTestApp, TestApp } from '../../../support/test-app';
import { Api, signedIn } from './fixtures';

/** The Section 907 waiver must be renewed every year from 8 Aug 2025. */
describe('recurring deadlines roll forward as days pass', () => {
  let t: TestApp;
  let api: Api;
  let admin: Api;

  const stored = async (ref: string) => {
    const [row] = await t.db.dataSource.query(`SELECT due_date::text AS due, version, updated_at FROM commitments WHERE ref_code = $1`, [
      ref,
    ]);
    return row as { due: string; version: number; updated_at: Date };
  };

  /** Moves the clock, and signs in again (sessions expire when months pass). */
  const travelTo = async (instant: string) => {
    t.clock.set(instant);
    api = (await signedIn(t, 'analyst')).api;
    admin = (await signedIn(t, 'admin')).api;
  };

  beforeAll(async () => {
    t = await startTestApp({ demo: true, now: '2026-01-15T09:00:00Z' });
    await travelTo('2026-01-15T09:00:00Z');
  });
  afterAll(() => t.close());

  it('is due on the next anniversary, and due today on the day itself', async () => {
    expect((await api.json<CommitmentDetailDto>('/api/commitments/US-AZ-907-02')).dueDate).toBe('2026-08-08');
    await travelTo('2026-08-08T10:00:00Z');
    const onTheDay = await api.json<CommitmentDetailDto>('/api/commitments/US-AZ-907-02');
    expect(onTheDay).toMatchObject({ dueDate: '2026-08-08', flags: ['due_today', 'stale'] });
  });

  it('rolls to the following occurrence the day after, on the first read, with a system audit entry and no version change', async () => {
    const before = await stored('US-AZ-907-02');
    await travelTo('2026-08-09T10:00:00Z');
    const list = await api.json<Page<CommitmentSummaryDto>>('/api/commitments?flag=due_today,overdue&pageSize=200');
    expect(list.items.map((item) => item.refCode)).not.toContain('US-AZ-907-02');
    const after = await stored('US-AZ-907-02');
    expect(after).toMatchObject({ due: '2027-08-08', version: before.version });
    const audit = await admin.json<Page<AuditEntryDto>>(`/api/audit?entityType=commitment&entityId=${await idOf('US-AZ-907-02')}`);
    expect(audit.items[0]).toMatchObject({
      action: 'recompute',
      actorId: null,
      actorLabel: 'system',
      before: { dueDate: '2026-08-08' },
      after: { dueDate: '2027-08-08' },
    });
  });

  it('rolls forward from the scheduled job as well, leaving other deadlines alone', async () => {
    await t.db.dataSource.query(`UPDATE commitments SET due_date = '2026-08-08' WHERE ref_code = 'US-AZ-907-02'`);
    const others = await t.db.dataSource.query(
      `SELECT ref_code, due_date::text, version FROM commitments WHERE ref_code <> 'US-AZ-907-02' ORDER BY ref_code`,
    );
    const moved = await t.app.get(RecurringDeadlinesService).refresh('2026-08-09');
    expect(moved).toBe(1);
    expect((await stored('US-AZ-907-02')).due).toBe('2027-08-08');
    expect(
      await t.db.dataSource.query(
        `SELECT ref_code, due_date::text, version FROM commitments WHERE ref_code <> 'US-AZ-907-02' ORDER BY ref_code`,
      ),
    ).toEqual(others);
    expect(await t.app.get(RecurringDeadlinesService).refresh('2026-08-09')).toBe(0);
  });

  it('computes a recurring deadline from its start date when it is created', async () => {
    const [agreement] = await t.db.dataSource.query(`SELECT id FROM agreements ORDER BY title LIMIT 1`);
    const response = await api.post('/api/commitments', {
      refCode: 'REV-1',
      title: 'Quarterly review',
      agreementId: agreement.id,
      deadline: { kind: 'recurring', interval: 'P3M', start: '2026-01-31' },
    });
    expect(response.statusCode).toBe(201);
    // From 31 Jan every three months: 30 Apr, 31 Jul, 31 Oct… On 9 Aug 2026 the next one is 31 Oct.
    expect(response.json()).toMatchObject({ dueDate: '2026-10-31', deadlineText: 'Every 3 months from 31 Jan 2026 → next 31 Oct 2026' });
  });

  async function idOf(ref: string): Promise<string> {
    const [row] = await t.db.dataSource.query(`SELECT id FROM commitments WHERE ref_code = $1`, [ref]);
    return row.id;
  }
});
