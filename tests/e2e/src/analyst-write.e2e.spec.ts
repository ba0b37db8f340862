import type { AgreementDto, AnchorEventDetailDto, CommitmentDetailDto, WorkspaceSettingsDto } from '@pactwatch/shared/contracts';
import { Page } from 'playwright-core';
import { baseUrl, Browser, openBrowser, screenshot } from './support/browser';
import { accessibilityViolations, addDays, commitmentLoaded, openPage, settled, workspaceToday } from './support/pages';
import { signIn } from './support/session';

/** A call to the API from inside the signed-in page, with the XSRF header the app would send. */
async function api<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  const result = await page.evaluate(
    async ({ method, url, body }) => {
      const xsrf = decodeURIComponent(document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]*)/)?.[1] ?? '');
      const response = await fetch(url, {
        method,
        headers: body === undefined ? { 'x-xsrf-token': xsrf } : { 'content-type': 'application/json', 'x-xsrf-token': xsrf },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, text: await response.text() };
    },
    { method, url, body },
  );
  if (result.status >= 400) throw new Error(`${method} ${url} -> ${result.status} ${result.text}`);
  return (result.text ? JSON.parse(result.text) : null) as T;
}

function statusForm(page: Page) {
  return page.locator('form[aria-labelledby="pw-status-form-title"]');
}

function history(page: Page) {
  return page.locator('pw-status-history');
}

