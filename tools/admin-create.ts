/**
 * npm run admin:create [-- --email admin@example.org --name "Ada Admin"]
 *
 * Creates an admin account, or makes an existing account admin again (re-enabled, new password):
 * the way back in when every admin is locked out. The password comes from ADMIN_PASSWORD or is
 * asked for (not echoed); it is never taken from the command line, where `ps` would show it.
 * Uses DATABASE_URL, or the embedded PostgreSQL under .data/ (as `npm start` does), and applies
 * pending migrations first.
 */
import 'reflect-metadata';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { buildDataSourceOptions, ConfigurationError, migrateWithLock, startEmbeddedPostgres } from '@pactwatch/api/core';
import { passwordProblem, upsertAdmin } from '@pactwatch/api/auth';
import { DataSource } from 'typeorm';
import { ENTITIES } from '../apps/api/src/database/entities';
import { MIGRATIONS } from '../apps/api/src/migrations';

const ROOT = resolve(__dirname, '..');

function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  const index = args.indexOf(`--${name}`);
  if (index >= 0) return args[index + 1];
  return args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
}

async function ask(question: string, hidden = false): Promise<string> {
  let muted = false;
  const output = new Writable({
    write: (chunk, _encoding, done) => {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: process.stdin.isTTY === true });
  return new Promise((done) => {
    rl.question(question, (answer) => {
      rl.close();
      if (hidden) process.stdout.write('\n');
      done(answer.trim());
    });
    muted = hidden;
  });
}

async function main(): Promise<number> {
  if (process.argv.includes('--password') || process.argv.some((arg) => arg.startsWith('--password='))) {
    console.error('Pass the password in ADMIN_PASSWORD or type it when asked, not on the command line.');
    return 2;
  }
  const email = option('email') ?? process.env['ADMIN_EMAIL'] ?? (await ask('Admin email: '));
  const displayName = option('name');
  let password = process.env['ADMIN_PASSWORD'];
  if (!password) {
    if (!process.stdin.isTTY) {
      console.error('Set ADMIN_PASSWORD, or run this in a terminal to be asked for the password.');
      return 2;
    }
    password = await ask('Password (at least 12 characters, not a common one): ', true);
    if (password !== (await ask('Again: ', true))) {
      console.error('The passwords differ.');
      return 2;
    }
  }

  const problem = passwordProblem(password);
  if (problem) {
    console.error(`The password ${problem}.`);
    return 2;
  }

  let stop: (() => Promise<void>) | undefined;
  let url = process.env['DATABASE_URL'];
  if (!url) {
    const embedded = await startEmbeddedPostgres({
      dataDir: process.env['EMBEDDED_PG_DIR'] ?? resolve(ROOT, '.data/postgres'),
      port: Number(process.env['EMBEDDED_PG_PORT'] ?? 54329),
      log: (message) => console.log(message),
    });
    url = embedded.url;
    stop = embedded.stop;
  }
  const dataSource = new DataSource(
    buildDataSourceOptions({ url, entities: ENTITIES, migrations: MIGRATIONS, poolSize: 2, applicationName: 'pactwatch-admin-create' }),
  );
  try {
    await dataSource.initialize();
    await migrateWithLock(dataSource, (message) => console.log(message));
    const result = await upsertAdmin(dataSource, { email, password, displayName }, { resetExisting: true });
    console.log(result === 'created' ? `Created the admin ${email}.` : `${email} is an admin again, enabled, with the new password.`);
    return 0;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await stop?.();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      error instanceof ConfigurationError ? `Cannot create the admin: ${error.message}` : error instanceof Error ? error.message : error,
    );
    process.exit(1);
  },
);
