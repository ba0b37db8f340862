import { Page } from 'playwright-core';
import { baseUrl, Browser, openBrowser, screenshot } from './support/browser';
import { accessibilityViolations, openPage } from './support/pages';
import { signIn } from './support/session';

/** Each main page: the screenshot's name, its path, and what is on it once it has loaded. */
const MAIN_PAGES: [name: string, path: string, ready: string][] = [
  ['overview', '/', 'pw-deadline-timeline'],
  ['commitments', '/commitments', 'tr[data-ref]'],
  ['commitment-detail', '/commitments/AZ-US-2025-01', 'pw-commitment-detail-page pw-status-history'],
  ['agreements', '/agreements', '.pw-agreement'],
  ['calendar', '/calendar', 'table.pw-month'],
  ['account', '/account', 'pw-reminder-preferences form'],
  ['admin-users', '/admin/users', 'pw-users-page table.pw-table'],
  ['admin-audit', '/admin/audit', 'pw-audit-page :is(table.pw-table, pw-empty-state)'],
  ['admin-outbox', '/admin/outbox', 'pw-outbox-page :is(table.pw-table, pw-empty-state)'],
  ['admin-settings', '/admin/settings', 'pw-settings-page form'],
  ['new-agreement', '/agreements/new', 'form[aria-label="New agreement"]'],
];

/** The overview's charts load when scrolled into view; bring them in so they are checked and shown. */
async function showCharts(page: Page): Promise<void> {
  await page.locator('.pw-charts-section').scrollIntoViewIfNeeded();
  await page.locator('pw-status-charts canvas').first().waitFor();
}

describe('every main page (as an admin, who sees them all)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await openBrowser();
    await signIn(browser.page, 'admin');
  });
  afterAll(() => browser.close());

  it.each(MAIN_PAGES)(
    'the %s page loads, has no serious or critical accessibility violations, and is saved as a screenshot',
    async (name, path, ready) => {
      const { page } = browser;
      await openPage(page, path, ready);
      if (name === 'overview') await showCharts(page);
      await screenshot(page, name);
      expect(await accessibilityViolations(page)).toEqual([]);
      expect(browser.problems).toEqual([]);
    },
  );

  it('the agreement detail page shows the anchor events with their date history, accessibly', async () => {
    const { page } = browser;
    const agreements = (await (await page.request.get(`${baseUrl()}/api/agreements`)).json()) as { id: string; kind: string }[];
    const mou = agreements.find((a) => a.kind === 'mou');
    await openPage(page, `/agreements/${mou?.id}`, 'pw-anchor-history :is(.pw-history, .pw-history__note)');
    await expect(page.locator('pw-anchor-history').first().innerText()).resolves.toContain('Date history');
    await screenshot(page, 'agreement-detail');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(browser.problems).toEqual([]);
  });
});

describe('pages seen without an account, and on a phone', () => {
  it('the login page has no serious or critical accessibility violations', async () => {
    const anonymous = await openBrowser();
    try {
      await openPage(anonymous.page, '/login', 'form');
      await screenshot(anonymous.page, 'login');
      expect(await accessibilityViolations(anonymous.page)).toEqual([]);
      expect(anonymous.problems).toEqual([]);
    } finally {
      await anonymous.close();
    }
  });

  it('the overview fits a phone and stays accessible', async () => {
    const phone = await openBrowser({ width: 390, height: 844 });
    try {
      await signIn(phone.page, 'viewer');
      await openPage(phone.page, '/', 'pw-deadline-timeline');
      await showCharts(phone.page);
      const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBe(0);
      await screenshot(phone.page, 'overview-phone');
      expect(await accessibilityViolations(phone.page)).toEqual([]);
      expect(phone.problems).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});
