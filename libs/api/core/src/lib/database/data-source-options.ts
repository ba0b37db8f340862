import { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import { ClockTimestampsSubscriber } from '../clock/clock-timestamps';

export interface DatabaseOptions {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
  applicationName?: string;
}

/** The one definition of how Pactwatch talks to PostgreSQL, shared by Nest, the CLI and tests. */
export function buildDataSourceOptions(options: DatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: options.migrations,
    // Created/updated columns take the injected clock (see clock-timestamps.ts).
    subscribers: [ClockTimestampsSubscriber],
    migrationsTableName: 'migrations',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    migrationsRun: false,
    logging: ['error'],
    poolSize: options.poolSize ?? 10,
    applicationName: options.applicationName ?? 'pactwatch',
    extra: {
      // Fail fast while the database is unreachable instead of queueing requests forever.
      connectionTimeoutMillis: 3000,
      query_timeout: 30000,
      idleTimeoutMillis: 30000,
    },
  };
}
