/**
 * Jest global setup for suites that need PostgreSQL. With DATABASE_URL set, tests create their
 * databases on that server; without it, a real embedded PostgreSQL starts for the run.
 */
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../libs/api/core/src/lib/database/embedded-postgres';

declare global {
  // eslint-disable-next-line no-var
  var __PACTWATCH_EMBEDDED__: { stop(): Promise<void> } | undefined;
}

export default async function globalSetup(): Promise<void> {
  process.env['TZ'] = process.env['TZ'] ?? 'UTC';
  if (process.env['PACTWATCH_TEST_ADMIN_URL']) return;
  if (process.env['DATABASE_URL']) {
    process.env['PACTWATCH_TEST_ADMIN_URL'] = process.env['DATABASE_URL'];
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'pactwatch-test-pg-'));
  chmodSync(dataDir, 0o755); // the postgres system user must reach it when tests run as root
  const port = 55000 + Math.floor(Math.random() * 4000);
  const embedded = await startEmbeddedPostgres({ dataDir: join(dataDir, 'data'), port, database: 'pactwatch_test' });
  globalThis.__PACTWATCH_EMBEDDED__ = embedded;
  process.env['PACTWATCH_TEST_ADMIN_URL'] = embedded.url;
}
