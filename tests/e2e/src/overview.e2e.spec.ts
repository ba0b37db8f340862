import { computeScheduleFlags, FLAG_LABELS, localDate } from '@pactwatch/shared/deadlines';
import { baseUrl, Browser, openBrowser, screenshot } from './support/browser';

describe('the dashboard as a visitor first sees it', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(() => browser.close());

  it('shows the Strategic Partnership Charter with the flag it has today, under a strict CSP', async () => {
    const response = await browser.page.goto(baseUrl(), { waitUntil: 'networkidle' });
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    const today = localDate(new Date(), 'UTC');
    const [expected] = computeScheduleFlags(
      { status: 'in_progress', deadlineKind: 'relative', dueDate: '2026-02-08', anchorPending: false, lastVerifiedOn: '2025-10-15' },
      { today, staleAfterDays: 90 },
    );
    const row = browser.page.locator('[data-ref-code="AZ-US-2025-01"]').first();
    await row.waitFor({ timeout: 20_000 });
    await expect(row.textContent()).resolves.toContain('Strategic Partnership Charter');
    await expect(row.textContent()).resolves.toContain(FLAG_LABELS[expected]);
    await screenshot(browser.page, 'overview');
    expect(browser.problems).toEqual([]);
  });
});
