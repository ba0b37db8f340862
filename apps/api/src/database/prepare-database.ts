import { AppConfig, buildDataSourceOptions, migrateWithLock } from '@pactwatch/api/core';
import { seedDemoData } from '@pactwatch/api/commitments';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from '../migrations';

/**
 * Applies migrations under an advisory lock, then loads the demo data into an empty embedded
 * database (or whenever SEED_DEMO_DATA=true). Safe when several instances start together.
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
    }
  } finally {
    await dataSource.destroy();
  }
}
