import { AppConfig, buildDataSourceOptions, migrateWithLock } from '@pactwatch/api/core';
import { DEMO_PASSWORD, ensureConfiguredAdmin, seedDemoAccounts } from '@pactwatch/api/auth';
import { seedDemoData } from '@pactwatch/api/commitments';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from '../migrations';

/**
 * Applies migrations under an advisory lock, loads the demo data (and one demo account per role)
 * into an empty embedded database (or whenever SEED_DEMO_DATA=true), then creates the ADMIN_EMAIL
 * admin if no account has that email. Safe when several instances start together.
 */
export async function prepareDatabase(config: AppConfig, log: (message: string) => void): Promise<void> {
  const dataSource = new DataSource(
    buildDataSourceOptions({
      url: config.databaseUrl,
      entities: ENTITIES,
      migrations: MIGRATIONS,
      poolSize: 2,
      applicationName: 'pactwatch-migrate',
    }),
  );
  await dataSource.initialize();
  try {
    const applied = await migrateWithLock(dataSource, log);
    if (applied.length === 0) log('Database schema is up to date');
    const seed = config.env.SEED_DEMO_DATA ?? config.embeddedDatabase;
    if (seed) {
      const seeded = await seedDemoData(dataSource, new Date());
      if (seeded) log('Loaded the demo data (the Azerbaijan–United States MoU of 8 August 2025)');
      // Only with fresh demo data, so a demo account an admin deleted or disabled stays that way.
      const accounts = seeded ? await seedDemoAccounts(dataSource) : [];
      if (accounts.length > 0) log(`Demo accounts, password "${DEMO_PASSWORD}": ${accounts.join(', ')}`);
    }
    await ensureConfiguredAdmin(dataSource, config.env, log);
  } finally {
    await dataSource.destroy();
  }
}
