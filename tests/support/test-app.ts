import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, Clock, ManualClock, validateEnvironment } from '@pactwatch/api/core';
import { seedDemoData } from '@pactwatch/api/commitments';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createApp } from '../../apps/api/src/app/create-app';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestApp {
  app: NestFastifyApplication;
  db: TestDatabase;
  clock: ManualClock;
  config: AppConfig;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** The instant the injected clock starts at (default 2026-01-15T09:00:00Z). */
  now?: string;
  /** Load the reference-case demo data. */
  demo?: boolean;
  env?: Record<string, string>;
  /** Reuse an existing database (e.g. to start a second instance on it). */
  db?: TestDatabase;
  clock?: ManualClock;
}

/** Boots the full API (Fastify, pipes, filters, guards) on a fresh migrated database. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const clock = options.clock ?? new ManualClock(new Date(options.now ?? '2026-01-15T09:00:00Z'));
  const db = options.db ?? (await createTestDatabase());
  if (options.demo) await seedDemoData(db.dataSource, clock.now());
  const env = validateEnvironment({ NODE_ENV: 'test', SCHEDULER_ENABLED: 'false', WEB_DIST_DIR: 'tmp/no-web', ...options.env });
  const config = new AppConfig(env, db.url, false);
  const app = await createApp(config, { clock: clock as Clock, logger: process.env['PACTWATCH_TEST_LOGS'] ? undefined : false });
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    db,
    clock,
    config,
    request: (request) => app.getHttpAdapter().getInstance().inject(request),
    close: async () => {
      await app.close();
      if (!options.db) await db.drop();
    },
  };
}
