/**
 * A PostgreSQL server of the test's own, which it may stop and start: the embedded server Pactwatch starts
 * without DATABASE_URL (libs/api/core), run in a child process (the package is an ES module, which Jest's
 * module system cannot load). Stopping it is a fast shutdown, as an administrator's restart would be.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../..');
const HELPER = resolve(ROOT, 'libs/api/core/src/lib/database/embedded-postgres.ts');

export interface PostgresServer {
  url: string;
  stop(): Promise<void>;
}

const PROGRAM = `
const { startEmbeddedPostgres } = require(process.env.HELPER);
startEmbeddedPostgres({ dataDir: process.env.DATA_DIR, port: Number(process.env.PG_PORT), database: 'pactwatch' }).then(
  (db) => {
    console.log('URL ' + db.url);
    process.once('SIGTERM', () => db.stop().then(() => process.exit(0)));
  },
  (error) => {
    console.error(String(error));
    process.exit(1);
  },
);`;

/** Starts (or starts again, on the same data directory) a PostgreSQL server on `port`. */
export function startPostgresServer(dataDir: string, port: number): Promise<PostgresServer> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', PROGRAM], {
    cwd: ROOT,
    env: { ...process.env, TS_NODE_PROJECT: resolve(ROOT, 'tools/tsconfig.json'), HELPER, DATA_DIR: dataDir, PG_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolveServer, reject) => {
    const timer = setTimeout(() => reject(new Error(`PostgreSQL did not start on port ${port}:\n${output}`)), 90_000);
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`PostgreSQL exited with ${code}:\n${output}`)));
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      const url = /^URL (\S+)$/m.exec(output)?.[1];
      if (!url) return;
      clearTimeout(timer);
      resolveServer({
        url,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
