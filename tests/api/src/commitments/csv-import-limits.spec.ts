import type { LightMyRequestResponse } from 'fastify';
import type { QueryRunner } from 'typeorm';
import { startTestApp, TestApp } from '../../../support/test-app';
import { Api, apiFor, expectStatus, signedIn, snapshotCounts } from './fixtures';
import { sessionHeaders } from '../../../support/auth';

const importCsv = (api: Api, csv: string, dryRun = false) =>
  api.request('POST', `/api/commitments/import.csv${dryRun ? '?dryRun=true' : ''}`, csv, { 'content-type': 'text/csv' });

const file = (tag: string) => `ref_code,title,agreement,agreement_kind\nLIM-${tag}-1,Limit test ${tag},Limit agreement ${tag},mou\n`;

/**
 * Holds a SHARE lock on `agreements`, so every import that gets as far as creating its agreement waits inside its
 * transaction, holding what it took; `release` lets them finish.
 */
async function blockImports(t: TestApp): Promise<{ release(): Promise<void> }> {
  const runner: QueryRunner = t.db.dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  await runner.query('LOCK TABLE agreements IN SHARE MODE');
  return {
    release: async () => {
      await runner.commitTransaction();
      await runner.release();
    },
  };
}

async function waitingOnLocks(t: TestApp, count: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const [row] = await t.db.dataSource.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (row.n >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`fewer than ${count} imports are waiting`);
}

function expectBusy(response: LightMyRequestResponse, scope: 'user' | 'instance'): void {
  expectStatus(response, 429);
  expect(response.headers['retry-after']).toBe('10');
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.json()).toMatchObject({ code: 'throttled', scope, detail: expect.stringContaining('Nothing was imported') });
}

describe('CSV imports are limited per user and per instance', () => {
  let t: TestApp;
  let other: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    // A second instance on the same database, as a replica would be.
    other = await startTestApp({ db: t.db });
  });
  afterAll(async () => {
    await other.stop();
    await t.close();
  });

  it('answers 429 with Retry-After to a second import by the same user while the first runs, and writes nothing for it', async () => {
    const { api } = await signedIn(t, 'analyst');
    const block = await blockImports(t);
    const first = importCsv(api, file('A'));
    await waitingOnLocks(t, 1);
    const counts = await snapshotCounts(t);
    const second = await importCsv(api, file('B'));
    expectBusy(second, 'user');
    expect((await importCsv(api, file('C'), true)).statusCode).toBe(429);
    await block.release();
    expectStatus(await first, 200);
    // The first import wrote its row; the refused ones nothing.
    const refs = await t.db.dataSource.query(`SELECT ref_code FROM commitments WHERE ref_code LIKE 'LIM-%' ORDER BY ref_code`);
    expect(refs).toEqual([{ ref_code: 'LIM-A-1' }]);
    expect((await snapshotCounts(t)).commitments).toBe(counts.commitments + 1);
    // Once the first is done, the user may import again.
    expectStatus(await importCsv(api, file('B')), 200);
  });

  it('counts one user’s imports across instances, in PostgreSQL', async () => {
    const { user, api } = await signedIn(t, 'analyst');
    const onOther = apiFor(other, await sessionHeaders(other, user.id));
    const block = await blockImports(t);
    const first = importCsv(api, file('D'));
    await waitingOnLocks(t, 1);
    expectBusy(await importCsv(onOther, file('E')), 'user');
    await block.release();
    expectStatus(await first, 200);
    const refs = await t.db.dataSource.query(`SELECT ref_code FROM commitments WHERE ref_code IN ('LIM-D-1', 'LIM-E-1')`);
    expect(refs).toEqual([{ ref_code: 'LIM-D-1' }]);
  });

  it('runs at most CSV_IMPORTS_PER_INSTANCE imports in one instance, whoever sends them', async () => {
    const users = await Promise.all([signedIn(t, 'analyst'), signedIn(t, 'analyst'), signedIn(t, 'analyst')]);
    const block = await blockImports(t);
    const running = [importCsv(users[0].api, file('F')), importCsv(users[1].api, file('G'))];
    await waitingOnLocks(t, 2);
    expectBusy(await importCsv(users[2].api, file('H')), 'instance');
    await block.release();
    for (const response of await Promise.all(running)) expectStatus(response, 200);
    expectStatus(await importCsv(users[2].api, file('H')), 200);
  });
});
