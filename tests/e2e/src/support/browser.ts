import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BrowserContext, chromium, ConsoleMessage, Page } from 'playwright-core';
import { resolveChromium } from '../../../support/chromium';

export const SCREENSHOTS = resolve(__dirname, '../../screenshots');

export function baseUrl(): string {
  const url = process.env['PACTWATCH_E2E_BASE_URL'];
  if (!url) throw new Error('PACTWATCH_E2E_BASE_URL is not set: run through jest with the e2e global setup');
  return url;
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Console errors and CSP violations seen so far. */
  problems: string[];
  close(): Promise<void>;
}

/** Chromium (CHROMIUM_PATH, Debian's, or the packaged one: tests/support/chromium.ts) with a fresh profile, as a new visitor would arrive. */
export async function openBrowser(viewport = { width: 1366, height: 900 }): Promise<Browser> {
  const browser = await resolveChromium();
  const profile = mkdtempSync(join(tmpdir(), 'pactwatch-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: browser.executablePath,
    env: browser.env,
    headless: true,
    viewport,
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
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  const watch = (target: Page) => {
    target.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error' || /Content.Security.Policy/i.test(message.text())) problems.push(message.text());
    });
    target.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    target.on('request', (request) => {
      if (!request.url().startsWith(baseUrl()) && !request.url().startsWith('data:'))
        problems.push(`request to another origin: ${request.url()}`);
    });
  };
  watch(page);
  context.on('page', watch);
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, page, problems, close };
}

/**
 * The whole page as a PNG in tests/e2e/screenshots/. The dashboard scrolls inside its shell, not
 * the document, so the viewport is made as tall as the content for the shot, then put back.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => {
    const content = document.querySelector('mat-sidenav-content');
    return content ? content.getBoundingClientRect().top + content.scrollHeight : document.documentElement.scrollHeight;
  });
  if (viewport && height > viewport.height) {
    await page.setViewportSize({ width: viewport.width, height: Math.ceil(height) });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  }
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  if (viewport && height > viewport.height) await page.setViewportSize(viewport);
}
