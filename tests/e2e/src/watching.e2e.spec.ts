import { Browser, openBrowser } from './support/browser';
import { commitmentLoaded, openPage } from './support/pages';
import { signIn } from './support/session';

describe('watching a commitment', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await openBrowser();
    await signIn(browser.page, 'viewer');
  });
  afterAll(() => browser.close());

  it('updates the Watchers card at once, and lists it on the overview with its status and due date', async () => {
    const { page } = browser;
    await openPage(page, '/commitments/US-AZ-907-02', commitmentLoaded('US-AZ-907-02'));
    const card = page.locator('section.pw-card', { has: page.getByRole('heading', { name: 'Watchers' }) });
    const before = (await card.innerText()).trim();

    await page.getByRole('button', { name: 'Watch', exact: true }).click();
    await page.getByRole('button', { name: 'Watching' }).waitFor();
    // The card follows the server's answer: poll it (bounded) until it has been read again.
    let after = before;
    for (let i = 0; i < 50 && after === before; i++) {
      await page.waitForTimeout(100);
      after = (await card.innerText()).trim();
    }
    expect(after).not.toBe(before);

    await openPage(page, '/', '.pw-watches');
    const row = page.locator('.pw-watches__item', { hasText: 'US-AZ-907-02' });
    await expect(row.locator('pw-status-chip').innerText()).resolves.toContain('In progress');
    await expect(row.locator('pw-deadline-text').innerText()).resolves.toMatch(/\d{4}/);
    expect(browser.problems).toEqual([]);
  });
});
