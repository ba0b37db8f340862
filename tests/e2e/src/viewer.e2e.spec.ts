import AxeBuilder from '@axe-core/playwright';
import { computeScheduleFlags, FLAG_LABELS, localDate } from '@pactwatch/shared/deadlines';
import { baseUrl, Browser, openBrowser, screenshot } from './support/browser';
import { signIn } from './support/session';

/** The Charter's flag on the day the suite runs: it is due 8 Feb 2026 and in progress in the demo data. */
function charterFlagToday(): string {
  const [flag] = computeScheduleFlags(
    { status: 'in_progress', deadlineKind: 'relative', dueDate: '2026-02-08', anchorPending: false, lastVerifiedOn: '2025-10-15' },
    { today: localDate(new Date(), 'UTC'), staleAfterDays: 90 },
  );
  return FLAG_LABELS[flag];
}

describe('a viewer (stakeholder)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await openBrowser();
    await signIn(browser.page, 'viewer');
  });
  afterAll(() => browser.close());

  it('sees the overview with the Strategic Partnership Charter flagged as it is today, under a strict CSP', async () => {
    const { page } = browser;
    const response = await page.goto(baseUrl(), { waitUntil: 'networkidle' });
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    const charter = page.locator('tr', { has: page.getByRole('link', { name: 'AZ-US-2025-01', exact: true }) }).first();
    await charter.waitFor({ timeout: 20_000 });
    await expect(charter.innerText()).resolves.toContain(charterFlagToday());
    await screenshot(page, 'overview');
    expect(browser.problems).toEqual([]);
  });

  it('filters the commitments by area through the URL', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl()}/commitments?area=counterterrorism`, { waitUntil: 'networkidle' });
    await page.getByRole('link', { name: 'EX-04', exact: true }).first().waitFor({ timeout: 20_000 });
    const text = await page.locator('main').innerText();
    expect(text).toContain('AZ-US-2025-01'); // the Charter covers all six areas
    expect(text).not.toContain('EX-02'); // energy only
    await screenshot(page, 'commitments-filtered');
    await page.goto(`${baseUrl()}/commitments`, { waitUntil: 'networkidle' });
    await page.getByRole('link', { name: 'EX-02', exact: true }).first().waitFor({ timeout: 20_000 });
    await screenshot(page, 'commitments');
  });

  it('reads a commitment with its deadline explained, and cannot edit it', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl()}/commitments/AZ-US-2025-01`, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { name: 'Status history' }).waitFor({ timeout: 20_000 });
    const text = await page.locator('main').innerText();
    expect(text).toContain('6 months after MoU signed (8 Aug 2025) → 8 Feb 2026');
    await expect(page.getByRole('heading', { name: 'Record a status update' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: /^Edit/ }).count()).resolves.toBe(0);
    await screenshot(page, 'commitment-detail');
    expect(browser.problems).toEqual([]);
  });

  it.each([
    ['overview', '/'],
    ['commitments', '/commitments'],
    ['commitment detail', '/commitments/AZ-US-2025-01'],
    ['agreements', '/agreements'],
    ['calendar', '/calendar'],
  ])('has no serious or critical accessibility violations on the %s page', async (name, path) => {
    const { page } = browser;
    await page.goto(`${baseUrl()}${path}`, { waitUntil: 'networkidle' });
    await page.waitForTimeout(300);
    if (name === 'agreements' || name === 'calendar') await screenshot(page, name);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const blocking = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(blocking.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
  });
});
