import type {
  AgreementDto,
  AnchorEventDetailDto,
  ArchivedCommitmentDto,
  AuditEntryDto,
  CommitmentDetailDto,
  DashboardSummaryDto,
  Page,
} from '@pactwatch/shared/contracts';
import { anonymousHeaders } from '../../../support/auth';
import { startTestApp, TestApp } from '../../../support/test-app';
import { commitmentId, person, plannerOf } from '../reminders/reminder-fixtures';
import { Api, apiFor, countRows, created, expectStatus, listAll, refs, signedIn, snapshotCounts } from './fixtures';

const CHARTER = 'AZ-US-2025-01';

/** The analyst's writes on the reference case: archiving, status updates that say what they do, anchor corrections, who sees whom. */
describe('analyst writes: archive, verify, correct, and what each reader sees', () => {
  let t: TestApp;
  let analyst: Api;
  let viewer: Api;
  let admin: Api;
  let anonymous: Api;
  let viewerId: string;

  const detail = (api: Api, ref: string) => api.json<CommitmentDetailDto>(`/api/commitments/${ref}`);

  beforeAll(async () => {
    t = await startTestApp({ demo: true, now: '2026-01-15T09:00:00Z', publicPortal: true });
    analyst = (await signedIn(t, 'analyst', 'Ana Analyst')).api;
    const signedViewer = await signedIn(t, 'viewer', 'Vic Viewer');
    viewer = signedViewer.api;
    viewerId = signedViewer.user.id;
    admin = (await signedIn(t, 'admin', 'Ada Admin')).api;
    anonymous = apiFor(t, await anonymousHeaders(t));
  });
  afterAll(() => t.close());

  describe('archiving instead of deleting', () => {
    it('hides an archived commitment from the list, search, dashboard, export and its anchor, and keeps its history', async () => {
      const target = await detail(analyst, 'AZ-US-2025-01.2');
      const summaryBefore = await analyst.json<DashboardSummaryDto>('/api/dashboard/summary');
      const historyRows = await countRows(t, `status_updates WHERE commitment_id = '${target.id}'`);
      expectStatus(await analyst.delete(`/api/commitments/${target.id}?version=${target.version}`), 204);

      expect(refs(await listAll(analyst))).not.toContain('AZ-US-2025-01.2');
      expect(refs(await listAll(analyst, `q=${encodeURIComponent(target.title.split(' ')[0])}`))).not.toContain('AZ-US-2025-01.2');
      expect((await analyst.json<DashboardSummaryDto>('/api/dashboard/summary')).total).toBe(summaryBefore.total - 1);
      const csv = await analyst.get('/api/commitments/export.csv');
      expect(csv.body).not.toContain('AZ-US-2025-01.2');
      const charter = await detail(analyst, CHARTER);
      expect(charter.children.map((child) => child.refCode)).not.toContain('AZ-US-2025-01.2');
      expect(charter.anchorEvent?.dependentCommitments).toBe(2);
      expect(await countRows(t, `status_updates WHERE commitment_id = '${target.id}'`)).toBe(historyRows);
    });

    it('answers 404 to analysts and viewers for an archived commitment, and refuses writes to it', async () => {
      const [row] = await t.db.dataSource.query(`SELECT id, version FROM commitments WHERE ref_code = 'AZ-US-2025-01.2'`);
      expectStatus(await analyst.get(`/api/commitments/${row.id}`), 404);
      expectStatus(await viewer.get('/api/commitments/AZ-US-2025-01.2'), 404);
      const counts = await snapshotCounts(t);
      expectStatus(
        await analyst.post(`/api/commitments/${row.id}/status-updates`, { status: 'at_risk', progress: 5, version: row.version }),
        404,
      );
      expectStatus(await analyst.patch(`/api/commitments/${row.id}`, { title: 'Renamed', version: row.version }), 404);
      expect(await snapshotCounts(t)).toEqual(counts);
    });

    it('lets only admins list, read and restore archived commitments; the due date is recomputed on restore', async () => {
      expectStatus(await analyst.get('/api/archived-commitments'), 403);
      const archived = await admin.json<ArchivedCommitmentDto[]>('/api/archived-commitments');
      expect(archived).toEqual([
        expect.objectContaining({ refCode: 'AZ-US-2025-01.2', archivedBy: 'Ana Analyst', statusUpdates: expect.any(Number) }),
      ]);
      const seen = await detail(admin, 'AZ-US-2025-01.2');
      expect(seen.archivedAt).toEqual(expect.any(String));

      // The signing date moves while it is archived: it does not move with it (it is out of every read) …
      const [anchorRow] = await t.db.dataSource.query(`SELECT id FROM anchor_events WHERE name = 'MoU signed'`);
      const anchor = await analyst.json<AnchorEventDetailDto>(`/api/anchor-events/${anchorRow.id}`);
      expectStatus(
        await analyst.patch(`/api/anchor-events/${anchor.id}`, { occurredOn: '2025-08-18', reason: 'Test move', version: anchor.version }),
        200,
      );
      expectStatus(await analyst.post(`/api/archived-commitments/${archived[0].id}/restore`), 403);
      const restored = await created<CommitmentDetailDto>(admin.post(`/api/archived-commitments/${archived[0].id}/restore`));
      // … and comes back on the new schedule: 18 Aug 2025 + 4 months.
      expect(restored).toMatchObject({ refCode: 'AZ-US-2025-01.2', archivedAt: null, dueDate: '2025-12-18' });
      expect(refs(await listAll(viewer))).toContain('AZ-US-2025-01.2');
      const audit = await admin.json<Page<AuditEntryDto>>(`/api/audit?entityType=commitment&entityId=${archived[0].id}`);
      expect(audit.items.map((entry) => entry.action).slice(0, 2)).toEqual(['restore', 'archive']);
    });

    it('deletes only archived commitments for good, admins only, keeping all of it with its history in the audit entry', async () => {
      const target = await detail(analyst, 'AZ-US-2025-01.1');
      expectStatus(await admin.delete(`/api/archived-commitments/${target.id}`), 409);
      expectStatus(await analyst.delete(`/api/commitments/${target.id}?version=${target.version}`), 204);
      expectStatus(await analyst.delete(`/api/archived-commitments/${target.id}`), 403);
      expectStatus(await admin.delete(`/api/archived-commitments/${target.id}`), 204);
      expect(await countRows(t, `commitments WHERE id = '${target.id}'`)).toBe(0);
      expect(await countRows(t, `status_updates WHERE commitment_id = '${target.id}'`)).toBe(0);
      const audit = await admin.json<Page<AuditEntryDto>>(`/api/audit?entityType=commitment&entityId=${target.id}`);
      expect(audit.items[0]).toMatchObject({
        action: 'delete',
        before: {
          refCode: 'AZ-US-2025-01.1',
          title: target.title,
          history: target.history.map((update) => expect.objectContaining({ id: update.id, statusAfter: update.statusAfter })),
        },
      });
    });
  });

  describe('status updates that say what they do', () => {
    it('refuses an update that changes nothing, and writes nothing', async () => {
      const charter = await detail(analyst, CHARTER);
      const counts = await snapshotCounts(t);
      const response = await analyst.post(`/api/commitments/${charter.id}/status-updates`, {
        status: charter.status,
        progress: charter.progress,
        version: charter.version,
      });
      expectStatus(response, 400);
      expect(response.json().errors).toEqual([{ field: 'status', message: expect.stringContaining('changes nothing') }]);
      expect(await snapshotCounts(t)).toEqual(counts);
    });

    it('records "verified, no change" as an entry of its own kind that keeps the status and marks it verified today', async () => {
      const charter = await detail(analyst, CHARTER);
      const verified = await created<CommitmentDetailDto>(
        analyst.post(`/api/commitments/${charter.id}/verifications`, {
          note: 'Checked the ministry site: no news',
          version: charter.version,
        }),
      );
      expect(verified).toMatchObject({
        status: charter.status,
        progress: charter.progress,
        lastVerifiedOn: '2026-01-15',
        version: charter.version + 1,
      });
      expect(verified.history[0]).toMatchObject({
        kind: 'verification',
        statusBefore: charter.status,
        statusAfter: charter.status,
        note: 'Checked the ministry site: no news',
        effectiveOn: '2026-01-15',
      });
      expect(verified.history.filter((update) => update.kind === 'update').length).toBe(charter.history.length);
      // It changed nothing, so the overview's recent changes leave it out.
      const summary = await analyst.json<DashboardSummaryDto>('/api/dashboard/summary');
      expect(summary.recentChanges.map((change) => change.note)).not.toContain('Checked the ministry site: no news');
    });

    it('records a correction once: a second correction of the same entry, or one that changes nothing, is refused', async () => {
      const charter = await detail(analyst, CHARTER);
      const wrong = await created<CommitmentDetailDto>(
        analyst.post(`/api/commitments/${charter.id}/status-updates`, {
          status: 'at_risk',
          progress: 35,
          note: 'Talks stalled',
          version: charter.version,
        }),
      );
      const entry = wrong.history[0];
      const same = await analyst.post(`/api/commitments/${charter.id}/status-updates`, {
        status: 'at_risk',
        progress: 35,
        note: 'Talks stalled',
        correctsId: entry.id,
        version: wrong.version,
      });
      expectStatus(same, 400);
      expect(same.json().errors).toEqual([{ field: 'correctsId', message: 'the correction changes nothing of the entry it corrects' }]);

      const fixed = await created<CommitmentDetailDto>(
        analyst.post(`/api/commitments/${charter.id}/status-updates`, {
          status: 'in_progress',
          progress: 35,
          note: 'Talks resumed the same day',
          correctsId: entry.id,
          version: wrong.version,
        }),
      );
      expect(fixed).toMatchObject({ status: 'in_progress', progress: 35 });
      expect(fixed.history[0]).toMatchObject({ correctsId: entry.id, statusBefore: 'at_risk', statusAfter: 'in_progress' });
      const again = await analyst.post(`/api/commitments/${charter.id}/status-updates`, {
        status: 'stalled',
        progress: 35,
        correctsId: entry.id,
        version: fixed.version,
      });
      expectStatus(again, 400);
      expect(again.json().errors[0]).toMatchObject({ field: 'correctsId', message: expect.stringContaining('already corrected') });
    });

    it('stops counting a corrected entry, also when its correction has an earlier effective day', async () => {
      const charter = await detail(analyst, CHARTER);
      const later = await created<CommitmentDetailDto>(
        analyst.post(`/api/commitments/${charter.id}/status-updates`, {
          status: 'stalled',
          progress: 35,
          note: 'Wrong: stalled',
          version: charter.version,
        }),
      );
      const fixed = await created<CommitmentDetailDto>(
        analyst.post(`/api/commitments/${charter.id}/status-updates`, {
          status: 'in_progress',
          progress: 40,
          effectiveOn: '2026-01-10',
          note: 'It was in progress; the 15 Jan entry was a slip',
          correctsId: later.history[0].id,
          version: later.version,
        }),
      );
      // The stalled entry is the latest but corrected: the earlier 15 Jan entry (in progress, 35 %) holds again …
      expect(fixed).toMatchObject({ status: 'in_progress', progress: 35 });
      expect(fixed.history.find((update) => update.id === later.history[0].id)).toMatchObject({ statusAfter: 'stalled' });
      // … and the correction holds from 10 Jan.
      const asOf = await analyst.json<CommitmentDetailDto>(`/api/commitments/${CHARTER}?asOf=2026-01-12`);
      expect(asOf).toMatchObject({ status: 'in_progress', progress: 40 });
    });
  });

  describe('who sees whom', () => {
    it('shows watchers by name to admins only; everyone else gets a count and watchedByMe', async () => {
      const charter = await detail(viewer, CHARTER);
      await created(viewer.post('/api/watches', { targetType: 'commitment', targetId: charter.id }));
      const asViewer = await detail(viewer, CHARTER);
      expect(asViewer).toMatchObject({ watchers: [], watcherCount: 1, watchedByMe: true });
      expect(await detail(analyst, CHARTER)).toMatchObject({ watchers: [], watcherCount: 1, watchedByMe: false });
      expect((await detail(admin, CHARTER)).watchers).toEqual([{ id: viewerId, displayName: 'Vic Viewer' }]);
    });

    it('shows anonymous portal visitors no user names: no watchers, owner, assignees or status update authors', async () => {
      const seen = await detail(anonymous, CHARTER);
      expect(seen).toMatchObject({ watchers: [], watcherCount: 1, owner: null, assignees: [] });
      expect(seen.history.length).toBeGreaterThan(0);
      expect(seen.history.every((update) => update.author === '')).toBe(true);
      expect(JSON.stringify(seen)).not.toContain('Ana Analyst');
      expect(JSON.stringify(await anonymous.json('/api/dashboard/summary'))).not.toContain('Ana Analyst');
    });
  });

  describe('anchor date corrections', () => {
    it('keeps the reason and the deadlines that moved in the audit entry and the anchor history; the signing date follows', async () => {
      const [anchorRow] = await t.db.dataSource.query(`SELECT id FROM anchor_events WHERE name = 'MoU signed'`);
      const anchor = await analyst.json<AnchorEventDetailDto>(`/api/anchor-events/${anchorRow.id}`);
      const before = await detail(analyst, CHARTER);
      const saved = await analyst.patch(`/api/anchor-events/${anchor.id}`, {
        occurredOn: '2025-08-20',
        reason: 'The White House readout gives 20 August',
        version: anchor.version,
      });
      expectStatus(saved, 200);
      const moved = [
        { commitmentId: before.id, refCode: CHARTER, dueDateBefore: before.dueDate, dueDateAfter: '2026-02-20' },
        expect.objectContaining({ refCode: 'AZ-US-2025-01.2', dueDateAfter: '2025-12-20' }),
      ];
      expect((saved.json() as AnchorEventDetailDto).history[0]).toMatchObject({
        previousDate: '2025-08-18',
        newDate: '2025-08-20',
        reason: 'The White House readout gives 20 August',
        moves: moved,
      });
      const audit = await admin.json<Page<AuditEntryDto>>(`/api/audit?entityType=anchor_event&entityId=${anchor.id}`);
      expect(audit.items[0]).toMatchObject({
        action: 'update',
        after: { occurredOn: '2025-08-20', reason: 'The White House readout gives 20 August', movedDeadlines: moved },
        summary: expect.stringContaining('Reason: The White House readout gives 20 August'),
      });
      const agreement = await analyst.json<AgreementDto>(`/api/agreements/${anchor.agreementId}`);
      expect(agreement.signedOn).toBe('2025-08-20');
      expect((await detail(analyst, CHARTER)).agreement.signedOn).toBe('2025-08-20');
    });

    it('leaves the agreement signing date alone while its signing event is pending, and follows it back to a date', async () => {
      const [anchorRow] = await t.db.dataSource.query(`SELECT id, agreement_id FROM anchor_events WHERE name = 'MoU signed'`);
      const anchor = await analyst.json<AnchorEventDetailDto>(`/api/anchor-events/${anchorRow.id}`);
      const pending = await analyst.patch(`/api/anchor-events/${anchor.id}`, {
        occurredOn: null,
        reason: 'Disputed',
        version: anchor.version,
      });
      expectStatus(pending, 200);
      expect((await analyst.json<AgreementDto>(`/api/agreements/${anchorRow.agreement_id}`)).signedOn).toBe('2025-08-20');
      const back = await analyst.patch(`/api/anchor-events/${anchor.id}`, {
        occurredOn: '2025-08-08',
        reason: 'Settled',
        version: (pending.json() as AnchorEventDetailDto).version,
      });
      expectStatus(back, 200);
      expect((await analyst.json<AgreementDto>(`/api/agreements/${anchorRow.agreement_id}`)).signedOn).toBe('2025-08-08');
    });
  });

  describe('periods in plain words', () => {
    it('takes "6 months" and "90 days" for a period and keeps them as ISO-8601, and refuses words that are no period', async () => {
      const charter = await detail(analyst, CHARTER);
      const saved = await created<CommitmentDetailDto>(
        analyst.post('/api/commitments', {
          refCode: 'WORDS-1',
          title: 'Counts in words',
          agreementId: charter.agreement.id,
          deadline: { kind: 'relative', anchorEventId: charter.anchorEvent?.id, duration: '90 days' },
        }),
      );
      expect(saved.deadline).toMatchObject({ duration: 'P90D' });
      const changed = await analyst.patch(`/api/commitments/${saved.id}`, {
        deadline: { kind: 'relative', anchorEventId: charter.anchorEvent?.id, duration: '6 months' },
        version: saved.version,
      });
      expectStatus(changed, 200);
      expect((changed.json() as CommitmentDetailDto).deadline).toMatchObject({ duration: 'P6M' });
      const bad = await analyst.patch(`/api/commitments/${saved.id}`, {
        deadline: { kind: 'relative', anchorEventId: charter.anchorEvent?.id, duration: 'soon' },
        version: saved.version + 1,
      });
      expectStatus(bad, 400);
      expect(bad.json().errors).toEqual([{ field: 'deadline.duration', message: expect.any(String) }]);
    });
  });
});

describe('archived commitments and reminders', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ demo: true, now: '2026-01-20T12:00:00Z' });
  });
  afterAll(() => t.close());

  it('plans no reminder for an archived commitment, and plans it again once it is restored', async () => {
    const owner = await person(t, 'archive-owner', 'UTC', { sendHour: 6, overdueRepeatDays: null });
    const id = await commitmentId(t.db, 'AZ-US-2025-01.2');
    await t.db.dataSource.query(`UPDATE commitments SET owner_id = $1 WHERE id = $2`, [owner.id, id]);
    const analyst = (await signedIn(t, 'analyst')).api;
    const admin = (await signedIn(t, 'admin')).api;
    const version = (await analyst.json<CommitmentDetailDto>(`/api/commitments/${id}`)).version;
    expectStatus(await analyst.delete(`/api/commitments/${id}?version=${version}`), 204);
    await plannerOf(t).run();
    expect(await countRows(t, `reminder_items WHERE commitment_id = '${id}'`)).toBe(0);

    await created(admin.post(`/api/archived-commitments/${id}/restore`));
    await plannerOf(t).run();
    expect(await countRows(t, `reminder_items WHERE commitment_id = '${id}'`)).toBeGreaterThan(0);
  });
});
