import { DataSource } from 'typeorm';

/** Stable 64-bit keys for the cluster-wide locks Pactwatch takes. */
export const ADVISORY_LOCKS = {
  migrations: 7_302_001,
  demoSeed: 7_302_002,
  reminderPlanner: 7_302_003,
  accountsBootstrap: 7_302_004,
  accountsCleanup: 7_302_005,
} as const;

/**
 * Runs `work` while holding a session-level PostgreSQL advisory lock on one dedicated connection.
 * Other processes calling this with the same key wait until the lock is released.
 */
export async function withAdvisoryLock<T>(dataSource: DataSource, key: number, work: () => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [key]);
    try {
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [key]);
    }
  } finally {
    await runner.release();
  }
}

/** Like withAdvisoryLock, but gives up at once (returns `skipped`) when another process holds the lock. */
export async function tryWithAdvisoryLock<T>(
  dataSource: DataSource,
  key: number,
  work: () => Promise<T>,
): Promise<{ ran: true; result: T } | { ran: false }> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const [row] = await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [key]);
    if (!row.locked) return { ran: false };
    try {
      return { ran: true, result: await work() };
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [key]);
    }
  } finally {
    await runner.release();
  }
}
