/**
 * Starts the built Pactwatch exactly as `npm start` runs it — embedded PostgreSQL, demo data —
 * in a throw-away data directory on free ports, and waits until /api/health answers 200.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { resolveChromium } from '../../../support/chromium';

declare global {
  var __PACTWATCH_E2E_SERVER__: ChildProcess | undefined;
  var __PACTWATCH_E2E_DATA_DIR__: string | undefined;
}

const ROOT = resolve(__dirname, '../../../..');
export const E2E_STATE_FILE = join(tmpdir(), 'pactwatch-e2e-state.json');

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

export default async function globalSetup(): Promise<void> {
  const main = join(ROOT, 'dist/apps/api/main.js');
  const web = join(ROOT, 'dist/apps/web/browser/index.html');
  if (!existsSync(main) || !existsSync(web)) throw new Error('Build first: npx nx run-many -t build -p api,web');
  // Which browser this run drives, said once (and the packaged one unpacked once, before the tests start).
  process.stdout.write(`\nBrowser tests use ${(await resolveChromium()).description}\n`);
  const dataDir = mkdtempSync(join(tmpdir(), 'pactwatch-e2e-'));
  chmodSync(dataDir, 0o755);
  globalThis.__PACTWATCH_E2E_DATA_DIR__ = dataDir;
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    EMBEDDED_PG_DIR: join(dataDir, 'postgres'),
    EMBEDDED_PG_PORT: String(await freePort()),
    WEB_DIST_DIR: join(ROOT, 'dist/apps/web/browser'),
    LOG_LEVEL: 'warn',
  };
  delete env['DATABASE_URL']; // the e2e suite runs the embedded path, like a new user's `npm start`
  const child = spawn(process.execPath, [main], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  globalThis.__PACTWATCH_E2E_SERVER__ = child;
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Pactwatch exited during start-up:\n${output}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  if (Date.now() >= deadline) throw new Error(`Pactwatch did not become healthy:\n${output}`);
  writeFileSync(E2E_STATE_FILE, JSON.stringify({ baseUrl, dataDir }));
  process.env['PACTWATCH_E2E_BASE_URL'] = baseUrl;
}
