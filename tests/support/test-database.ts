import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@pactwatch/api/core';
import { ENTITIES } from '../../apps/api/src/database/entities';
import { MIGRATIONS } from '../../apps/api/src/migrations';

export interface TestDatabase {
  url: string;
  name: string;
  /** A DataSource on the test database, for arranging data and asserting on rows. */
  dataSource: DataSource;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env['PACTWATCH_TEST_ADMIN_URL'];
  if (!url) throw new Error('PACTWATCH_TEST_ADMIN_URL is not set: run tests through jest with tests/support/global-setup.ts');
  return url;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Creates an empty, uniquely named database on the test server, optionally migrated. */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = `pw_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl(), name);
  const dataSource = new DataSource(
    buildDataSourceOptions({ url, entities: ENTITIES, migrations: MIGRATIONS, poolSize: 4, applicationName: 'pactwatch-test' }),
  );
  await dataSource.initialize();
  if (options.migrate !== false) await dataSource.runMigrations({ transaction: 'each' });
  return {
    url,
    name,
    dataSource,
    drop: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      const client = new Client({ connectionString: adminUrl() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
