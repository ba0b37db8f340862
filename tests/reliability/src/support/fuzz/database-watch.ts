/**
 * Two ways to see whether requests changed the database. A checksum over every row of every table, for
 * a batch of requests that must all be refused; and a counter of changed rows, kept by triggers this test
 * adds to its own throw-away database, read before and after each request that may go either way.
 */
import type { DataSource } from 'typeorm';

/** Tables and columns that change by design on refused requests (e.g. a failed sign-in counts towards the throttle). */
export type Ignore = Record<string, '*' | string[]>;

async function watchedTables(dataSource: DataSource, ignore: Ignore): Promise<{ name: string; ignored: string }[]> {
  const tables: { name: string }[] = await dataSource.query(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'fuzz_row_changes' ORDER BY table_name`,
  );
  return tables
    .filter(({ name }) => ignore[name] !== '*')
    .map(({ name }) => ({
      name,
      ignored: [ignore[name] ?? []]
        .flat()
        .map((column) => ` - '${column}'`)
        .join(''),
    }));
}

/** A checksum of every row of every table, less what `ignore` names. */
export async function tableChecksum(dataSource: DataSource, ignore: Ignore): Promise<string> {
  const parts = (await watchedTables(dataSource, ignore)).map(
    ({ name, ignored }) => `SELECT '${name}:' || md5((to_jsonb(t)${ignored})::text) AS h FROM "${name}" t`,
  );
  const [row] = await dataSource.query(`SELECT md5(string_agg(h, ',' ORDER BY h)) AS sum FROM (${parts.join(' UNION ALL ')}) rows`);
  return row.sum ?? 'empty';
}

/**
 * Counts, in a one-row table, every row inserted, deleted or really changed (an update that leaves the row,
 * less ignored columns, as it was does not count). The count is transactional: a rolled-back write leaves it as it was.
 */
export async function installChangeCounter(dataSource: DataSource, ignore: Ignore): Promise<() => Promise<number>> {
  await dataSource.query(`CREATE TABLE fuzz_row_changes (n bigint NOT NULL); INSERT INTO fuzz_row_changes VALUES (0)`);
  await dataSource.query(
    `CREATE FUNCTION fuzz_count_row_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN UPDATE fuzz_row_changes SET n = n + 1; RETURN NULL; END $$`,
  );
  for (const { name, ignored } of await watchedTables(dataSource, ignore)) {
    await dataSource.query(
      `CREATE TRIGGER fuzz_count_writes AFTER INSERT OR DELETE ON "${name}" FOR EACH ROW EXECUTE FUNCTION fuzz_count_row_change()`,
    );
    await dataSource.query(
      `CREATE TRIGGER fuzz_count_updates AFTER UPDATE ON "${name}" FOR EACH ROW
         WHEN ((to_jsonb(OLD)${ignored}) IS DISTINCT FROM (to_jsonb(NEW)${ignored})) EXECUTE FUNCTION fuzz_count_row_change()`,
    );
  }
  return async () => Number((await dataSource.query(`SELECT n FROM fuzz_row_changes`))[0].n);
}
