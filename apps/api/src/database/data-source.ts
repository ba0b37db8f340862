/**
 * The DataSource the TypeORM CLI uses (npm run db:migrate | db:revert | db:generate).
 * Nest builds its connection from the same options in app.module.ts.
 */
import 'reflect-metadata';
import { buildDataSourceOptions } from '@pactwatch/api/core';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from '../migrations';

const url = process.env['DATABASE_URL'];
if (!url) {
  throw new Error('DATABASE_URL is not set. Run the db:* scripts through tools/db.mjs, which starts the embedded database when needed.');
}

export default new DataSource(
  buildDataSourceOptions({ url, entities: ENTITIES, migrations: MIGRATIONS, poolSize: 2, applicationName: 'pactwatch-cli' }),
);
