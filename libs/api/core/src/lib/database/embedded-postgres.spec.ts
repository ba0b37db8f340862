import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdtempSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EMBEDDED_SHARED_DIR, EmbeddedDatabaseError, removeEmbeddedData, startEmbeddedPostgres } from './embedded-postgres';

jest.setTimeout(120_000);

const runningAsRoot = process.getuid?.() === 0;
const randomPort = () => 56000 + Math.floor(Math.random() * 3000);

async function query(url: string, sql: string): Promise<Record<string, unknown>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows[0];
  } finally {
    await client.end();
  }
}

describe('startEmbeddedPostgres', () => {
  const folders: string[] = [];
  /** A temp folder of the test; `mode` 0o755 lets the postgres user in, 0o700 is a home directory closed to others. */
  const folder = (mode: number) => {
    const dir = mkdtempSync(join(tmpdir(), 'pactwatch-embedded-spec-'));
    chmodSync(dir, mode);
    folders.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of folders) {
      removeEmbeddedData(join(dir, 'data'));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts a real PostgreSQL that keeps its data in dataDir, serves the database asked for, and stops on stop()', async () => {
    const dataDir = join(folder(0o755), 'data');
    const port = randomPort();
    const db = await startEmbeddedPostgres({ dataDir, port, database: 'spec_db' });
    try {
      const row = await query(
        db.url,
        "SELECT current_database() AS name, current_setting('data_directory') AS dir, current_setting('server_encoding') AS encoding",
      );
      expect(row).toEqual({ name: 'spec_db', dir: realpathSync(dataDir), encoding: 'UTF8' });
    } finally {
      await db.stop();
    }
    await expect(query(db.url, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
  });

  it('starts again on the data it kept, with the rows written before', async () => {
    const dataDir = join(folder(0o755), 'data');
    const port = randomPort();
    const first = await startEmbeddedPostgres({ dataDir, port });
    await query(first.url, 'CREATE TABLE kept AS SELECT 42 AS answer');
    await first.stop();
    const second = await startEmbeddedPostgres({ dataDir, port });
    try {
      expect(await query(second.url, 'SELECT answer FROM kept')).toEqual({ answer: 42 });
    } finally {
      await second.stop();
    }
  });

  it('refuses a port that is taken with one line that names the port and the variable to change', async () => {
    const port = randomPort();
    const first = await startEmbeddedPostgres({ dataDir: join(folder(0o755), 'data'), port });
    try {
      const second = startEmbeddedPostgres({ dataDir: join(folder(0o755), 'data'), port });
      const error = await second.then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(EmbeddedDatabaseError);
      const message = (error as Error).message;
      expect(message).toContain(`127.0.0.1:${port}`);
      expect(message).toContain('EMBEDDED_PG_PORT');
      expect(message).not.toContain('\n');
      expect((error as Error).stack).toBe(`EmbeddedDatabaseError: ${message}`);
    } finally {
      await first.stop();
    }
  });

  (runningAsRoot ? it : it.skip)(
    'run by root in a folder closed to other users, runs the server as "postgres" with its data kept where that user can reach it',
    async () => {
      const dataDir = join(folder(0o700), 'data');
      const db = await startEmbeddedPostgres({ dataDir, port: randomPort() });
      try {
        expect(lstatSync(dataDir).isSymbolicLink()).toBe(true);
        const kept = realpathSync(dataDir);
        expect(kept.startsWith(`${EMBEDDED_SHARED_DIR}/data/`)).toBe(true);
        expect(await query(db.url, "SELECT current_setting('data_directory') AS dir")).toEqual({ dir: kept });
        const postgresUid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
        expect(statSync(kept).uid).toBe(postgresUid);
      } finally {
        await db.stop();
      }
      const kept = realpathSync(dataDir);
      removeEmbeddedData(dataDir);
      expect(existsSync(kept)).toBe(false);
      expect(existsSync(dataDir)).toBe(false);
    },
  );
});
