/**
 * Passes of Pactwatch's real ReminderPlanner (libs/api/reminders), run in their own process by lib/planning.ts
 * so that a pass that takes too long can be stopped:
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register tools/bench/lib/planner-pass.ts <database url> <instant>...
 * Runs one pass with the clock at each ISO instant, in order, and prints one JSON line per pass:
 * { at, ms, ...PlanResult } or { at, error }.
 */
import { buildDataSourceOptions, AppConfig, ManualClock, validateEnvironment, WorkspaceSettingsService } from '@pactwatch/api/core';
import { ReminderPlanner } from '@pactwatch/api/reminders';
import { DataSource } from 'typeorm';
import { ENTITIES } from '../../../apps/api/src/database/entities';
import { MIGRATIONS } from '../../../apps/api/src/migrations';
import { ReminderLinks } from '../../../libs/api/reminders/src/lib/mail/reminder-links';

async function main(): Promise<void> {
  const [url, ...instants] = process.argv.slice(2);
  const dataSource = new DataSource(
    buildDataSourceOptions({ url, entities: ENTITIES, migrations: MIGRATIONS, poolSize: 4, applicationName: 'pactwatch-bench-planner' }),
  );
  await dataSource.initialize();
  try {
    const clock = new ManualClock(new Date(instants[0]));
    const settings = new WorkspaceSettingsService(dataSource);
    const config = new AppConfig(validateEnvironment({ DATABASE_URL: url, PUBLIC_URL: 'http://127.0.0.1:3000' }), url, false);
    const planner = new ReminderPlanner(dataSource, clock, settings, new ReminderLinks(dataSource, config, settings));
    for (const at of instants) {
      clock.set(at);
      const started = process.hrtime.bigint();
      const result = await planner.run();
      const ms = Math.round(Number(process.hrtime.bigint() - started) / 1e6);
      console.log(JSON.stringify(result ? { at, ms, ...result } : { at, error: 'another planner held the advisory lock' }));
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.log(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
  process.exit(1);
});
