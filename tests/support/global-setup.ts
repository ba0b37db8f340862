/**
 * Jest global setup for suites that need PostgreSQL. With DATABASE_URL set, tests create their
 * databases on that server; without it, a real embedded PostgreSQL starts for the run (and its data
 * is deleted by the global teardown).
 */
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../libs/api/core/src/lib/database/embedded-postgres';

declare global {
  // eslint-disable-next-line no-var
  var __PACTWATCH_EMBEDDED__: { stop(): Promise<void>; dataDir: string } | undefined;
}

export default async function globalSetup(): Promise<void> {
  process.env['TZ'] = process.env['TZ'] ?? 'UTC';
  if (process.env['PACTWATCH_TEST_ADMIN_URL']) return;
  if (process.env['DATABASE_URL']) {
    process.env['PACTWATCH_TEST_ADMIN_URL'] = process.env['DATABASE_URL'];
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'pactwatch-test-pg-'));
  // Run as root, the server runs as the postgres user: let it in (where the temp folder itself is closed to it,
  // startEmbeddedPostgres keeps the data elsewhere).
  chmodSync(dataDir, 0o755);
  const port = 55000 + Math.floor(Math.random() * 4000);
  const embedded = await startEmbeddedPostgres({ dataDir: join(dataDir, 'data'), port, database: 'pactwatch_test' });
  globalThis.__PACTWATCH_EMBEDDED__ = { stop: embedded.stop, dataDir };
  process.env['PACTWATCH_TEST_ADMIN_URL'] = embedded.url;
}
