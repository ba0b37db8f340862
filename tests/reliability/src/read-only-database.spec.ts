import { withJson } from '../../support/auth';
import { startTestApp, TestApp } from '../../support/test-app';
import { record } from './support/summary';

describe('a read-only database (as when the disk is full or a replica was promoted read-only)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ demo: true, users: ['analyst'], now: '2026-01-15T09:00:00Z' });
  });
  afterAll(async () => {
    await t.db.dataSource.query(`ALTER DATABASE "${t.db.name}" SET default_transaction_read_only = off`);
    await t.close();
  });

  it('refuses writes with a clear 503 and keeps serving reads', async () => {
    // New sessions of the app's pool pick the setting up; drop the existing ones so every connection is read-only.
    await t.db.dataSource.query(`ALTER DATABASE "${t.db.name}" SET default_transaction_read_only = on`);
    await t.db.dataSource.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [
      t.db.name,
    ]);
    // The terminated pool connections are dropped by the pool as their sockets close; wait until health is green.
    const deadline = Date.now() + 15_000;
    let healthy = 0;
    while (healthy < 3 && Date.now() < deadline) {
      healthy = (await t.request({ method: 'GET', url: '/api/health' })).statusCode === 200 ? healthy + 1 : 0;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(healthy).toBe(3);
    const checksum = async () =>
      (await t.db.dataSource.query(`SELECT md5(string_agg(s::text, ',' ORDER BY s.id)) AS sum FROM status_updates s`))[0].sum;

    let reads = 0;
    let readFailures = 0;
    for (let i = 0; i < 10; i++) {
      const response = await t.request({ method: 'GET', url: '/api/commitments?pageSize=5', headers: t.headers.analyst });
      reads++;
      if (response.statusCode !== 200) {
        readFailures++;
        console.log(`read ${i}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      }
    }
    const before = await checksum();
    const charter = (await t.request({ method: 'GET', url: '/api/commitments/AZ-US-2025-01', headers: t.headers.analyst })).json();
    const write = await t.request({
      method: 'POST',
      url: `/api/commitments/${charter.id}/status-updates`,
      headers: withJson(t.headers.analyst ?? {}),
      payload: { status: 'stalled', progress: 30, note: 'while read-only', version: charter.version },
    });
    const after = await checksum();
    record({
      scenario: '7. read-only database',
      cases: reads + 1,
      failures: readFailures + (write.statusCode === 503 ? 0 : 1),
      lost: 0,
      duplicated: 0,
    });

    expect(readFailures).toBe(0);
    expect(write.statusCode).toBe(503);
    expect(write.json()).toMatchObject({ code: 'read_only' });
    expect(write.json().detail).toMatch(/not accepting writes/);
    expect(after).toBe(before);
  });
});
