import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, Clock, ManualClock, useClockForTimestamps, validateEnvironment, WorkspaceSettingsEntity } from '@pactwatch/api/core';
import { seedDemoData } from '@pactwatch/api/commitments';
import type { Role } from '@pactwatch/shared/contracts';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createApp } from '../../apps/api/src/app/create-app';
import { AuthHeaders, signIn } from './auth';
import { createTestDatabase, TestDatabase } from './test-database';

/** A route as Fastify registered it (HEAD twins of GET routes included). */
export interface RegisteredRoute {
  method: string;
  url: string;
}

export interface TestApp {
  app: NestFastifyApplication;
  db: TestDatabase;
  clock: ManualClock;
  config: AppConfig;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  /** Signed-in headers for each role listed in `options.users`: `t.request({ ..., headers: t.headers.analyst })`. */
  headers: Partial<Record<Role, AuthHeaders>>;
  /** Every route Fastify registered, in order. */
  routes: RegisteredRoute[];
  /** Stops this instance but keeps its database (e.g. to restart on it); `close()` afterwards drops it. */
  stop(): Promise<void>;
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
  /** Create one user per role listed and sign each in; their headers are in `t.headers`. */
  users?: Role[];
  /** Turn the public portal on, so `portal` routes answer anonymous reads. */
  publicPortal?: boolean;
}

/**
 * Session lifetimes of 30 days, so suites that move the injected clock by hours or days keep their sign-ins.
 * Suites about sessions pass the production lifetimes (PRODUCTION_SESSIONS) in `env`.
 */
const LONG_SESSIONS = { SESSION_ABSOLUTE_HOURS: '720', SESSION_IDLE_MINUTES: '43200', SESSION_ADMIN_IDLE_MINUTES: '43200' };

/** The default session lifetimes of a real deployment (12 hours; 2 idle hours, 30 idle minutes for admins). */
export const PRODUCTION_SESSIONS = { SESSION_ABSOLUTE_HOURS: '12', SESSION_IDLE_MINUTES: '120', SESSION_ADMIN_IDLE_MINUTES: '30' };

/** Boots the full API (Fastify, pipes, filters, guards) on a fresh migrated database. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const clock = options.clock ?? new ManualClock(new Date(options.now ?? '2026-01-15T09:00:00Z'));
  const db = options.db ?? (await createTestDatabase());
  // Rows the test writes through TypeORM are stamped by the app's clock too.
  useClockForTimestamps(db.dataSource, clock);
  if (options.demo) await seedDemoData(db.dataSource, clock.now());
  const env = validateEnvironment({
    NODE_ENV: 'test',
    SCHEDULER_ENABLED: 'false',
    WEB_DIST_DIR: 'tmp/no-web',
    ...LONG_SESSIONS,
    ...options.env,
  });
  const config = new AppConfig(env, db.url, false);
  if (options.publicPortal !== undefined)
    await db.dataSource.getRepository(WorkspaceSettingsEntity).update({ id: 1 }, { publicPortal: options.publicPortal });
  const routes: RegisteredRoute[] = [];
  const app = await createApp(config, {
    clock: clock as Clock,
    logger: process.env['PACTWATCH_TEST_LOGS'] ? undefined : false,
    onRoute: (route) => {
      for (const method of [route.method].flat()) routes.push({ method, url: route.url });
    },
  });
  await app.getHttpAdapter().getInstance().ready();
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
  };
  const t: TestApp = {
    app,
    db,
    clock,
    config,
    request: (request) => app.getHttpAdapter().getInstance().inject(request),
    headers: {},
    routes,
    stop,
    close: async () => {
      await stop();
      if (!options.db) await db.drop();
    },
  };
  for (const role of options.users ?? []) t.headers[role] = await signIn(t, role);
  return t;
}