async function chooseOption(page: Page, field: string, option: string): Promise<void> {
  await page.locator(`[data-field="${field}"]`).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Problems other than the 4xx answers a test provokes on purpose (archived commitments are a 404). */
function unexpected(problems: string[]): string[] {
  return problems.filter((problem) => !/status of 40[49]/.test(problem));
}

/**
 * The analyst's write side, as a person would do it, on an agreement of its own (so the reference case the other
 * suites read stays as it is): status updates that say what they do, corrections, verification, periods in words,
 * a corrected signing date, agreement editing, archiving and restoring, the CSV import page, and the public portal.
 */
describe('the analyst write side', () => {
  let browser: Browser;
  let agreement: AgreementDto;
  let signing: AnchorEventDetailDto;
  let today: string;

  beforeAll(async () => {
    browser = await openBrowser();
    await signIn(browser.page, 'analyst');
    const { page } = browser;
    today = await workspaceToday(page);
    agreement = await api<AgreementDto>(page, 'POST', '/api/agreements', {
      title: 'Caspian Transit Accord (end-to-end)',
      kind: 'treaty',
      signedOn: '2025-08-08',
      partyCodes: ['AZ', 'US'],
    });
    signing = await api(page, 'POST', '/api/anchor-events', { agreementId: agreement.id, name: 'Accord signed', occurredOn: '2025-08-08' });
    await api(page, 'POST', '/api/anchor-events', { agreementId: agreement.id, name: 'Accord ratified' });
    for (const [refCode, title] of [
      ['CTA-01', 'Open the transit corridor working group'],
      ['CTA-02', 'Publish the corridor feasibility study'],
    ]) {
      await api(page, 'POST', '/api/commitments', {
        refCode,
        title,
        agreementId: agreement.id,
        partyCodes: ['AZ', 'US'],
        deadline: { kind: 'relative', anchorEventId: signing.id, duration: 'P6M' },
        status: 'in_progress',
        progress: 20,
      });
    }
  });
  afterAll(() => browser.close());

  it('says before saving that a backdated update will not become current, and which entry wins', async () => {
    const { page } = browser;
    await openPage(page, '/commitments/CTA-01', commitmentLoaded('CTA-01'));
    const form = statusForm(page);
    await form.locator('[data-field="progress"]').fill('45');
    await form.locator('[data-field="note"]').fill('Working group met (end-to-end).');
    await form.locator('button[type="submit"]').click();
    await page.getByText('Status update recorded: In progress, 45%.').waitFor();

    await chooseOption(page, 'status', 'At risk');
    await form.locator('[data-field="effectiveOn"]').fill(addDays(today, -5));
    await form.locator('[data-field="note"]').fill('Funding dispute last week (end-to-end).');
    const warning = page.getByTestId('not-current-warning');
    await warning.waitFor();
    await expect(warning.innerText()).resolves.toContain('(In progress, 45%) is later and stays current');
    await screenshot(page, 'status-update-not-current');
    await form.locator('button[type="submit"]').click();
    await page.getByText(/Status update recorded in the history\. The entry effective .* stays current/).waitFor();
    // The header keeps the status that is current.
    await expect(page.locator('.pw-detail-head pw-status-chip').innerText()).resolves.toContain('In progress');
    await expect(history(page).innerText()).resolves.toContain('Funding dispute last week');
  });

  it('refuses an update that changes nothing, and offers "Mark verified (no change)" with a note instead', async () => {
    const { page } = browser;
    const form = statusForm(page);
    await page.getByTestId('unchanged-hint').waitFor();
    await expect(form.locator('button[type="submit"]').isDisabled()).resolves.toBe(true);

    await page.getByTestId('verify-toggle').click();
    await form.locator('[data-field="verifyNote"]').fill('Checked the ministry site: no news (end-to-end).');
    await page.getByTestId('verify-submit').click();
    await page.getByText(/Marked verified today, no change: In progress, 45%/).waitFor();
    const verified = history(page).locator('li[data-kind="verification"]');
    await expect(verified.innerText()).resolves.toContain('Verified, no change');
    await expect(verified.innerText()).resolves.toContain('Checked the ministry site: no news');
    await expect(page.locator('.pw-facts').innerText()).resolves.toMatch(/Last verified\s+\d/);
  });

  it('corrects an entry from the history: the correction says what it corrects, and the corrected entry no longer counts', async () => {
    const { page } = browser;
    const wrong = history(page).locator('li', { hasText: 'Funding dispute last week' });
    await wrong.getByRole('button', { name: /Correct the entry effective/ }).click();
    await page.getByTestId('correcting').waitFor();
    await expect(page.locator('#pw-status-form-title').innerText()).resolves.toMatch(/^Correct the entry effective/);
    await chooseOption(page, 'status', 'Stalled');
    await statusForm(page).locator('[data-field="note"]').fill('It stalled, it was not at risk (end-to-end correction).');
    await statusForm(page).locator('button[type="submit"]').click();
    await page.getByText(/Correction recorded in the history/).waitFor();

    const correction = history(page).locator('li', { hasText: 'end-to-end correction' });
    await expect(correction.getByTestId('corrects').innerText()).resolves.toMatch(/Corrects the entry effective .* \(At risk, 45%\)/);
    await expect(
      history(page).locator('li', { hasText: 'Funding dispute last week' }).getByTestId('corrected-by').innerText(),
    ).resolves.toContain('it no longer counts');
    await screenshot(page, 'status-history-correction');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(unexpected(browser.problems)).toEqual([]);
  });

  it('takes a period in plain words in the deadline form', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const period = page.locator('[data-field="deadline.duration"]');
    await period.fill('90 days');
    await expect(page.getByTestId('deadline-preview').innerText()).resolves.toContain(
      '90 days after Accord signed (8 Aug 2025) → 6 Nov 2025',
    );
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changes saved.').waitFor();
    await expect(page.getByTestId('deadline-text').innerText()).resolves.toBe('90 days after Accord signed (8 Aug 2025) → 6 Nov 2025');
  });

  it('unticks "Pending" when a date is typed for a pending anchor event, and saves it', async () => {
    const { page } = browser;
    await openPage(page, `/agreements/${agreement.id}`, '.pw-anchors');
    await page.getByRole('button', { name: 'Change the date of Accord ratified' }).click();
    const editor = page.locator('form[aria-label="Change the date of Accord ratified"]');
    const pending = editor.getByRole('checkbox', { name: /Pending/ });
    await expect(pending.isChecked()).resolves.toBe(true);
    await editor.locator('[data-field="anchorDate"]').fill('2025-10-01');
    await expect(pending.isChecked()).resolves.toBe(false);
    await editor.getByLabel('Reason for the change').fill('Ratified by both parliaments');
    await editor.getByRole('button', { name: /Preview/ }).click();
    await editor.getByTestId('anchor-impact').waitFor();
    await editor.getByRole('button', { name: 'Save the new date' }).click();
    await page.getByText('Accord ratified: the date is now 1 Oct 2025').waitFor();
  });

  it('moves the signing date on the agreement and the commitment with a corrected signing event, with the deadlines that moved', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Change the date of Accord signed' }).click();
    const editor = page.locator('form[aria-label="Change the date of Accord signed"]');
    await editor.locator('[data-field="anchorDate"]').fill('2025-08-18');
    await editor.getByLabel('Reason for the change').fill('The treaty text gives 18 August');
    await editor.getByRole('button', { name: /Preview/ }).click();
    await expect(editor.getByTestId('signing-move').innerText()).resolves.toContain('8 Aug 2025 → 18 Aug 2025');
    await screenshot(page, 'anchor-correction-preview');
    await editor.getByRole('button', { name: 'Save the new date' }).click();
    await page.getByText('Accord signed: the date is now 18 Aug 2025').waitFor();
    await page.locator('[data-testid="agreement-signed"]:has-text("signed 18 Aug 2025")').waitFor();
    const moves = page.locator('.pw-anchor', { hasText: 'Accord signed' }).getByTestId('anchor-moves');
    await expect(moves.first().innerText()).resolves.toContain('CTA-01 6 Nov 2025 → 16 Nov 2025');

    await openPage(page, '/commitments/CTA-02', commitmentLoaded('CTA-02'));
    await expect(page.locator('.pw-agreement').innerText()).resolves.toContain('signed 18 Aug 2025');
    await expect(page.getByTestId('deadline-text').innerText()).resolves.toContain('(18 Aug 2025) → 18 Feb 2026');
  });

  it('edits the agreement in place', async () => {
    const { page } = browser;
    await openPage(page, `/agreements/${agreement.id}`, '.pw-anchors');
    await page.getByTestId('edit-agreement').click();
    const title = page.locator('pw-agreement-edit-form [data-field="title"]');
    await title.fill('Caspian Transit Accord (end-to-end, edited)');
    await page.locator('pw-agreement-edit-form [data-field="summary"]').fill('Corridor cooperation, edited in the browser.');
    await screenshot(page, 'agreement-edit');
    await page.locator('pw-agreement-edit-form').getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Agreement saved.').waitFor();
    await expect(page.locator('h1').innerText()).resolves.toBe('Caspian Transit Accord (end-to-end, edited)');
    await expect(page.locator('.pw-summary').innerText()).resolves.toBe('Corridor cooperation, edited in the browser.');
    expect(unexpected(browser.problems)).toEqual([]);
  });

  it('archives a commitment; an admin finds it in the archive, restores it, and can delete it for good', async () => {
    const { page } = browser;
    await openPage(page, '/commitments/CTA-02', commitmentLoaded('CTA-02'));
    await page.getByTestId('archive').click();
    await page.getByRole('dialog').getByText('will leave every list').waitFor();
    await page.getByTestId('archive-confirm').click();
    await page.getByText('CTA-02 was archived. An admin can restore it.').waitFor();
    await expect(page.locator('.pw-commitments').innerText()).resolves.not.toContain('CTA-02');
    await openPage(page, '/commitments?q=feasibility', '.pw-result-summary');
    await expect(page.locator('main').innerText()).resolves.not.toContain('CTA-02');

    const admin = await openBrowser();
    try {
      await signIn(admin.page, 'admin');
      await openPage(admin.page, '/admin/archive', 'pw-archive-page');
      const row = admin.page.locator('tr[data-ref="CTA-02"]');
      await row.waitFor();
      await expect(row.innerText()).resolves.toContain('Demo Analyst');
      await screenshot(admin.page, 'admin-archive');
      expect(await accessibilityViolations(admin.page)).toEqual([]);
      await row.getByRole('button', { name: 'Restore CTA-02' }).click();
      await admin.page.getByText(/CTA-02 is back in every list/).waitFor();
      await openPage(admin.page, `/agreements/${agreement.id}`, '.pw-anchors');
      await admin.page.locator('.pw-commitments a:text-is("CTA-02")').waitFor();

      // Archived again, then deleted for good.
      const restored = await api<CommitmentDetailDto>(admin.page, 'GET', '/api/commitments/CTA-02');
      await api(admin.page, 'DELETE', `/api/commitments/${restored.id}?version=${restored.version}`);
      await openPage(admin.page, '/admin/archive', 'tr[data-ref="CTA-02"]');
      await admin.page.getByRole('button', { name: 'Delete CTA-02 for good' }).click();
      await admin.page.getByTestId('purge-confirm').click();
      await admin.page.getByText('CTA-02 was deleted for good.').waitFor();

      // The audit log keeps why the signing date moved and which deadlines moved with it.
      await openPage(admin.page, `/admin/audit?entityType=anchor_event&entityId=${signing.id}`, '.pw-table');
      const change = admin.page.getByTestId('audit-date-change').first();
      await expect(change.innerText()).resolves.toContain('The treaty text gives 18 August');
      await expect(change.innerText()).resolves.toContain('CTA-01');
      await screenshot(admin.page, 'admin-audit-anchor-change');
      expect(unexpected(admin.problems)).toEqual([]);
    } finally {
      await admin.close();
    }
  });

  it('imports a CSV: template, dry run report by row and column, the forms’ words, unknown parties refused, then confirm', async () => {
    const { page } = browser;
    await openPage(page, '/commitments/import', 'pw-import-page');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-template').click()]);
    expect(download.suggestedFilename()).toBe('pactwatch-import-template.csv');

    const title = JSON.stringify('Caspian Transit Accord (end-to-end, edited)');
    const csv = [
      'ref_code,title,agreement,parties,deadline_kind,deadline_duration,anchor_event,anchor_event_date,status,progress,last_verified_on',
      `CTA-10,Open the border crossing,${title},AZ;XX,After an event,3 months,Accord signed,2025-08-18,In progress,10,`,
      `CTA-11,Train customs officers,${title},AZ,By a date,,,,Not started,0,`,
    ].join('\n');
    await page.getByTestId('import-file').setInputFiles({ name: 'corridor.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('check-file').click();
    const report = page.getByTestId('import-report');
    await report.getByText('Nothing was imported').waitFor();
    await expect(report.locator('tr[data-row="2"]').innerText()).resolves.toContain('unknown party code: XX');
    await expect(report.locator('tr[data-row="3"]').first().innerText()).resolves.toMatch(/deadline_date/);
    await screenshot(page, 'import-problems');

    const fixed = csv.replace('By a date,,,,', 'No deadline,,,,');
    await page.getByTestId('import-file').setInputFiles({ name: 'corridor.csv', mimeType: 'text/csv', buffer: Buffer.from(fixed) });
    await page.getByTestId('create-missing').locator('input').check();
    await page.getByTestId('check-file').click();
    await report.getByText(/The file is fine: 2 rows — 2 new/).waitFor();
    await expect(report.innerText()).resolves.toContain('New parties: XX');
    await screenshot(page, 'import-checked');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByTestId('confirm-import').click();
    await report.getByText('Imported: 2 new, 0 updated, 0 unchanged.').waitFor();

    await openPage(page, '/commitments/CTA-10', commitmentLoaded('CTA-10'));
    await expect(page.getByTestId('deadline-text').innerText()).resolves.toBe('3 months after Accord signed (18 Aug 2025) → 18 Nov 2025');
    // Imported rows are verified on the day of the import, not stale on day one.
    await expect(page.locator('.pw-detail-head').innerText()).resolves.not.toContain('Not verified recently');

    // Updates of existing rows by reference code, only when allowed.
    await openPage(page, '/commitments/import', 'pw-import-page');
    const update = `ref_code,title,agreement,status\nCTA-10,Open the border crossing,${title},At risk\n`;
    await page.getByTestId('import-file').setInputFiles({ name: 'update.csv', mimeType: 'text/csv', buffer: Buffer.from(update) });
    await page.getByTestId('update-existing').locator('input').check();
    await page.getByTestId('check-file').click();
    await expect(report.locator('tr[data-row="2"]').innerText()).resolves.toContain('Update: status');
    await page.getByTestId('confirm-import').click();
    await report.getByText('Imported: 0 new, 1 updated, 0 unchanged.').waitFor();
    expect(unexpected(browser.problems)).toEqual([]);
  });

  describe('the public portal', () => {
    let admin: Browser;
    let settings: WorkspaceSettingsDto;

    beforeAll(async () => {
      admin = await openBrowser();
      await signIn(admin.page, 'admin');
      settings = await api<WorkspaceSettingsDto>(admin.page, 'GET', '/api/settings');
      settings = await api(admin.page, 'PATCH', '/api/settings', { publicPortal: true, version: settings.version });
      // Someone watches CTA-01: the portal must not say who.
      await api(browser.page, 'POST', '/api/watches', {
        targetType: 'commitment',
        targetId: (await api<CommitmentDetailDto>(browser.page, 'GET', '/api/commitments/CTA-01')).id,
      });
    });
    afterAll(async () => {
      const current = await api<WorkspaceSettingsDto>(admin.page, 'GET', '/api/settings');
      await api(admin.page, 'PATCH', '/api/settings', { publicPortal: false, version: current.version });
      await admin.close();
    });

    it('shows anonymous visitors no user names and no watchers, and every link of the anonymous UI works', async () => {
      const visitor = await openBrowser();
      try {
        const { page } = visitor;
        await openPage(page, '/commitments/CTA-01', commitmentLoaded('CTA-01'));
        const main = await page.locator('main').innerText();
        expect(main).not.toContain('Watchers');
        expect(main).not.toMatch(/Demo Analyst|Demo Admin|Demo Viewer/);
        await expect(page.locator('.pw-sidenav').innerText()).resolves.not.toContain('Changes feed');
        await screenshot(page, 'portal-commitment');
        expect(await accessibilityViolations(page)).toEqual([]);

        // Every link the anonymous UI shows, on each main page, leads somewhere that works for an anonymous visitor.
        const seen = new Set<string>();
        for (const [path, ready] of [
          ['/', '.pw-counter'],
          ['/commitments', '.pw-result-summary'],
          ['/agreements', 'main h1'],
          [`/agreements/${agreement.id}`, '.pw-anchors'],
          ['/calendar', 'main h1'],
          ['/commitments/CTA-01', commitmentLoaded('CTA-01')],
        ] as const) {
          await openPage(page, path, ready);
          const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
          for (const href of hrefs) if (href.startsWith(baseUrl()) && !href.includes('#')) seen.add(href);
        }
        expect(seen.size).toBeGreaterThan(10);
        const broken: string[] = [];
        for (const href of seen) {
          const response = await page.request.get(href);
          if (response.status() !== 200) broken.push(`${href} -> ${response.status()}`);
          else if (!new URL(href).pathname.startsWith('/api/')) {
            await openPage(page, new URL(href).pathname + new URL(href).search, 'main');
            await settled(page);
            const text = await page.locator('main').innerText();
            if (/Page not found|Not allowed|sign in to see/i.test(text)) broken.push(`${href}: ${text.slice(0, 80)}`);
          }
        }
        expect(broken).toEqual([]);
        expect(unexpected(visitor.problems)).toEqual([]);
      } finally {
        await visitor.close();
      }
    });
  });
});
