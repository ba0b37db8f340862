/**
 * npm run bench:seed -- [--commitments 100000] [--seed 42] [--today YYYY-MM-DD] [--database NAME]
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
    await ensureSeeded({ url, commitments, seed, today, force: true, log });
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
