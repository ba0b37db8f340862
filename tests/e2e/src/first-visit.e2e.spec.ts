import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Page } from 'playwright-core';
import { baseUrl, Browser, openBrowser } from './support/browser';
import { openPage, settled } from './support/pages';
import { signIn } from './support/session';

/** The icon names in the built icon font (tools/icons.mjs writes them beside it). */
const ICONS_FILE = resolve(__dirname, '../../../apps/web/src/generated/icons.json');

/** Pages with the widest range of icons: navigation, flags, statuses, evidence, forms, admin tables. */
const ICON_PAGES: [path: string, ready: string][] = [
  ['/', 'pw-deadline-timeline'],
  ['/commitments', 'tr[data-ref]'],
  ['/commitments/AZ-US-2025-01', 'pw-commitment-detail-page pw-status-history'],
  ['/agreements', '.pw-agreement'],
  ['/calendar', 'table.pw-month'],
  ['/account', 'pw-reminder-preferences form'],
  ['/admin/users', 'pw-users-page table.pw-table'],
  ['/admin/outbox', 'pw-outbox-page :is(table.pw-table, pw-empty-state)'],
  ['/admin/settings', 'pw-settings-page form'],
];

interface Shift {
  value: number;
  sources: string[];
}

/** Records every layout shift from the first paint on (PerformanceObserver 'layout-shift'). */
async function recordLayoutShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const shifts: { value: number; sources: string[] }[] = [];
    (window as unknown as { __pwShifts: typeof shifts }).__pwShifts = shifts;
    const name = (node: Node | null): string => {
      if (!(node instanceof Element)) return node?.nodeName ?? '?';
      const classes = [...node.classList].filter((c) => c.startsWith('pw-')).join('.');
      return `${node.tagName.toLowerCase()}${classes ? `.${classes}` : ''}`;
    };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & {
        value: number;
        hadRecentInput: boolean;
        sources: { node: Node | null }[];
      })[]) {
        if (!entry.hadRecentInput) shifts.push({ value: entry.value, sources: entry.sources.map((s) => name(s.node)) });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/**
 * Holds each API answer back by its own delay, so the overview's parts arrive one after another, as on
 * a slow connection: a part that has no room kept for it moves what is below it.
 */
async function slowApi(page: Page): Promise<void> {
  const delays: [RegExp, number][] = [
    [/\/api\/dashboard/, 400],
    [/\/api\/commitments\?/, 900],
    [/\/api\/watches/, 1300],
  ];
  await page.route(/\/api\//, async (route) => {
    const delay = delays.find(([pattern]) => pattern.test(route.request().url()))?.[1] ?? 0;
    if (delay) await new Promise((r) => setTimeout(r, delay));
    await route.continue();
  });
}

describe('the first visit', () => {
  let browser: Browser;

  beforeEach(async () => {
    browser = await openBrowser();
  });
  afterEach(() => browser.close());

  it('the overview keeps the room of each part while its data loads: cumulative layout shift below 0.1', async () => {
    const { page } = browser;
    await signIn(page, 'viewer');
    await recordLayoutShifts(page);
    await slowApi(page);
    await page.goto(`${baseUrl()}/`);
    await page.locator('pw-deadline-timeline').waitFor();
    await page.locator('.pw-watches, pw-empty-state').last().waitFor();
    await settled(page);
    // Two frames for the last layout to be observed.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const shifts = await page.evaluate(() => (window as unknown as { __pwShifts: Shift[] }).__pwShifts);
    const total = shifts.reduce((sum, s) => sum + s.value, 0);
    console.log(
      `overview layout shift: ${total.toFixed(3)}`,
      shifts.map((s) => `${s.value.toFixed(3)} ${s.sources.join(' ')}`),
    );
    expect(total).toBeLessThan(0.1);
    expect(browser.problems).toEqual([]);
  });

  it('a first visit to the overview transfers less than 500 kB in all, every byte from the app itself', async () => {
    const { page } = browser;
    await signIn(page, 'viewer');
    // A new visitor's empty cache: what the sign-in page fetched does not count as already there.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.clearBrowserCache');
    let bytes = 0;
    const urls: string[] = [];
    cdp.on('Network.responseReceived', (event) => urls.push(event.response.url));
    cdp.on('Network.loadingFinished', (event) => (bytes += event.encodedDataLength));
    await page.goto(`${baseUrl()}/`);
    await page.locator('pw-deadline-timeline').waitFor();
    await page.locator('.pw-charts-section').scrollIntoViewIfNeeded();
    await page.locator('pw-status-charts canvas').first().waitFor();
    await settled(page);
    console.log(`first visit of the overview: ${(bytes / 1024).toFixed(0)} kB in ${urls.length} responses`);
    expect(urls.filter((url) => !url.startsWith(baseUrl()) && !url.startsWith('data:'))).toEqual([]);
    expect(bytes).toBeLessThan(500 * 1024);
  });

  it('every icon on the main pages is in the icon font, and shows as an icon, not as its name', async () => {
    if (!existsSync(ICONS_FILE)) throw new Error(`No ${ICONS_FILE}: build the dashboard first (npx nx build web)`);
    const inFont = new Set(JSON.parse(readFileSync(ICONS_FILE, 'utf8')) as string[]);
    const { page } = browser;
    await signIn(page, 'admin');
    const missing: string[] = [];
    for (const [path, ready] of ICON_PAGES) {
      await openPage(page, path, ready);
      const icons = await page.evaluate(() =>
        [...document.querySelectorAll('mat-icon')]
          .filter((icon) => !icon.hasAttribute('svgicon') && !icon.hasAttribute('data-mat-icon-name'))
          .map((icon) => ({
            name: (icon.textContent ?? '').trim(),
            // A ligature the font lacks is a word as wide as its letters, overflowing the 1em box.
            overflows: icon.scrollWidth > icon.getBoundingClientRect().width + 1 && icon.getBoundingClientRect().width > 0,
          })),
      );
      expect(icons.length).toBeGreaterThan(0);
      for (const icon of icons) {
        if (!inFont.has(icon.name)) missing.push(`${path}: '${icon.name}' is not in the icon font`);
        else if (icon.overflows) missing.push(`${path}: '${icon.name}' shows as text`);
      }
    }
    expect(missing).toEqual([]);
  });
});
