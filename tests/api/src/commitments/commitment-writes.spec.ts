import type {
  AgreementDto,
  AnchorEventDetailDto,
  AuditEntryDto,
  CommitmentDetailDto,
  Page,
  PartyDto,
  PolicyAreaDto,
  StatusUpdateDto,
} from '@pactwatch/shared/contracts';
import { createUser } from '../../../support/auth';
import { startTestApp, TestApp } from '../../../support/test-app';
import { Api, countRows, created, expectStatus, signedIn, snapshotCounts } from './fixtures';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('writing commitments, agreements, parties, areas and status updates', () => {
  let t: TestApp;
  let analyst: Api;
  let admin: Api;
  let viewer: Api;
  let agreement: AgreementDto;
  let signing: AnchorEventDetailDto;

  const fieldsOf = (body: { errors?: { field: string }[] }) => [...new Set((body.errors ?? []).map((error) => error.field))].sort();

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-01-15T09:00:00Z' });
    analyst = (await signedIn(t, 'analyst', 'Ana Analyst')).api;
    admin = (await signedIn(t, 'admin')).api;
    viewer = (await signedIn(t, 'viewer')).api;
    await created(analyst.post('/api/parties', { code: 'az', name: 'Azerbaijan' }));
    await created(analyst.post('/api/parties', { code: 'US', name: 'United States' }));
    await created(analyst.post('/api/areas', { slug: 'energy', name: 'Energy' }));
    agreement = await created(
      analyst.post('/api/agreements', { title: 'Test MoU', kind: 'mou', signedOn: '2025-08-08', partyCodes: ['AZ', 'US'] }),
    );
    signing = await created(
      analyst.post('/api/anchor-events', { agreementId: agreement.id, name: 'MoU signed', occurredOn: '2025-08-08' }),
    );
  });
  afterAll(() => t.close());

  const newCommitment = (refCode: string, extra: Record<string, unknown> = {}) =>
    created<CommitmentDetailDto>(
      analyst.post('/api/commitments', {
        refCode,
        title: `Commitment ${refCode}`,
        agreementId: agreement.id,
        deadline: { kind: 'relative', anchorEventId: signing.id, duration: 'P6M' },
        ...extra,
      }),
    );

  describe('reference data', () => {
    it('creates, reads, renames and deletes a party, upper-casing its code', async () => {
      const party = await created<PartyDto>(analyst.post('/api/parties', { code: 'eu', name: 'European Union', kind: 'organisation' }));
      expect(party).toMatchObject({ code: 'EU', name: 'European Union', kind: 'organisation', version: 1 });
      expect(await viewer.json<PartyDto>(`/api/parties/${party.id}`)).toEqual(party);
      const renamed = await analyst.patch(`/api/parties/${party.id}`, { name: 'The European Union', version: 1 });
      expectStatus(renamed, 200);
      expect(renamed.json()).toMatchObject({ name: 'The European Union', version: 2 });
      expectStatus(await analyst.delete(`/api/parties/${party.id}?version=2`), 204);
      expectStatus(await viewer.get(`/api/parties/${party.id}`), 404);
    });

    it('refuses a duplicate party code with 409 naming the field', async () => {
      const response = await analyst.post('/api/parties', { code: 'AZ', name: 'Again' });
      expectStatus(response, 409);
      expect(fieldsOf(response.json())).toEqual(['code']);
    });

    it('creates, renames and deletes a policy area; lists areas by name', async () => {
      const area = await created<PolicyAreaDto>(
        analyst.post('/api/areas', { slug: 'digital-infrastructure', name: 'Digital infrastructure' }),
      );
      expect((await viewer.json<PolicyAreaDto[]>('/api/areas')).map((a) => a.slug)).toEqual(['digital-infrastructure', 'energy']);
      expectStatus(await analyst.patch(`/api/areas/${area.id}`, { name: 'Digital', version: 1 }), 200);
      expectStatus(await analyst.delete(`/api/areas/${area.id}`), 204);
    });

    it('validates slugs and codes, naming each field', async () => {
      const area = await analyst.post('/api/areas', { slug: 'Not A Slug', name: '' });
      expectStatus(area, 400);
      expect(fieldsOf(area.json())).toEqual(['name', 'slug']);
      const party = await analyst.post('/api/parties', { code: 'x', name: 'X', kind: 'planet' });
      expect(fieldsOf(party.json())).toEqual(['code', 'kind']);
    });

    it('will not delete a party or an area that commitments use', async () => {
      await newCommitment('REF-USE', { partyCodes: ['AZ'], areaSlugs: ['energy'] });
      const parties = await viewer.json<PartyDto[]>('/api/parties');
      const az = parties.find((p) => p.code === 'AZ') as PartyDto;
      expectStatus(await analyst.delete(`/api/parties/${az.id}`), 409);
      const energy = (await viewer.json<PolicyAreaDto[]>('/api/areas')).find((a) => a.slug === 'energy') as PolicyAreaDto;
      expectStatus(await analyst.delete(`/api/areas/${energy.id}`), 409);
    });
  });

  describe('agreements', () => {
    it('creates an agreement with parties and reads it back with its anchor events and progress', async () => {
      const detail = await viewer.json<AgreementDto>(`/api/agreements/${agreement.id}`);
      expect(detail).toMatchObject({ title: 'Test MoU', kind: 'mou', signedOn: '2025-08-08', version: 1 });
      expect(detail.parties.map((p) => p.code)).toEqual(['AZ', 'US']);
      expect(detail.anchorEvents).toEqual([expect.objectContaining({ id: signing.id, name: 'MoU signed', occurredOn: '2025-08-08' })]);
      expect((await viewer.json<AgreementDto[]>('/api/agreements')).map((a) => a.id)).toContain(agreement.id);
    });

    it('changes an agreement’s parties and moves its version', async () => {
      const other = await created<AgreementDto>(analyst.post('/api/agreements', { title: 'Other', kind: 'statement' }));
      const response = await analyst.patch(`/api/agreements/${other.id}`, { partyCodes: ['US'], version: 1 });
      expectStatus(response, 200);
      expect(response.json()).toMatchObject({ version: 2, parties: [expect.objectContaining({ code: 'US' })] });
      const unknown = await analyst.patch(`/api/agreements/${other.id}`, { partyCodes: ['ZZ'], version: 2 });
      expectStatus(unknown, 400);
      expect(fieldsOf(unknown.json())).toEqual(['partyCodes']);
      expectStatus(await analyst.delete(`/api/agreements/${other.id}`), 204);
    });

    it('will not delete an agreement that has commitments', async () => {
      expectStatus(await analyst.delete(`/api/agreements/${agreement.id}`), 409);
    });
  });

  describe('commitments', () => {
    it('computes the due date from the deadline spec and starts the history', async () => {
      const commitment = await newCommitment('C-1', {
        partyCodes: ['US', 'AZ'],
        areaSlugs: ['energy'],
        responsibleBody: 'Joint working group',
      });
      expect(commitment).toMatchObject({
        dueDate: '2026-02-08',
        anchorPending: false,
        status: 'not_started',
        progress: 0,
        lastVerifiedOn: '2026-01-15',
        version: 1,
        deadlineText: '6 months after MoU signed (8 Aug 2025) → 8 Feb 2026',
        anchorEvent: expect.objectContaining({ id: signing.id }),
      });
      expect(commitment.parties.map((p) => p.code)).toEqual(['AZ', 'US']);
      expect(commitment.history).toEqual([
        expect.objectContaining({ statusBefore: null, statusAfter: 'not_started', author: 'Ana Analyst', effectiveOn: '2026-01-15' }),
      ]);
      expect(await viewer.json<CommitmentDetailDto>('/api/commitments/C-1')).toMatchObject({ id: commitment.id });
    });

    it('recomputes the due date when the deadline changes', async () => {
      const commitment = await newCommitment('C-2');
      const response = await analyst.patch(`/api/commitments/${commitment.id}`, {
        deadline: { kind: 'absolute', date: '2026-05-10', precision: 'quarter' },
        version: 1,
      });
      expectStatus(response, 200);
      expect(response.json()).toMatchObject({
        dueDate: '2026-06-30',
        anchorEvent: null,
        version: 2,
        deadlineText: 'By 30 Jun 2026 (end of Q2)',
      });
    });

    it('names every bad field of a body in the 400', async () => {
      const response = await analyst.post('/api/commitments', {
        refCode: 'bad code!',
        title: '',
        agreementId: 'nope',
        deadline: { kind: 'relative', duration: 'some months', precision: 'day' },
        progress: 101,
        status: 'done',
        sourceUrl: 'ftp://example.org',
        colour: 'red',
      });
      expectStatus(response, 400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(fieldsOf(response.json())).toEqual([
        'agreementId',
        'colour',
        'deadline.anchorEventId',
        'deadline.duration',
        'deadline.precision',
        'progress',
        'refCode',
        'sourceUrl',
        'status',
        'title',
      ]);
    });

    it('names unknown references (agreement, parent, parties, areas, users) in one 400 and writes nothing', async () => {
      const counts = await snapshotCounts(t);
      const response = await analyst.post('/api/commitments', {
        refCode: 'C-BAD',
        title: 'Bad references',
        agreementId: UNKNOWN,
        parentId: UNKNOWN,
        ownerId: UNKNOWN,
        assigneeIds: [UNKNOWN],
        partyCodes: ['ZZ'],
        areaSlugs: ['nowhere'],
        deadline: { kind: 'none' },
      });
      expectStatus(response, 400);
      expect(fieldsOf(response.json())).toEqual(['agreementId', 'areaSlugs', 'assigneeIds', 'ownerId', 'parentId', 'partyCodes']);
      expect(await snapshotCounts(t)).toEqual(counts);
    });

    it('refuses a duplicate reference code with 409', async () => {
      await newCommitment('C-DUP');
      const counts = await snapshotCounts(t);
      const response = await analyst.post('/api/commitments', {
        refCode: 'C-DUP',
        title: 'Again',
        agreementId: agreement.id,
        deadline: { kind: 'none' },
      });
      expectStatus(response, 409);
      expect(fieldsOf(response.json())).toEqual(['refCode']);
      expect(await snapshotCounts(t)).toEqual(counts);
    });

    it('answers 404 for unknown ids and reference codes', async () => {
      expectStatus(await viewer.get(`/api/commitments/${UNKNOWN}`), 404);
      expectStatus(await viewer.get('/api/commitments/NO-SUCH-REF'), 404);
      expectStatus(await analyst.patch(`/api/commitments/${UNKNOWN}`, { title: 'x', version: 1 }), 404);
      expectStatus(
        await analyst.post(`/api/commitments/${UNKNOWN}/status-updates`, { status: 'completed', progress: 100, version: 1 }),
        404,
      );
      expectStatus(await analyst.delete(`/api/commitments/${UNKNOWN}`), 404);
      expectStatus(await viewer.get(`/api/agreements/${UNKNOWN}`), 404);
      expectStatus(await viewer.get(`/api/anchor-events/${UNKNOWN}`), 404);
      expectStatus(await viewer.get(`/api/areas/${UNKNOWN}`), 404);
      expectStatus(await viewer.get('/api/parties/not-a-uuid'), 404);
    });

    it('refuses a parent that would make the tree circular', async () => {
      const parent = await newCommitment('TREE-1');
      const child = await newCommitment('TREE-2', { parentId: parent.id });
      const response = await analyst.patch(`/api/commitments/${parent.id}`, { parentId: child.id, version: parent.version });
      expectStatus(response, 400);
      expect(fieldsOf(response.json())).toEqual(['parentId']);
      const self = await analyst.patch(`/api/commitments/${parent.id}`, { parentId: parent.id, version: parent.version });
      expect(fieldsOf(self.json())).toEqual(['parentId']);
    });

    it('assigns analysts and an owner, and shows them', async () => {
      const alice = await createUser(t, { role: 'analyst', displayName: 'Alice' });
      const commitment = await newCommitment('C-PEOPLE', { ownerId: alice.id, assigneeIds: [alice.id] });
      expect(commitment.owner).toEqual({ id: alice.id, displayName: 'Alice' });
      expect(commitment.assignees).toEqual([{ id: alice.id, displayName: 'Alice' }]);
      const cleared = await analyst.patch(`/api/commitments/${commitment.id}`, { assigneeIds: [], ownerId: null, version: 1 });
      expect(cleared.json()).toMatchObject({ owner: null, assignees: [], version: 2 });
    });

    it('audits a change with the values before and after', async () => {
      const commitment = await newCommitment('C-AUDIT');
      expectStatus(await analyst.patch(`/api/commitments/${commitment.id}`, { title: 'Renamed', partyCodes: ['US'], version: 1 }), 200);
      const audit = await admin.json<Page<AuditEntryDto>>(`/api/audit?entityType=commitment&entityId=${commitment.id}`);
      expect(audit.items.map((entry) => entry.action)).toEqual(['update', 'create']);
      expect(audit.items[0]).toMatchObject({
        actorLabel: 'Ana Analyst',
        before: { title: 'Commitment C-AUDIT', partyCodes: [] },
        after: { title: 'Renamed', partyCodes: ['US'] },
      });
      expectStatus(await viewer.get('/api/audit'), 403);
    });

    it('refuses oversized bodies with 413', async () => {
      const response = await analyst.post('/api/commitments', {
        refCode: 'BIG',
        title: 'Big',
        agreementId: agreement.id,
        deadline: { kind: 'none' },
        description: 'x'.repeat(1_100_000),
      });
      expectStatus(response, 413);
      expect(await countRows(t, "commitments WHERE ref_code = 'BIG'")).toBe(0);
    });

    it('archives a commitment on delete, keeping its history; its sub-commitments show as top-level', async () => {
      const parent = await newCommitment('DEL-1');
      const child = await newCommitment('DEL-2', { parentId: parent.id });
      await created(analyst.post(`/api/commitments/${parent.id}/status-updates`, { status: 'in_progress', progress: 10, version: 1 }));
      const stale = await analyst.delete(`/api/commitments/${parent.id}?version=1`);
      expectStatus(stale, 409);
      expectStatus(await analyst.delete(`/api/commitments/${parent.id}?version=2`), 204);
      expect((await viewer.json<CommitmentDetailDto>(`/api/commitments/${child.id}`)).parentId).toBeNull();
      expect(await countRows(t, `status_updates WHERE commitment_id = '${parent.id}'`)).toBe(2);
      const audit = await admin.json<Page<AuditEntryDto>>(`/api/audit?entityType=commitment&entityId=${parent.id}`);
      expect(audit.items[0]).toMatchObject({ action: 'archive', before: { archivedAt: null } });
    });
  });

  describe('optimistic locking', () => {
    it('lets exactly one of two updates sent with the same version win; the other gets 409 with the current version', async () => {
      const commitment = await newCommitment('LOCK-1');
      const historyBefore = await countRows(t, `status_updates WHERE commitment_id = '${commitment.id}'`);
      const [first, second] = await Promise.all([
        analyst.post(`/api/commitments/${commitment.id}/status-updates`, {
          status: 'in_progress',
          progress: 20,
          note: 'first',
          version: 1,
        }),
        analyst.post(`/api/commitments/${commitment.id}/status-updates`, { status: 'at_risk', progress: 30, note: 'second', version: 1 }),
      ]);
      const statuses = [first.statusCode, second.statusCode].sort();
      expect(statuses).toEqual([201, 409]);
      const loser = first.statusCode === 409 ? first : second;
      const winner = first.statusCode === 409 ? second : first;
      expect(loser.json()).toMatchObject({
        code: 'version_conflict',
        current: { id: commitment.id, version: 2, status: winner.json().status },
      });
      expect(await countRows(t, `status_updates WHERE commitment_id = '${commitment.id}'`)).toBe(historyBefore + 1);
    });

    it('does the same for two edits of the commitment itself', async () => {
      const commitment = await newCommitment('LOCK-2');
      const responses = await Promise.all([
        analyst.patch(`/api/commitments/${commitment.id}`, { title: 'Edit A', version: 1 }),
        analyst.patch(`/api/commitments/${commitment.id}`, { title: 'Edit B', version: 1 }),
      ]);
      expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const conflict = responses.find((r) => r.statusCode === 409);
      const current = (await viewer.json<CommitmentDetailDto>(`/api/commitments/${commitment.id}`)) as CommitmentDetailDto;
      expect(conflict?.json().current).toMatchObject({ title: current.title, version: 2 });
      expect(await countRows(t, `audit_log WHERE entity_id = '${commitment.id}' AND action = 'update'`)).toBe(1);
    });
  });

  describe('status updates', () => {
    it('appends updates with evidence; the commitment shows the latest status and is verified today', async () => {
      const commitment = await newCommitment('SU-1');
      const response = await analyst.post(`/api/commitments/${commitment.id}/status-updates`, {
        status: 'in_progress',
        progress: 30,
        note: 'Drafting started',
        evidence: [
          { url: 'https://example.org/statement', title: 'Joint statement', kind: 'official_statement', publishedOn: '2026-01-14' },
        ],
        version: 1,
      });
      expectStatus(response, 201);
      const detail = response.json() as CommitmentDetailDto;
      expect(detail).toMatchObject({ status: 'in_progress', progress: 30, version: 2, lastVerifiedOn: '2026-01-15' });
      expect(detail.history[0]).toMatchObject({
        statusBefore: 'not_started',
        statusAfter: 'in_progress',
        progressBefore: 0,
        progressAfter: 30,
        note: 'Drafting started',
        evidence: [
          expect.objectContaining({ url: 'https://example.org/statement', kind: 'official_statement', publishedOn: '2026-01-14' }),
        ],
      });
      const history = await viewer.json<StatusUpdateDto[]>(`/api/commitments/${commitment.id}/status-updates`);
      expect(history).toHaveLength(2);
    });

    it('records a correction as a new update that points at the one it corrects, never editing it', async () => {
      t.clock.set('2026-01-10T09:00:00Z');
      const commitment = await newCommitment('SU-2');
      const wrong = await created<CommitmentDetailDto>(
        analyst.post(`/api/commitments/${commitment.id}/status-updates`, {
          status: 'completed',
          progress: 100,
          note: 'Done (wrong)',
          version: 1,
        }),
      );
      t.clock.set('2026-01-15T09:00:00Z');
      const wrongUpdate = wrong.history[0];
      const corrected = await created<CommitmentDetailDto>(
        analyst.post(`/api/commitments/${commitment.id}/status-updates`, {
          status: 'in_progress',
          progress: 60,
          note: 'Correction: not finished yet',
          correctsId: wrongUpdate.id,
          version: 2,
        }),
      );
      expect(corrected).toMatchObject({ status: 'in_progress', progress: 60 });
      expect(corrected.history[0]).toMatchObject({
        correctsId: wrongUpdate.id,
        effectiveOn: '2026-01-10',
        statusBefore: 'completed',
        statusAfter: 'in_progress',
      });
      expect(corrected.history.find((update) => update.id === wrongUpdate.id)).toEqual(wrongUpdate);
    });

    it('keeps the latest status when a back-dated update is added', async () => {
      const commitment = await newCommitment('SU-3');
      await created(analyst.post(`/api/commitments/${commitment.id}/status-updates`, { status: 'at_risk', progress: 40, version: 1 }));
      const backdated = await created<CommitmentDetailDto>(
        analyst.post(`/api/commitments/${commitment.id}/status-updates`, {
          status: 'in_progress',
          progress: 20,
          effectiveOn: '2026-01-05',
          version: 2,
        }),
      );
      expect(backdated).toMatchObject({ status: 'at_risk', progress: 40, version: 3 });
    });

    it('refuses a future effective date, an update of another commitment and a bad body, naming the fields', async () => {
      const a = await newCommitment('SU-4');
      const b = await newCommitment('SU-5');
      const other = (await viewer.json<StatusUpdateDto[]>(`/api/commitments/${b.id}/status-updates`))[0];
      const counts = await snapshotCounts(t);
      const response = await analyst.post(`/api/commitments/${a.id}/status-updates`, {
        status: 'in_progress',
        progress: 10,
        effectiveOn: '2026-02-01',
        correctsId: other.id,
        version: 1,
      });
      expectStatus(response, 400);
      expect(fieldsOf(response.json())).toEqual(['correctsId', 'effectiveOn']);
      const shape = await analyst.post(`/api/commitments/${a.id}/status-updates`, {
        status: 'finished',
        progress: -1,
        evidence: [{ url: 'notaurl' }],
      });
      expect(fieldsOf(shape.json())).toEqual(['evidence.0.title', 'evidence.0.url', 'progress', 'status', 'version']);
      expect(await snapshotCounts(t)).toEqual(counts);
    });
  });
});
