import { Page } from 'playwright-core';
import { baseUrl } from './browser';

export const DEMO_PASSWORD = 'pactwatch-demo';

/** Signs in through the login page, as a person would, with one of the demo accounts. */
export async function signIn(page: Page, role: 'viewer' | 'analyst' | 'admin'): Promise<void> {
  await page.goto(`${baseUrl()}/login`, { waitUntil: 'networkidle' });
  await page.getByLabel('Email').fill(`${role}@pactwatch.local`);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 20_000 });
}
