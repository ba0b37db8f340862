#!/usr/bin/env node
/**
 * Lighthouse on the main pages of the built dashboard, as a first visit sees them.
 *
 * Starts the built app exactly as `npm start` runs it (embedded PostgreSQL with the demo data, in a
 * throw-away data directory, on free loopback ports), starts Debian's Chromium with a fresh profile and a
 * DevTools port, runs Lighthouse on the login page, signs in as the demo viewer through the login form, then
 * runs Lighthouse on the overview, the commitments list and one commitment (desktop), and on the overview
 * with the mobile settings. Lighthouse reuses the signed-in browser; it clears the HTTP cache before each
 * page, never the cookies. Prints one table.
 *
 *   npm run build && npm run lighthouse
 *   npm run lighthouse -- --only overview,detail     # some pages only
 *   npm run lighthouse -- --json report-dir           # also keep each Lighthouse report as JSON
 *   npm run lighthouse -- --from report-dir           # print the table of reports kept with --json
 *
 * CHROMIUM_PATH overrides /usr/bin/chromium. No figure here is asserted by a test: scores move with the
 * machine's load.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { chromium } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DEMO_PASSWORD = 'pactwatch-demo';
const DETAIL_REF = 'AZ-US-2025-01';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The pages, in the order they run: the login page is measured before signing in. */
const PAGES = [
  { key: 'login', label: 'login', path: '/login', formFactor: 'desktop', signedIn: false },
  { key: 'overview', label: 'overview', path: '/', formFactor: 'desktop', signedIn: true },
  { key: 'list', label: 'commitments list', path: '/commitments', formFactor: 'desktop', signedIn: true },
  { key: 'detail', label: `commitment ${DETAIL_REF}`, path: `/commitments/${DETAIL_REF}`, formFactor: 'desktop', signedIn: true },
  { key: 'overview-mobile', label: 'overview', path: '/', formFactor: 'mobile', signedIn: true },
];

function option(name) {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitFor(what, check, timeoutMs, child, output) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited during start-up:\n${output()}`);
    try {
      if (await check()) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${what} did not start within ${timeoutMs / 1000} s:\n${output()}`);
}

function stop(child, signal = 'SIGINT') {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolveStop();
    }, 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveStop();
    });
    child.kill(signal);
  });
}

async function startApp(workDir) {
  const main = join(ROOT, 'dist/apps/api/main.js');
  const web = join(ROOT, 'dist/apps/web/browser/index.html');
  if (!existsSync(main) || !existsSync(web)) throw new Error('Build first: npm run build (or npx nx run-many -t build -p api,web)');
  const port = await freePort();
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    EMBEDDED_PG_DIR: join(workDir, 'postgres'),
    EMBEDDED_PG_PORT: String(await freePort()),
    WEB_DIST_DIR: join(ROOT, 'dist/apps/web/browser'),
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL; // the embedded path, as a new user's `npm start`
  const child = spawn(process.execPath, [main], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor(
    'Pactwatch',
    async () => (await fetch(`${baseUrl}/api/health`)).ok,
    120_000,
    child,
    () => output,
  );
  return { child, baseUrl };
}

async function startChromium(workDir) {
  const port = await freePort();
  const profile = join(workDir, 'chromium-profile');
  mkdirSync(profile, { recursive: true });
  const child = spawn(
    CHROMIUM,
    [
      ...CHROMIUM_FLAGS,
      `--remote-debugging-port=${port}`,
      '--remote-debugging-address=127.0.0.1',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TMPDIR: workDir } },
  );
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));
  await waitFor(
    'Chromium',
    async () => (await fetch(`http://127.0.0.1:${port}/json/version`)).ok,
    30_000,
    child,
    () => output,
  );
  return { child, port };
}

/** Signs in through the login form in the same browser, so Lighthouse's tabs carry the session cookie. */
async function signIn(devtoolsPort, baseUrl) {
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${devtoolsPort}`);
  try {
    const context = browser.contexts()[0];
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`, { waitUntil: 'networkidle' });
    await page.getByLabel('Email').fill('viewer@pactwatch.local');
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 30_000 });
    await page.close();
  } finally {
    // Only the CDP connection closes; the browser (and its cookie jar) stays for Lighthouse.
    await browser.close();
  }
}

async function audit(devtoolsPort, url, formFactor) {
  const flags = {
    port: devtoolsPort,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility', 'best-practices'],
  };
  const result = await lighthouse(url, flags, formFactor === 'desktop' ? desktopConfig : undefined);
  if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
  return result.lhr;
}

