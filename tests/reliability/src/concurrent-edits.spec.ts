import { withJson } from '../../support/auth';
import { startTestApp, TestApp } from '../../support/test-app';
import { record, SIZE } from './support/summary';

describe('concurrent edits', () => {
  let t: TestApp;
  const parallel = 50;

  beforeAll(async () => {
    t = await startTestApp({ demo: true, users: ['analyst'], now: '2026-01-15T09:00:00Z' });
  });
  afterAll(() => t.close());

  async function commitment(refCode: string): Promise<{ id: string; version: number }> {
    const response = await t.request({ method: 'GET', url: `/api/commitments/${refCode}`, headers: t.headers.analyst });
    return response.json();
  }

  async function historyCount(id: string): Promise<number> {
    const [row] = await t.db.dataSource.query('SELECT count(*)::int AS n FROM status_updates WHERE commitment_id = $1', [id]);
    return row.n;
  }

  it(`${parallel} conflicting status updates to one commitment: exactly 1 succeeds, ${parallel - 1} get 409, 1 history entry`, async () => {
    const charter = await commitment('AZ-US-2025-01');
    const before = await historyCount(charter.id);
    const responses = await Promise.all(
      Array.from({ length: parallel }, (_, i) =>
        t.request({
          method: 'POST',
          url: `/api/commitments/${charter.id}/status-updates`,
          headers: withJson(t.headers.analyst ?? {}),
          payload: { status: 'at_risk', progress: 30 + (i % 50), note: `concurrent update ${i}`, version: charter.version },
        }),
      ),
    );
    const codes = responses.map((response) => response.statusCode);
    const succeeded = codes.filter((code) => code === 201 || code === 200).length;
    const conflicts = codes.filter((code) => code === 409).length;
    const added = (await historyCount(charter.id)) - before;
    record({
      scenario: '2a. concurrent conflicting edits',
      cases: parallel,
      failures: parallel - succeeded - conflicts,
      lost: Math.max(0, 1 - added),
      duplicated: Math.max(0, added - 1),
      note: `${succeeded} ok, ${conflicts} conflicts`,
    });
    expect(succeeded).toBe(1);
    expect(conflicts).toBe(parallel - 1);
    expect(added).toBe(1);
    for (const response of responses.filter((r) => r.statusCode === 409)) {
      expect(response.json()).toMatchObject({ code: 'version_conflict', current: { version: charter.version + 1 } });
    }
  });

  it(`${parallel} non-conflicting status updates to ${parallel} commitments all succeed`, async () => {
    const agreements = await t.request({ method: 'GET', url: '/api/agreements', headers: t.headers.analyst });
    const agreementId = agreements.json()[0].id;
    const created = [];
    for (let i = 0; i < parallel; i++) {
      const response = await t.request({
        method: 'POST',
        url: '/api/commitments',
        headers: withJson(t.headers.analyst ?? {}),
        payload: { refCode: `REL-${SIZE}-${i}`, title: `Reliability commitment ${i}`, agreementId, deadline: { kind: 'none' } },
      });
      expect(response.statusCode).toBe(201);
      created.push(response.json() as { id: string; version: number });
    }
    const responses = await Promise.all(
      created.map((c, i) =>
        t.request({
          method: 'POST',
          url: `/api/commitments/${c.id}/status-updates`,
          headers: withJson(t.headers.analyst ?? {}),
          payload: { status: 'in_progress', progress: i % 100, note: 'parallel', version: c.version },
        }),
      ),
    );
    const ok = responses.filter((r) => r.statusCode === 201 || r.statusCode === 200).length;
    const counts: { n: number }[] = await t.db.dataSource.query(
      `SELECT count(*)::int AS n FROM status_updates s JOIN commitments c ON c.id = s.commitment_id WHERE c.ref_code LIKE 'REL-%' AND s.note = 'parallel' GROUP BY c.id`,
    );
    record({
      scenario: '2b. concurrent independent edits',
      cases: parallel,
      failures: parallel - ok,
      lost: parallel - counts.length,
      duplicated: counts.filter((row) => row.n !== 1).length,
    });
    expect(ok).toBe(parallel);
    expect(counts).toHaveLength(parallel);
    expect(counts.every((row) => row.n === 1)).toBe(true);
  });
});
