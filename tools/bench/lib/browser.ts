/**
 * Scenario 7: the dashboard's first load in headless Chromium (the one tests/support/chromium.ts picks:
 * CHROMIUM_PATH, Debian's /usr/bin/chromium, or the packaged one) through playwright-core, and the initial
 * JavaScript the page needs before it can render.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { resolveChromium } from '../../../tests/support/chromium';

export interface InitialJs {
  files: { file: string; bytes: number; gzip: number }[];
  bytes: number;
  gzip: number;
}

/** The scripts index.html loads up front (script src and modulepreload), measured raw and gzip -9. */
export function initialJs(browserDist: string): InitialJs | null {
  const index = resolve(browserDist, 'index.html');
  if (!existsSync(index)) return null;
  const html = readFileSync(index, 'utf8');
  const names = new Set<string>();
  for (const match of html.matchAll(/<script[^>]*\ssrc="([^"]+\.js)"/g)) names.add(match[1]);
  for (const match of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)) names.add(match[1]);
  for (const match of html.matchAll(/<link[^>]*href="([^"]+\.js)"[^>]*rel="modulepreload"/g)) names.add(match[1]);
  const files = [...names].map((file) => {
    const content = readFileSync(resolve(browserDist, file.replace(/^\//, '')));
    return { file, bytes: content.length, gzip: gzipSync(content, { level: 9 }).length };
  });
  return { files, bytes: files.reduce((a, f) => a + f.bytes, 0), gzip: files.reduce((a, f) => a + f.gzip, 0) };
}

export interface FirstLoad {
  /** Median over the runs, ms from navigation start to counters + lists rendered. */
  renderedMs: number;
  runs: number[];
  /** Median ms until no loading placeholder is left (timeline and table included); null when not within 30 s. */
  settledMs: number | null;
  /** Transferred bytes of JS on the first run (no compression unless the server adds it). */
  jsTransferred: number;
  apiCalls: { url: string; ms: number; bytes: number }[];
  domContentLoadedMs: number;
  error?: string;
}

type Marks = { __benchRenderedAt?: number; __benchSettledAt?: number };

/**
 * True when the overview shows its counters and its two lists (overdue, next deadlines), or their empty states.
 * Functions, not strings: the app's CSP (script-src 'self') forbids the eval a string expression needs.
 */
function rendered(): boolean {
  const counters = document.querySelectorAll('.pw-counter__value').length > 0;
  const lists = document.querySelectorAll('pw-commitment-mini-list, pw-empty-state').length >= 2;
  const done = counters && lists;
  const marks = window as unknown as Marks;
  if (done && !marks.__benchRenderedAt) marks.__benchRenderedAt = performance.now();
  return done;
}

/** True when no loading placeholder is left anywhere on the page (the timeline and the table too). */
function settledNow(): boolean {
  const done = document.querySelectorAll('pw-loading-state').length === 0;
  const marks = window as unknown as Marks;
  if (done && !marks.__benchSettledAt) marks.__benchSettledAt = performance.now();
  return done;
}

export async function firstLoad(baseUrl: string, runs: number, log: (m: string) => void, screenshotDir: string): Promise<FirstLoad> {
  const times: number[] = [];
  const settled: number[] = [];
  let apiCalls: FirstLoad['apiCalls'] = [];
  let jsTransferred = 0;
  let domContentLoadedMs = 0;
  const browser = await resolveChromium();
  log(`  browser: ${browser.description}`);
  for (let run = 0; run < runs; run++) {
    // A fresh profile each time: a new visitor with an empty cache.
    const profile = mkdtempSync(join(tmpdir(), 'pactwatch-bench-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: browser.executablePath,
      env: browser.env,
      headless: true,
      viewport: { width: 1366, height: 900 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const calls: FirstLoad['apiCalls'] = [];
      let js = 0;
      page.on('requestfinished', (request) => {
        void request
          .sizes()
          .then((sizes) => {
            const timing = request.timing();
            const url = new URL(request.url());
            if (url.pathname.endsWith('.js')) js += sizes.responseBodySize + sizes.responseHeadersSize;
            if (url.pathname.startsWith('/api/'))
              calls.push({ url: url.pathname + url.search, ms: Math.round(timing.responseEnd), bytes: sizes.responseBodySize });
          })
          .catch(() => undefined);
      });
      await page.goto(baseUrl, { waitUntil: 'commit' });
      try {
        await page.waitForFunction(rendered, undefined, { timeout: 60_000, polling: 'raf' });
      } catch (error) {
        mkdirSync(screenshotDir, { recursive: true });
        const shot = resolve(screenshotDir, 'bench-overview-not-rendered.png');
        await page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
        const text = (
          await page
            .locator('body')
            .innerText()
            .catch(() => '')
        )
          .replace(/\s+/g, ' ')
          .slice(0, 300);
        throw new Error(
          `${error instanceof Error ? error.message.split('\n')[0] : String(error)} at ${page.url()}; the page showed: "${text}" (screenshot ${shot})`,
        );
      }
      const ms = (await page.evaluate(() => (window as unknown as Marks).__benchRenderedAt)) ?? NaN;
      const settledAt = await page
        .waitForFunction(settledNow, undefined, { timeout: 30_000, polling: 'raf' })
        .then(() => page.evaluate(() => (window as unknown as Marks).__benchSettledAt ?? null))
        .catch(() => null);
      if (settledAt !== null) settled.push(Math.round(settledAt));
      const dcl = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        return nav ? nav.domContentLoadedEventEnd : 0;
      });
      times.push(Math.round(ms));
      if (run === 0) {
        await page.waitForLoadState('networkidle').catch(() => undefined);
        apiCalls = calls;
        jsTransferred = js;
        domContentLoadedMs = Math.round(dcl);
      }
      log(
        `  first load ${run + 1}/${runs}: rendered in ${Math.round(ms)} ms, settled ${settledAt === null ? 'not within 30 s' : `in ${Math.round(settledAt)} ms`}`,
      );
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }
  const sorted = [...times].sort((a, b) => a - b);
  const settledSorted = [...settled].sort((a, b) => a - b);
  return {
    renderedMs: sorted[Math.floor(sorted.length / 2)],
    runs: times,
    settledMs: settled.length === runs ? settledSorted[Math.floor(settledSorted.length / 2)] : null,
    jsTransferred,
    apiCalls,
    domContentLoadedMs,
  };
}
