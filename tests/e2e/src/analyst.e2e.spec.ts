import { FLAG_LABELS } from '@pactwatch/shared/deadlines';
import { Page } from 'playwright-core';
import { baseUrl, Browser, openBrowser, screenshot } from './support/browser';
import { addDays, commitmentLoaded, openPage, settled, workspaceToday } from './support/pages';
import { signIn } from './support/session';

/** The "Record a status update" form of a commitment's page. */
function statusForm(page: Page) {
  return page.locator('form', { has: page.getByRole('heading', { name: 'Record a status update' }) });
}

/** Console errors other than the 409s a test provokes on purpose. */
function unexpected(problems: string[]): string[] {
  return problems.filter((problem) => !/status of 409/.test(problem));
}

async function chooseOption(page: Page, field: string, option: string | RegExp): Promise<void> {
  await page.locator(`[data-field="${field}"]`).click();
  await page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
}

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
    const form = statusForm(page);
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

  it('sees the old status in the as-of view after posting a status update', async () => {
    const { page } = browser;
    const ref = 'AM-AZ-US-2025-02'; // in progress since the visit in the demo data
    await openPage(page, `/commitments/${ref}`, commitmentLoaded(ref));
    await chooseOption(page, 'status', 'Stalled');
    await statusForm(page).locator('[data-field="note"]').fill('Talks paused (end-to-end test).');
    await statusForm(page).locator('button[type="submit"]').click();
    await page.getByText('Status update recorded: Stalled').waitFor();

    const yesterday = addDays(await workspaceToday(page), -1);
    await openPage(page, '/', '.pw-counter');
    await page.getByLabel('As of').fill(yesterday);
    await page.waitForURL((url) => url.searchParams.get('asOf') === yesterday);
    await page.getByLabel('As of').blur();
    await page.locator('.pw-asof-banner').waitFor();
    await page.locator('pw-deadline-timeline').waitFor();
    await settled(page);
    await screenshot(page, 'overview-as-of');

    // The counters keep the date: the list shows the statuses of that day.
    await page.locator('.pw-counter', { hasText: 'Commitments' }).first().click();
    await page.waitForURL((url) => url.pathname === '/commitments' && url.searchParams.get('asOf') === yesterday);
    const then = page.locator(`tr[data-ref="${ref}"]`);
    await then.waitFor();
    await expect(then.innerText()).resolves.toContain('In progress');

    await openPage(page, '/commitments', `tr[data-ref="${ref}"]`);
    await expect(page.locator(`tr[data-ref="${ref}"]`).innerText()).resolves.toContain('Stalled');
    expect(unexpected(browser.problems)).toEqual([]);
  });

  it('records an agreement, its anchor event and a commitment due six months after it', async () => {
    const { page } = browser;
    await openPage(page, '/agreements', '.pw-agreement');
    await page.getByRole('link', { name: 'New agreement' }).click();
    await page.locator('form[aria-label="New agreement"]').waitFor();
    await page.locator('[data-field="title"]').fill('Joint statement on energy transit (end-to-end test)');
    await chooseOption(page, 'kind', 'Statement');
    await page.locator('[data-field="signedOn"]').fill('2026-03-02');
    await page.locator('[data-field="partyCodes"]').click();
    await page.getByRole('option', { name: /\(AZ\)/ }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Record agreement' }).click();

    await page.getByText('Agreement recorded: Joint statement on energy transit (end-to-end test).').waitFor();
    await page.getByRole('button', { name: 'Add an anchor event' }).click();
    const anchorForm = page.locator('form[aria-label="New anchor event"]');
    await anchorForm.locator('[data-field="name"]').fill('Statement issued');
    await anchorForm.locator('[data-field="occurredOn"]').fill('2026-03-02');
    await anchorForm.getByRole('button', { name: 'Add the event' }).click();
    await page.getByText('Anchor event added: Statement issued.').waitFor();

    // A correction of the date is kept in the anchor's history, with its reason.
    await page.getByRole('button', { name: 'Change the date of Statement issued' }).click();
    const editor = page.locator('form[aria-label="Change the date of Statement issued"]');
    await editor.locator('[formcontrolname="date"]').fill('2026-03-03');
    await editor.locator('[formcontrolname="date"]').dispatchEvent('change');
    await editor.locator('[formcontrolname="reason"]').fill('The statement was published a day later');
    await editor.getByRole('button', { name: 'Preview which deadlines move' }).click();
    await editor.getByTestId('anchor-impact').waitFor();
    await editor.getByRole('button', { name: 'Save the new date' }).click();
    await page.getByText('Statement issued: the date is now 3 Mar 2026.').waitFor();
    const history = page.locator('pw-anchor-history ol');
    await history.getByText('The statement was published a day later').waitFor();
    await expect(history.locator('li').first().innerText()).resolves.toMatch(/2 Mar 2026[\s\S]*3 Mar 2026/);
    await settled(page);
    await screenshot(page, 'agreement-anchor-history');

    await page.getByRole('link', { name: 'New commitment' }).click();
    const form = page.locator('form[aria-label="New commitment"]');
    await form.waitFor();
    await expect(page.locator('[data-field="agreementId"]').innerText()).resolves.toContain('Joint statement on energy transit');
    await form.locator('[data-field="refCode"]').fill('E2E-AZ-01');
    await form.locator('[data-field="title"]').fill('Publish a transit tariff schedule');
    await chooseOption(page, 'deadline.kind', 'A period after an anchor event');
    await chooseOption(page, 'deadline.anchorEventId', /^Statement issued/);
    await form.locator('[data-field="deadline.duration"]').fill('P6M');
    await expect(form.getByTestId('deadline-preview').innerText()).resolves.toBe(
      '6 months after Statement issued (3 Mar 2026) → 3 Sep 2026',
    );
    await screenshot(page, 'new-commitment');
    await form.getByRole('button', { name: 'Record commitment' }).click();

    await page.waitForURL(`${baseUrl()}/commitments/E2E-AZ-01`);
    await page.getByText('Commitment E2E-AZ-01 recorded.').waitFor();
    await expect(page.getByTestId('deadline-text').innerText()).resolves.toBe('6 months after Statement issued (3 Mar 2026) → 3 Sep 2026');

    // A second commitment with the same reference code is refused beside the field.
    await openPage(page, '/commitments/new', 'form[aria-label="New commitment"]');
    await chooseOption(page, 'agreementId', 'Joint statement on energy transit (end-to-end test)');
    await page.locator('[data-field="refCode"]').fill('E2E-AZ-01');
    await page.locator('[data-field="title"]').fill('A duplicate');
    await page.getByRole('button', { name: 'Record commitment' }).click();
    const refField = page.locator('mat-form-field', { has: page.locator('[data-field="refCode"]') });
    await refField.getByText('is already used by another commitment').waitFor();
    expect(unexpected(browser.problems)).toEqual([]);
  });

  describe('while a second analyst edits the same commitment', () => {
    let second: Browser;
    const ref = 'AZ-US-2025-01.2';
    const description = 'The draft goes to both foreign ministries first (end-to-end test, first analyst).';
    const title = 'Circulate the first full draft of the Charter (end-to-end test, second analyst)';

    beforeAll(async () => {
      second = await openBrowser();
      await signIn(second.page, 'analyst');
    });
    afterAll(() => second.close());

    async function startEditing(page: Page): Promise<void> {
      await openPage(page, `/commitments/${ref}`, commitmentLoaded(ref));
      await page.getByRole('button', { name: 'Edit' }).click();
      await page.locator('form[aria-labelledby="pw-edit-title"]').waitFor();
    }

    it('the later save gets the conflict, sees what changed, reapplies, and both changes are kept', async () => {
      const first = browser.page;
      const late = second.page;
      await startEditing(first);
      await startEditing(late);

      await first.locator('[data-field="description"]').fill(description);
      await first.getByRole('button', { name: 'Save changes' }).click();
      await first.getByText('Changes saved.').waitFor();

      await late.locator('[data-field="title"]').fill(title);
      await late.getByRole('button', { name: 'Save changes' }).click();
      const conflict = late.getByTestId('edit-conflict');
      await conflict.waitFor();
      const theirs = await conflict.locator('tr[data-field="description"]').innerText();
      expect(theirs).toContain(description);
      expect(theirs).toContain('(changed by them)');
      const mine = await conflict.locator('tr[data-field="title"]').innerText();
      expect(mine).toContain(title);
      expect(mine).toContain('(your change)');
      await screenshot(late, 'edit-conflict');

      await late.getByRole('button', { name: 'Reapply my changes' }).click();
      // The panel's rows carry the same data-field names as the fields: read the fields once the panel is gone.
      await conflict.waitFor({ state: 'detached' });
      await expect(late.locator(':is(input, textarea)[data-field="title"]').inputValue()).resolves.toBe(title);
      await expect(late.locator(':is(input, textarea)[data-field="description"]').inputValue()).resolves.toBe(description);
      await late.getByRole('button', { name: 'Save changes' }).click();
      await late.getByText('Changes saved.').waitFor();

      for (const page of [late, first]) {
        await openPage(page, `/commitments/${ref}`, commitmentLoaded(ref));
        await expect(page.locator('h1').innerText()).resolves.toBe(title);
        await expect(page.locator('.pw-description').innerText()).resolves.toBe(description);
      }
      const saved = (await (await first.request.get(`${baseUrl()}/api/commitments/${ref}`)).json()) as {
        title: string;
        description: string;
      };
      expect(saved).toMatchObject({ title, description });
      // The 409 is the expected answer to the late save; nothing else may have gone wrong.
      expect(unexpected(second.problems)).toEqual([]);
      expect(unexpected(browser.problems)).toEqual([]);
    });
  });
});
