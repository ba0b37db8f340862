import AxeBuilder from '@axe-core/playwright';
import type { SessionStateDto } from '@pactwatch/shared/contracts';
import { localDate } from '@pactwatch/shared/deadlines';
import { Page } from 'playwright-core';
import { baseUrl } from './browser';

const READY_TIMEOUT = 20_000;

/**
 * Opens a page of the dashboard and waits until it has rendered: `ready` is on the page, no
 * loading indicator is left, and the fonts (text and icons) are in place. When the app is already
 * open on another page it navigates inside it, as a click on a link would (the browser's
 * back/forward event, which the router follows); the same page, or the app not open yet, is loaded
 * afresh. `ready` must be unique to the page opened.
 */
export async function openPage(page: Page, path: string, ready: string): Promise<void> {
  const target = `${baseUrl()}${path}`;
  // Another page of the open app: its `ready` element cannot be left over from the page before.
  const inApp =
    page.url().startsWith(baseUrl()) &&
    new URL(page.url()).pathname !== new URL(target).pathname &&
    (await page.locator('pw-root router-outlet').count()) > 0;
  if (inApp) {
    await page.evaluate((url) => {
      history.pushState(null, '', url);
      dispatchEvent(new PopStateEvent('popstate'));
    }, target);
    await page.waitForURL(target);
  } else {
    await page.goto(target);
  }
  await page.locator(ready).first().waitFor({ timeout: READY_TIMEOUT });
  await settled(page);
}

/** What shows that a commitment's page has loaded that commitment (not the one opened before). */
export function commitmentLoaded(refCode: string): string {
  return `.pw-detail-head__ref:text-is("${refCode}")`;
}

/** No loading indicator on the page, and every font loaded. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('pw-loading-state'), undefined, { timeout: READY_TIMEOUT });
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
}

/** The serious and critical WCAG 2.1 A/AA violations axe-core finds on the page, one line each. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** YYYY-MM-DD plus `days`, in calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Today in the workspace time zone, as the API counts days. */
export async function workspaceToday(page: Page): Promise<string> {
  const response = await page.request.get(`${baseUrl()}/api/auth/session`);
  const session = (await response.json()) as SessionStateDto;
  return localDate(new Date(), session.timeZone);
}
