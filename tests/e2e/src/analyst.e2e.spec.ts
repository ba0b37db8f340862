import { FLAG_LABELS } from '@pactwatch/shared/deadlines';
import { baseUrl, Browser, openBrowser, screenshot } from './support/browser';
import { signIn } from './support/session';

describe('an analyst', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await openBrowser();
    await signIn(browser.page, 'analyst');
  });
  afterAll(() => browser.close());

  it('records a status update with evidence and sees the flag and the history change', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl()}/commitments/EX-02`, { waitUntil: 'networkidle' });
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Record a status update' }) });
    await form.waitFor({ timeout: 20_000 });
    // EX-02 is due in five days in the demo data, so it starts flagged "due within 7 days".
    await expect(page.locator('main').innerText()).resolves.toContain(FLAG_LABELS.due_soon);

    await form.locator('[data-field="status"]').click();
    await page.getByRole('option', { name: 'Completed', exact: true }).click();
    await form.locator('[data-field="progress"]').fill('100');
    await form.locator('[data-field="note"]').fill('Review concluded; report published (end-to-end test).');
    await form.getByRole('button', { name: /Add evidence/i }).click();
    await form.locator('[data-field="evidence.0.url"]').fill('https://example.org/energy-review-report');
    await form.locator('[data-field="evidence.0.title"]').fill('Joint energy review report');
    await form.locator('button[type="submit"]').click();

    const history = page.locator('section', { has: page.getByRole('heading', { name: 'Status history' }) });
    await history.getByText('Review concluded; report published (end-to-end test).').waitFor({ timeout: 20_000 });
    await expect(history.getByRole('link', { name: /Joint energy review report/ }).count()).resolves.toBeGreaterThan(0);
    // Completed commitments carry no schedule flags.
    await expect(page.locator('.pw-detail-head').innerText()).resolves.not.toContain(FLAG_LABELS.due_soon);
    await screenshot(page, 'analyst-status-update');
    expect(browser.problems).toEqual([]);
  });
});
