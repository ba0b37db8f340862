import type { AnchorEventDetailDto, AnchorImpactDto, AuditEntryDto, CommitmentDetailDto, Page } from '@pactwatch/shared/contracts';
import { startTestApp, TestApp } from '../../../support/test-app';
import { Api, expectStatus, signedIn, snapshotCounts } from './fixtures';

interface Row {
  id: string;
  ref_code: string;
  due_date: string | null;
  anchor_pending: boolean;
  version: number;
  updated_at: Date;
}

/** The reference case: the MoU signed on 8 August 2025, and the Charter due six months later. */
describe('anchored deadlines: correcting the MoU signing date', () => {
  let t: TestApp;
  let analyst: Api;
  let admin: Api;
  let mouSigned: AnchorEventDetailDto;

  const rows = async (): Promise<Map<string, Row>> => {
    const list: Row[] = await t.db.dataSource.query(
      `SELECT id, ref_code, due_date::text AS due_date, anchor_pending, version, updated_at FROM commitments ORDER BY ref_code`,
    );
    return new Map(list.map((row) => [row.ref_code, row]));
  };

  beforeAll(async () => {
    t = await startTestApp({ demo: true, now: '2026-01-15T09:00:00Z' });
    analyst = (await signedIn(t, 'analyst', 'Ana Analyst')).api;
    admin = (await signedIn(t, 'admin')).api;
    const [anchor] = await t.db.dataSource.query(`SELECT id FROM anchor_events WHERE name = 'MoU signed'`);
    mouSigned = await analyst.json<AnchorEventDetailDto>(`/api/anchor-events/${anchor.id}`);
  });
  afterAll(() => t.close());

  it('starts from the reference case: signed 8 Aug 2025, Charter due 8 Feb 2026', async () => {
    expect(mouSigned).toMatchObject({ name: 'MoU signed', occurredOn: '2025-08-08', dependentCommitments: 3 });
    // Its date history starts where an anchor recorded through the API starts.
    expect(mouSigned.history).toEqual([expect.objectContaining({ previousDate: null, newDate: '2025-08-08', reason: 'Recorded' })]);
    const charter = await analyst.json<CommitmentDetailDto>('/api/commitments/AZ-US-2025-01');
    expect(charter).toMatchObject({ dueDate: '2026-02-08', deadlineText: '6 months after MoU signed (8 Aug 2025) → 8 Feb 2026' });
    expect(charter.anchorEvent).toMatchObject({ id: mouSigned.id, occurredOn: '2025-08-08' });
  });

  it('previews the moves without changing anything', async () => {
    const before = await rows();
    const impact = await analyst.json<AnchorImpactDto>(`/api/anchor-events/${mouSigned.id}/impact?date=2025-08-31`);
    expect(impact).toEqual({
      anchorEventId: mouSigned.id,
      newDate: '2025-08-31',
      moves: [
        expect.objectContaining({ refCode: 'AZ-US-2025-01', dueDateBefore: '2026-02-08', dueDateAfter: '2026-02-28' }),
        expect.objectContaining({ refCode: 'AZ-US-2025-01.1', dueDateBefore: '2025-09-08', dueDateAfter: '2025-09-30' }),
        expect.objectContaining({ refCode: 'AZ-US-2025-01.2', dueDateBefore: '2025-12-08', dueDateAfter: '2025-12-31' }),
      ],
      agreementSignedOn: { agreementId: mouSigned.agreementId, before: '2025-08-08', after: '2025-08-31' },
    });
    const pending = await analyst.json<AnchorImpactDto>(`/api/anchor-events/${mouSigned.id}/impact?date=pending`);
    expect(pending.newDate).toBeNull();
    expect(pending.moves.map((move) => move.dueDateAfter)).toEqual([null, null, null]);
    expect(await rows()).toEqual(before);
  });

  it('moves the Charter deadline, writes audit entries and history, and leaves unrelated commitments untouched', async () => {
    const before = await rows();
    const response = await analyst.patch(`/api/anchor-events/${mouSigned.id}`, {
      occurredOn: '2025-08-31',
      reason: 'The source corrected the signing date',
      version: mouSigned.version,
    });
    expectStatus(response, 200);
    const anchor = response.json() as AnchorEventDetailDto;
    expect(anchor).toMatchObject({ occurredOn: '2025-08-31', version: mouSigned.version + 1 });
    expect(anchor.history[0]).toMatchObject({
      previousDate: '2025-08-08',
      newDate: '2025-08-31',
      reason: 'The source corrected the signing date',
      changedBy: 'Ana Analyst',
    });

    const after = await rows();
    // Month-end arithmetic: 31 August + 6 months = 28 February.
    expect(after.get('AZ-US-2025-01')?.due_date).toBe('2026-02-28');
    expect(after.get('AZ-US-2025-01.1')?.due_date).toBe('2025-09-30');
    expect(after.get('AZ-US-2025-01.2')?.due_date).toBe('2025-12-31');
    const moved = ['AZ-US-2025-01', 'AZ-US-2025-01.1', 'AZ-US-2025-01.2'];
    for (const ref of moved) expect(after.get(ref)?.version).toBe((before.get(ref)?.version ?? 0) + 1);
    for (const [ref, row] of before) {
      if (!moved.includes(ref)) expect(after.get(ref)).toEqual(row);
    }

    const charter = await analyst.json<CommitmentDetailDto>('/api/commitments/AZ-US-2025-01');
    expect(charter.deadlineText).toBe('6 months after MoU signed (31 Aug 2025) → 28 Feb 2026');

    const audit = await admin.json<Page<AuditEntryDto>>(`/api/audit?entityType=commitment&entityId=${before.get('AZ-US-2025-01')?.id}`);
    expect(audit.items[0]).toMatchObject({
      action: 'recompute',
      actorLabel: 'Ana Analyst',
      before: { dueDate: '2026-02-08', anchorPending: false },
      after: { dueDate: '2026-02-28', anchorPending: false },
    });
    const anchorAudit = await admin.json<Page<AuditEntryDto>>(`/api/audit?entityType=anchor_event&entityId=${mouSigned.id}`);
    expect(anchorAudit.items[0]).toMatchObject({
      action: 'update',
      before: { occurredOn: '2025-08-08' },
      after: { occurredOn: '2025-08-31' },
    });
    const recomputes: { count: number }[] = await t.db.dataSource.query(
      `SELECT count(*)::int AS count FROM audit_log WHERE action = 'recompute'`,
    );
    expect(recomputes[0].count).toBe(3);
  });

  it('marks the dependent deadlines anchor_pending when the date becomes unknown, and back', async () => {
    const current = await analyst.json<AnchorEventDetailDto>(`/api/anchor-events/${mouSigned.id}`);
    expectStatus(
      await analyst.patch(`/api/anchor-events/${mouSigned.id}`, { occurredOn: null, reason: 'Disputed', version: current.version }),
      200,
    );
    const charter = await analyst.json<CommitmentDetailDto>('/api/commitments/AZ-US-2025-01');
    expect(charter).toMatchObject({ dueDate: null, anchorPending: true, deadlineText: '6 months after MoU signed (date pending)' });
    expect(charter.flags).toContain('anchor_pending');

    const pending = await analyst.json<AnchorEventDetailDto>(`/api/anchor-events/${mouSigned.id}`);
    expectStatus(await analyst.patch(`/api/anchor-events/${mouSigned.id}`, { occurredOn: '2025-08-08', version: pending.version }), 200);
    const restored = await analyst.json<CommitmentDetailDto>('/api/commitments/AZ-US-2025-01');
    expect(restored).toMatchObject({ dueDate: '2026-02-08', anchorPending: false });
    const history = (await analyst.json<AnchorEventDetailDto>(`/api/anchor-events/${mouSigned.id}`)).history;
    expect(history.map((change) => [change.previousDate, change.newDate])).toEqual([
      [null, '2025-08-08'],
      ['2025-08-31', null],
      ['2025-08-08', '2025-08-31'],
      [null, '2025-08-08'], // recorded with the demo data
    ]);
  });

  it('refuses a stale anchor version with 409 and the current anchor, changing nothing', async () => {
    const counts = await snapshotCounts(t);
    const before = await rows();
    const response = await analyst.patch(`/api/anchor-events/${mouSigned.id}`, { occurredOn: '2025-09-01', version: mouSigned.version });
    expectStatus(response, 409);
    expect(response.json()).toMatchObject({ code: 'version_conflict', current: { id: mouSigned.id, occurredOn: '2025-08-08' } });
    expect(await rows()).toEqual(before);
    expect(await snapshotCounts(t)).toEqual(counts);
  });

  it('needs an existing anchor for a relative deadline', async () => {
    const [agreement] = await t.db.dataSource.query(`SELECT id FROM agreements LIMIT 1`);
    const response = await analyst.post('/api/commitments', {
      refCode: 'NEW-1',
      title: 'Counts from nothing',
      agreementId: agreement.id,
      deadline: { kind: 'relative', anchorEventId: '00000000-0000-4000-8000-000000000000', duration: 'P6M' },
    });
    expectStatus(response, 400);
    expect(response.json().errors).toEqual([{ field: 'deadline.anchorEventId', message: 'names no anchor event' }]);
  });

  it('will not delete an anchor event deadlines count from', async () => {
    expectStatus(await analyst.delete(`/api/anchor-events/${mouSigned.id}`), 409);
  });

  it('answers 404 for an unknown anchor event', async () => {
    expectStatus(await analyst.get('/api/anchor-events/00000000-0000-4000-8000-000000000000/impact?date=2025-01-01'), 404);
    expectStatus(await analyst.patch('/api/anchor-events/00000000-0000-4000-8000-000000000000', { name: 'x', version: 1 }), 404);
  });
});
