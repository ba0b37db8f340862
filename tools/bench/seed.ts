/**
 * npm run bench:seed -- [--commitments 100000] [--seed 42] [--today YYYY-MM-DD] [--database NAME]
 *                       [--active-share 0.1 --users 5000]   (the 1M planning data set of `npm run bench -- --planning-1m`)
 *
 * Fills a benchmark database with a generated archive of agreements and commitments. Targets
 * DATABASE_URL, or the embedded PostgreSQL in .data/bench-postgres (database bench_<commitments>)
 * when DATABASE_URL is unset. Applies migrations first. Same seed and date, same data.
 */
import { intArg, parseArgs, stringArg } from './lib/args';
import { openBenchServer } from './lib/database';
import { ensureSeeded } from './lib/seed-database';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['force']);
  const commitments = intArg(args, 'commitments', 100_000);
  const seed = intArg(args, 'seed', 42);
  const today = stringArg(args, 'today') ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error('--today must be YYYY-MM-DD');
  const log = (message: string) => console.error(message);
  const server = await openBenchServer(log, commitments);
  try {
    const url = await server.database(commitments, stringArg(args, 'database'));
    log(`Seeding ${new URL(url).pathname.slice(1)} (seed ${seed}, today ${today})`);
    const share = stringArg(args, 'active-share');
    const activeShare = share === undefined ? undefined : Number(share);
    if (activeShare !== undefined && !(activeShare > 0 && activeShare <= 1)) throw new Error('--active-share must be in (0, 1]');
    const users = args['users'] === undefined ? undefined : intArg(args, 'users', 0);
    await ensureSeeded({ url, commitments, seed, today, activeShare, users, force: true, log });
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