function row(page, lhr) {
  const score = (id) => {
    const value = lhr.categories[id]?.score;
    return value === null || value === undefined ? '–' : String(Math.round(value * 100));
  };
  const audits = lhr.audits;
  const seconds = (id) => (audits[id]?.numericValue === undefined ? '–' : `${(audits[id].numericValue / 1000).toFixed(1)} s`);
  const cls = audits['cumulative-layout-shift']?.numericValue;
  const bytes = audits['total-byte-weight']?.numericValue;
  // Failed checks of the two pass/fail categories, with the ones Lighthouse weighs 0 (such as
  // label-content-name-mismatch), which still fail an accessibility review.
  const failed = Object.values(lhr.categories)
    .filter((category) => category.id !== 'performance')
    .flatMap((category) => category.auditRefs.filter((ref) => typeof audits[ref.id]?.score === 'number' && audits[ref.id].score < 1))
    .map((ref) => ref.id);
  return {
    page: page.label,
    device: page.formFactor,
    performance: score('performance'),
    accessibility: score('accessibility'),
    'best practices': score('best-practices'),
    LCP: seconds('largest-contentful-paint'),
    CLS: cls === undefined ? '–' : cls.toFixed(2),
    transferred: bytes === undefined ? '–' : `${Math.round(bytes / 1024)} kB`,
    'failed audits': failed.length ? [...new Set(failed)].join(', ') : '',
    error: lhr.runtimeError?.message ?? '',
  };
}

function printTable(rows) {
  const columns = Object.keys(rows[0]).filter((column) => column !== 'error' || rows.some((r) => r.error));
  const width = (column) => Math.max(column.length, ...rows.map((r) => String(r[column]).length));
  const right = new Set(['performance', 'accessibility', 'best practices', 'LCP', 'CLS', 'transferred']);
  const cell = (column, value) => (right.has(column) ? String(value).padStart(width(column)) : String(value).padEnd(width(column)));
  const line = (cells) => `| ${cells.join(' | ')} |`;
  console.log(line(columns.map((c) => cell(c, c))));
  console.log(line(columns.map((c) => (right.has(c) ? `${'-'.repeat(width(c) - 1)}:` : '-'.repeat(width(c))))));
  for (const r of rows) console.log(line(columns.map((c) => cell(c, r[c]))));
}

async function main() {
  const only = option('only')?.split(',');
  const jsonDir = option('json');
  const pages = PAGES.filter((page) => !only || only.includes(page.key));
  if (pages.length === 0) throw new Error(`--only takes some of: ${PAGES.map((p) => p.key).join(', ')}`);
  const fromDir = option('from');
  if (fromDir) {
    // Print the table again from reports kept with --json, without running anything.
    const kept = pages.filter((page) => existsSync(join(fromDir, `${page.key}.json`)));
    printTable(kept.map((page) => row(page, JSON.parse(readFileSync(join(fromDir, `${page.key}.json`), 'utf8')))));
    return;
  }
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH`);

  const workDir = mkdtempSync(join(tmpdir(), 'pactwatch-lighthouse-'));
  chmodSync(workDir, 0o755); // embedded PostgreSQL may run initdb as another user
  let app;
  let browser;
  const stopAll = async () => {
    await stop(browser?.child, 'SIGTERM');
    await stop(app?.child);
    rmSync(workDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));
  try {
    app = await startApp(workDir);
    browser = await startChromium(workDir);
    const rows = [];
    let signedIn = false;
    for (const page of pages) {
      if (page.signedIn && !signedIn) {
        await signIn(browser.port, app.baseUrl);
        signedIn = true;
      }
      process.stderr.write(`lighthouse: ${page.label} (${page.formFactor})…\n`);
      const lhr = await audit(browser.port, `${app.baseUrl}${page.path}`, page.formFactor);
      if (new URL(lhr.finalDisplayedUrl).pathname !== page.path)
        throw new Error(`${page.path} ended on ${lhr.finalDisplayedUrl}: the sign-in did not carry over`);
      if (jsonDir) {
        mkdirSync(jsonDir, { recursive: true });
        writeFileSync(join(jsonDir, `${page.key}.json`), JSON.stringify(lhr, null, 2));
      }
      rows.push(row(page, lhr));
    }
    printTable(rows);
  } finally {
    await stopAll();
  }
}

main().catch((error) => {
  console.error(`lighthouse: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
