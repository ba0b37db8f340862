/**
 * Where the benchmark's data lives: the server named by DATABASE_URL, or an embedded PostgreSQL
 * in .data/bench-postgres (port 54339 by default, so it never collides with `npm start`'s 54329).
 */
import { resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, migrateWithLock, startEmbeddedPostgres } from '@pactwatch/api/core';
import { ENTITIES } from '../../../apps/api/src/database/entities';
import { MIGRATIONS } from '../../../apps/api/src/migrations';

export const ROOT = resolve(__dirname, '../../..');

export interface BenchServer {
  /** True when the bench started its own embedded PostgreSQL. */
  readonly embedded: boolean;
  /** The database to use for a data set of `commitments` rows (created when missing). */
  database(commitments: number, explicitName?: string): Promise<string>;
  stop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
}

/**
 * With DATABASE_URL, the main data set goes into that database and any other size into a sibling
 * database named `<name>_<size>` on the same server. Without it, each size gets `bench_<size>`
 * on the embedded server.
 */
export async function openBenchServer(log: (message: string) => void, mainSize: number): Promise<BenchServer> {
  const external = process.env['DATABASE_URL'];
  if (external) {
    const base = databaseName(external);
    return {
      embedded: false,
      database: async (commitments, explicitName) => {
        const name = explicitName ?? (commitments === mainSize ? base : `${base}_${commitments}`);
        if (name !== base) await ensureDatabase(external, name);
        return withDatabase(external, name);
      },
      stop: async () => undefined,
    };
  }
  const dataDir = process.env['BENCH_PG_DIR'] ?? resolve(ROOT, '.data/bench-postgres');
  const port = Number(process.env['BENCH_PG_PORT'] ?? 54339);
  log(`DATABASE_URL is not set: using the embedded PostgreSQL in ${dataDir} on port ${port}`);
  const server = await startEmbeddedPostgres({ dataDir, port, database: 'postgres', log });
  return {
    embedded: true,
    database: async (commitments, explicitName) => {
      const name = explicitName ?? `bench_${commitments}`;
      await ensureDatabase(server.url, name);
      return withDatabase(server.url, name);
    },
    stop: () => server.stop(),
  };
}

/** Applies Pactwatch's migrations, exactly as the app does at start-up. */
export async function migrate(url: string, log: (message: string) => void): Promise<void> {
  const dataSource = new DataSource(
    buildDataSourceOptions({ url, entities: ENTITIES, migrations: MIGRATIONS, poolSize: 2, applicationName: 'pactwatch-bench' }),
  );
  await dataSource.initialize();
  try {
    await migrateWithLock(dataSource, log);
  } finally {
    await dataSource.destroy();
  }
}
