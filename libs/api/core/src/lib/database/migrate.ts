import { DataSource, Migration } from 'typeorm';
import { ADVISORY_LOCKS, withAdvisoryLock } from './advisory-lock';

/**
 * Applies pending migrations under an advisory lock, so several instances starting together
 * against one database run each migration exactly once.
 */
export async function migrateWithLock(dataSource: DataSource, log: (message: string) => void = () => undefined): Promise<Migration[]> {
  return withAdvisoryLock(dataSource, ADVISORY_LOCKS.migrations, async () => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const migration of applied) log(`Applied migration ${migration.name}`);
    return applied;
  });
}
