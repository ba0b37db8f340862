/**
 * npm run db:migrate | db:revert | db:generate [-- Name]
 *
 * Runs the TypeORM CLI against DATABASE_URL, or against the embedded PostgreSQL under .data/
 * when DATABASE_URL is not set (the same server `npm start` uses).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { startEmbeddedPostgres } from '@pactwatch/api/core';

const ROOT = resolve(__dirname, '..');
const DATA_SOURCE = 'apps/api/src/database/data-source.ts';

async function main(): Promise<number> {
  const [command, name] = process.argv.slice(2);
  const args: Record<string, string[]> = {
    migrate: ['migration:run', '-d', DATA_SOURCE],
    revert: ['migration:revert', '-d', DATA_SOURCE],
    generate: ['migration:generate', '-d', DATA_SOURCE, '--pretty', `apps/api/src/migrations/${name ?? 'Migration'}`],
    check: ['migration:generate', '-d', DATA_SOURCE, '--check', 'apps/api/src/migrations/Drift'],
    show: ['migration:show', '-d', DATA_SOURCE],
  };
  if (!command || !args[command]) {
    console.error(`Usage: tools/db.ts <${Object.keys(args).join('|')}> [MigrationName]`);
    return 2;
  }
  let stop: (() => Promise<void>) | undefined;
  let url = process.env['DATABASE_URL'];
  if (!url) {
    const embedded = await startEmbeddedPostgres({
      dataDir: process.env['EMBEDDED_PG_DIR'] ?? resolve(ROOT, '.data/postgres'),
      port: Number(process.env['EMBEDDED_PG_PORT'] ?? 54329),
      log: (message) => console.log(message),
    });
    url = embedded.url;
    stop = embedded.stop;
    console.log('Using the embedded PostgreSQL in .data/postgres');
  }
  const result = spawnSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', require.resolve('typeorm/cli.js'), ...args[command]],
    { cwd: ROOT, stdio: 'inherit', env: { ...process.env, DATABASE_URL: url, TS_NODE_PROJECT: 'tools/tsconfig.json' } },
  );
  await stop?.();
  return result.status ?? 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
