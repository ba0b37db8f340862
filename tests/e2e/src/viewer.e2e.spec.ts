import { IncomingHttpHeaders, request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { computeScheduleFlags, FLAG_LABELS, localDate } from '@pactwatch/shared/deadlines';
import { baseUrl, Browser, openBrowser, screenshot } from './support/browser';
import { openPage } from './support/pages';
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
  });

  it('reads a commitment with its deadline explained, and cannot edit it', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl()}/commitments/AZ-US-2025-01`, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { name: 'Status history' }).waitFor({ timeout: 20_000 });
    const text = await page.locator('main').innerText();
    expect(text).toContain('6 months after MoU signed (8 Aug 2025) → 8 Feb 2026');
    await expect(page.getByRole('heading', { name: 'Record a status update' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: /^Edit/ }).count()).resolves.toBe(0);
    expect(browser.problems).toEqual([]);
  });

  it('finds no way to record agreements or commitments, and is turned away from the forms', async () => {
    const { page } = browser;
    await openPage(page, '/agreements', '.pw-agreement');
    await expect(page.getByRole('link', { name: 'New agreement' }).count()).resolves.toBe(0);
    await page.goto(`${baseUrl()}/commitments/new`);
    await page.waitForURL((url) => url.pathname === '/forbidden');
    expect(browser.problems).toEqual([]);
  });
});

describe('a visitor who opens an emailed password page first', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(() => browser.close());

  it('can ask for a reset link without having visited any other page (the form gets its CSRF cookie)', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl()}/forgot-password`, { waitUntil: 'networkidle' });
    await page.getByLabel('Email').fill('viewer@pactwatch.local');
    const answer = page.waitForResponse((response) => response.url().endsWith('/api/auth/password-reset/request'));
    await page.getByRole('button', { name: 'Send the link' }).click();
    expect((await answer).status()).toBeLessThan(300);
    await expect(page.getByRole('status').innerText()).resolves.toContain('If an account uses that address');
    expect(browser.problems).toEqual([]);
  });
});

describe('the dashboard’s files', () => {
  /** GET with exactly these request headers (fetch would add its own Accept-Encoding and decode the body). */
  const get = (path: string, headers: Record<string, string>) =>
    new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolveGet, reject) => {
      request(`${baseUrl()}${path}`, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolveGet({ headers: response.headers, body: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });

  it('are sent brotli- or gzip-compressed to browsers that accept it, and plain to those that do not', async () => {
    const shell = (await get('/', {})).body.toString();
    const script = /src="(main-[\w-]+\.js)"/.exec(shell)?.[1];
    expect(script).toBeDefined();
    const plain = await get(`/${script}`, {});
    const brotli = await get(`/${script}`, { 'accept-encoding': 'gzip, deflate, br' });
    const gzip = await get(`/${script}`, { 'accept-encoding': 'gzip' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotli.headers['vary']).toMatch(/accept-encoding/i);
    expect(brotli.body.length).toBeLessThan(plain.body.length / 3);
    expect(brotliDecompressSync(brotli.body).equals(plain.body)).toBe(true);
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
  });
});
