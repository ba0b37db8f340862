import type { AgreementDto } from '@pactwatch/shared/contracts';
import { baseUrl, Browser, openBrowser, screenshot } from './support/browser';
import { accessibilityViolations } from './support/pages';
import { signIn } from './support/session';

const TEXT = [
  'Joint statement on border crossings',
  'Article 1',
  'The Parties shall open a joint customs post within 90 days of signing.',
  'Article 2',
  'The Parties will publish a transit tariff schedule by 1 December 2025.',
  'Article 3',
  'The ministries of transport shall meet every year to review the corridor.',
].join('\n\n');
const CHANGED = TEXT.replace('a transit tariff schedule by 1 December 2025', 'a revised transit tariff schedule by 1 March 2026');

describe('source documents in the browser', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await openBrowser();
    await signIn(browser.page, 'analyst');
  });
  afterAll(() => browser.close());

  it('adds a document, reviews its drafts (accept two, reject one), shows verified quotes, and flags the quote a new version changed', async () => {
    const { page } = browser;
    const agreements = (await page.evaluate(() => fetch('/api/agreements').then((r) => r.json()))) as AgreementDto[];
    const mou = agreements.find((agreement) => agreement.anchorEvents.some((event) => event.name === 'MoU signed'));
    if (!mou) throw new Error('no demo agreement with "MoU signed"');

    await page.goto(`${baseUrl()}/agreements/${mou.id}`, { waitUntil: 'networkidle' });
    const section = page.locator('pw-source-documents-section');
    await section.getByLabel('Title').fill('Border crossings statement');
    await section.getByLabel('Pasted text').fill(TEXT);
    await section.getByRole('button', { name: 'Add pasted text' }).click();
    await section.getByRole('link', { name: 'Version 1' }).first().click();
    await page.getByRole('heading', { name: /Border crossings statement — version 1 of 1/ }).waitFor({ timeout: 20_000 });

    await page.getByRole('button', { name: 'Draft commitments from this version' }).click();
    const drafts = page.locator('aside[aria-label="Drafted commitments"] section');
    const customs = drafts.filter({ hasText: 'joint customs post' });
    const tariff = drafts.filter({ hasText: 'tariff schedule' });
    const meetings = drafts.filter({ hasText: 'meet every year' });
    await customs.waitFor({ timeout: 20_000 });
    await expect(page.locator('mark.pw-mark--proposed').count()).resolves.toBeGreaterThanOrEqual(3);
    await screenshot(page, 'sources-review');
    expect(await accessibilityViolations(page)).toEqual([]);

    // Edit a draft: its title and its deadline's anchor event.
    await customs.getByRole('button', { name: 'Edit' }).click();
    const editor = customs.locator('pw-candidate-editor');
    await editor.getByLabel('Title').fill('Open the joint customs post');
    await expect(editor.locator('mat-select[name="anchor"]').innerText()).resolves.toContain('MoU signed');
    await editor.getByRole('button', { name: 'Save draft' }).click();
    await customs.getByRole('heading', { name: 'Open the joint customs post' }).waitFor({ timeout: 20_000 });

    // Keyboard: focus the draft's Accept button and press Enter.
    await customs.getByRole('button', { name: 'Accept' }).focus();
    await page.keyboard.press('Enter');
    await customs.locator('.pw-status', { hasText: /accepted/i }).waitFor({ timeout: 20_000 });
    await tariff.getByRole('button', { name: 'Accept' }).click();
    await tariff.locator('.pw-status', { hasText: /accepted/i }).waitFor({ timeout: 20_000 });
    await meetings.getByRole('button', { name: 'Reject' }).click();
    await meetings.locator('.pw-status', { hasText: /rejected/i }).waitFor({ timeout: 20_000 });
    await expect(page.locator('mark.pw-mark--accepted').count()).resolves.toBe(2);
    await screenshot(page, 'sources-review-decided');

    await tariff.locator('.pw-status a').click();
    const provenance = page.locator('pw-quote-provenance');
    await provenance.getByText('Quote verified in').waitFor({ timeout: 20_000 });
    await expect(provenance.innerText()).resolves.toContain('version 1 of Border crossings statement');
    const commitmentUrl = page.url();
    await screenshot(page, 'sources-commitment-verified');

    await page.goto(`${baseUrl()}/agreements/${mou.id}`, { waitUntil: 'networkidle' });
    const doc = section.locator('article', { hasText: 'Border crossings statement' });
    await doc
      .locator('input[type="file"]')
      .setInputFiles({ name: 'statement-v2.txt', mimeType: 'text/plain', buffer: Buffer.from(CHANGED) });
    await doc.getByText('1 quote(s) changed in a newer version and wait for review').waitFor({ timeout: 20_000 });
    await screenshot(page, 'sources-agreement-section');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.goto(commitmentUrl, { waitUntil: 'networkidle' });
    await provenance.getByText('the quote changed in version 2').waitFor({ timeout: 20_000 });
    await screenshot(page, 'sources-commitment-changed');
    await provenance.getByRole('link', { name: /version 1 of Border crossings statement/ }).click();
    await page.locator('mark.pw-mark--quote').waitFor({ timeout: 20_000 });
    await expect(page.locator('mark.pw-mark--quote').innerText()).resolves.toBe(
      'The Parties will publish a transit tariff schedule by 1 December 2025.',
    );

    // The analyst moves the changed quote to the new version.
    await page.goto(commitmentUrl, { waitUntil: 'networkidle' });
    await provenance.getByRole('button', { name: 'Move the quote to version 2' }).click();
    await provenance.getByRole('link', { name: 'version 2 of Border crossings statement' }).waitFor({ timeout: 20_000 });
    await expect(provenance.innerText()).resolves.not.toContain('changed in version 2');
    await page
      .getByText('The Parties will publish a revised transit tariff schedule by 1 March 2026.')
      .first()
      .waitFor({ timeout: 20_000 });
    expect(browser.problems).toEqual([]);
  }, 120_000);
});
