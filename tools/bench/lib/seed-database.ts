/** Migrate a bench database and fill it with the generated archive, unless it already holds that exact data set. */
import { Client } from 'pg';
import { migrate } from './database';
import { seedBenchData, seedMarker, SeedResult } from './generate';
import { progressBar } from './progress';

export interface EnsureSeededOptions {
  url: string;
  commitments: number;
  seed: number;
  today: string;
  activeShare?: number;
  users?: number;
  /** Reseed even when the marker says the data set is already there. */
  force?: boolean;
  log: (message: string) => void;
}

export async function ensureSeeded(options: EnsureSeededOptions): Promise<{ reused: boolean; result?: SeedResult }> {
  await migrate(options.url, options.log);
  const client = new Client({ connectionString: options.url, application_name: 'pactwatch-bench-seed' });
  await client.connect();
  try {
    const marker = seedMarker(options.commitments, options.seed, options.today, options.activeShare);
    const current = (await client.query(`SELECT workspace_name FROM workspace_settings WHERE id = 1`)).rows[0]?.workspace_name;
    if (!options.force && current === marker) {
      options.log(`The database already holds the data set "${marker}": reusing it`);
      return { reused: true };
    }
    const bar = progressBar(`Seeding ${options.commitments.toLocaleString('en')} commitments`);
    const started = Date.now();
    const result = await seedBenchData(client, {
      commitments: options.commitments,
      seed: options.seed,
      today: options.today,
      activeShare: options.activeShare,
      users: options.users,
      log: (message) => {
        bar.end();
        options.log(message);
      },
      progress: (done, total, rows) => {
        const seconds = (Date.now() - started) / 1000;
        bar.update(
          done,
          total,
          `commitments, ${rows.toLocaleString('en')} rows, ${Math.round(rows / Math.max(seconds, 0.001)).toLocaleString('en')} rows/s`,
        );
      },
    });
    options.log(
      `Loaded ${result.totalRows.toLocaleString('en')} rows in ${result.loadSeconds.toFixed(1)} s ` +
        `(${result.rowsPerSecond.toLocaleString('en')} rows/s), indexes rebuilt in ${result.indexSeconds.toFixed(1)} s, ` +
        `${result.seconds.toFixed(1)} s in all. Watches: ${result.watches}.`,
    );
    for (const [table, count] of Object.entries(result.rows))
      options.log(`  ${table.padEnd(22)} ${count.toLocaleString('en').padStart(12)}`);
    return { reused: false, result };
  } finally {
    await client.end();
  }
}
