import { createTestDatabase, TestDatabase } from '../../support/test-database';
import { ApiProcess, startApi } from './support/processes';
import { record } from './support/summary';

describe('several replicas against one database', () => {
  let db: TestDatabase;
  const replicas: ApiProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await db.drop();
  });

  it('three API processes starting at once on an empty database apply each migration exactly once', async () => {
    for (let i = 0; i < 3; i++) replicas.push(await startApi({ DATABASE_URL: db.url, SEED_DEMO_DATA: 'true' }));
    const started = await Promise.allSettled(replicas.map((replica) => replica.waitHealthy()));
    const failures = started.filter((result) => result.status === 'rejected').length;

    const applied: { name: string; count: string }[] = await db.dataSource.query(
      'SELECT name, count(*) AS count FROM migrations GROUP BY name',
    );
    const duplicated = applied.filter((row) => Number(row.count) !== 1).length;
    const expected = db.dataSource.migrations.length;
    const agreements = await db.dataSource.query('SELECT count(*)::int AS n FROM agreements');
    record({
      scenario: '5. three replicas: migrations + demo seed',
      cases: 3,
      failures,
      lost: expected - applied.length,
      duplicated: duplicated + (agreements[0].n === 3 ? 0 : Math.max(0, agreements[0].n - 3)),
    });

    expect(failures).toBe(0);
    expect(applied).toHaveLength(expected);
    expect(duplicated).toBe(0);
    expect(agreements[0].n).toBe(3); // the demo data was loaded once, not three times
    for (const replica of replicas) expect(replica.output()).not.toMatch(/failed|error/i);
  });
});
