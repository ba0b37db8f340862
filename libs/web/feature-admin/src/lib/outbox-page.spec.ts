import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, type TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import type { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatButtonToggleGroupHarness } from '@angular/material/button-toggle/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatTabGroupHarness } from '@angular/material/tabs/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { DeliveryDto, MailStatusDto, Page } from '@pactwatch/shared/contracts';
import { SessionStore } from '@pactwatch/web/data-access';
import { OutboxPage } from './outbox-page';

const FAILED: DeliveryDto = {
  id: 'd1',
  recipient: 'analyst@pactwatch.local',
  subject: 'Due in 7 days: AZ-US-2025-01',
  reason: 'due_soon',
  state: 'failed',
  attempts: 2,
  nextAttemptAt: '2026-02-01T08:15:00.000Z',
  lastError: 'Connection refused',
  messageId: null,
  sentAt: null,
  createdAt: '2026-02-01T08:00:00.000Z',
  itemCount: 1,
  supersededBy: null,
  retryable: true,
};
const SENT: DeliveryDto = {
  ...FAILED,
  id: 'd2',
  subject: 'Overdue: EX-02',
  state: 'sent',
  attempts: 1,
  nextAttemptAt: null,
  lastError: null,
  sentAt: '2026-02-01T08:01:00.000Z',
  itemCount: 3,
  retryable: false,
};
const MAIL_OK: MailStatusDto = {
  configured: true,
  status: 'ok',
  failingSince: null,
  failingForHours: null,
  lastError: null,
  lastSuccessAt: '2026-02-01T08:01:00.000Z',
  unsent: 0,
};

jest.setTimeout(30_000);

describe('OutboxPage', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let loader: HarnessLoader;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'admin/outbox', component: OutboxPage }]),
        // Tab bodies render their content once their animation ends; jsdom never ends one.
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    TestBed.inject(SessionStore).setState({
      user: { id: 'u1', email: 'admin@pactwatch.local', displayName: 'Admin', role: 'admin', timeZone: 'UTC' },
      publicPortal: false,
      workspaceName: 'Pactwatch',
      timeZone: 'UTC',
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/admin/outbox', OutboxPage);
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
  });

  /** Answers the page's question whether mail is going out (asked once on opening). */
  const mailStatus = (status: MailStatusDto = MAIL_OK) => http.expectOne('/api/outbox/status').flush(status);

  afterEach(() => http.verify());

  const page = (items: DeliveryDto[], total = items.length): Page<DeliveryDto> => ({ items, total, page: 1, pageSize: 50 });
  const text = (element: Element | null) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  /** Each delivery as [planned, to, subject, state in words (without its icon), state details, attempts]. */
  const rows = () =>
    [...(harness.routeNativeElement?.querySelectorAll('tbody tr') ?? [])].map((tr) => {
      const cells = tr.querySelectorAll('td');
      const state = cells[3].querySelector('.pw-state');
      return [
        text(cells[0]),
        text(cells[1]),
        text(cells[2]),
        text(state).replace(text(state?.querySelector('mat-icon') ?? null), ''),
        [...cells[3].querySelectorAll('.pw-muted')].map(text).join(' | '),
        text(cells[4]),
      ];
    });

  /** The next request the page makes. Polls: the page is not stable while that very request is pending. */
  async function next(url: string): Promise<TestRequest> {
    for (let i = 0; i < 100; i++) {
      const [found] = http.match((r) => r.urlWithParams === url);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 10));
    }
    return http.expectOne((r) => r.urlWithParams === url);
  }

  it('lists the deliveries with their state in words, attempts and next try', async () => {
    mailStatus();
    http.expectOne('/api/outbox').flush(page([FAILED, SENT], 60));
    await harness.fixture.whenStable();

    expect(rows()).toEqual([
      [
        '1 Feb 2026, 08:00',
        'analyst@pactwatch.local',
        'Due in 7 days: AZ-US-2025-01 due_soon · 1 item',
        'Failed, retrying',
        'next try 1 Feb 2026, 08:15 | Connection refused',
        '2',
      ],
      ['1 Feb 2026, 08:00', 'analyst@pactwatch.local', 'Overdue: EX-02 due_soon · 3 items', 'Sent', 'sent 1 Feb 2026, 08:01', '1'],
    ]);
    expect(harness.routeNativeElement?.textContent).toContain('Page 1 of 2 · 60 deliveries');
  });

  it('filters by delivery state through the URL', async () => {
    mailStatus();
    http.expectOne('/api/outbox').flush(page([FAILED, SENT]));
    await harness.fixture.whenStable();

    const toggles = await loader.getHarness(MatButtonToggleGroupHarness);
    const failed = (await toggles.getToggles({ text: 'Failed, retrying' }))[0];
    const checking = failed.check();
    (await next('/api/outbox?state=failed')).flush(page([FAILED]));
    await checking;

    expect(TestBed.inject(Router).url).toBe('/admin/outbox?state=failed');
    expect(rows()).toHaveLength(1);
  });

  it('previews a delivery as the recipient would read it', async () => {
    mailStatus();
    http.expectOne('/api/outbox').flush(page([FAILED]));
    await harness.fixture.whenStable();

    const opening = (await loader.getHarness(MatButtonHarness.with({ text: 'Preview' }))).click();
    (await next('/api/outbox/d1/preview')).flush({ ...FAILED, html: '<p>Due soon</p>', text: 'AZ-US-2025-01 is due in 7 days.' });
    await opening;

    const documentLoader = TestbedHarnessEnvironment.documentRootLoader(harness.fixture);
    const dialog = await documentLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Due in 7 days: AZ-US-2025-01');
    // The HTML runs in a frame that may run nothing (an empty sandbox).
    expect(document.querySelector('iframe')?.getAttribute('sandbox')).toBe('');
    const tabs = await documentLoader.getHarness(MatTabGroupHarness);
    await tabs.selectTab({ label: 'Plain text' });
    expect(await (await tabs.getSelectedTab()).getTextContent()).toBe('AZ-US-2025-01 is due in 7 days.');
    await dialog.close();
  });

  it('says when the outbox could not be loaded, and offers to try again', async () => {
    mailStatus();
    http
      .expectOne('/api/outbox')
      .flush({ title: 'Forbidden', status: 403, detail: 'Admins only' }, { status: 403, statusText: 'Forbidden' });
    await harness.fixture.whenStable();

    const alert = harness.routeNativeElement?.querySelector('pw-error-state');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toContain('The outbox could not be loaded');
    expect(alert?.textContent).toContain('Admins only');
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /Try again/ }))).toHaveLength(1);
  });

  it('says how long mail has been failing, since when, and the last error', async () => {
    mailStatus({
      ...MAIL_OK,
      status: 'failing',
      failingSince: '2026-02-01T05:00:00.000Z',
      failingForHours: 3,
      lastError: '554 No SMTP service here',
      unsent: 4,
    });
    http.expectOne('/api/outbox').flush(page([FAILED]));
    await harness.fixture.whenStable();

    const alert = harness.routeNativeElement?.querySelector('.pw-mail-alert');
    expect(alert?.getAttribute('role')).toBe('status');
    expect(text(alert)).toContain(
      'Mail has been failing for 3 hours (since 1 Feb 2026, 05:00); 4 mails wait and are retried with backoff.',
    );
    expect(text(alert)).toContain('Last error: 554 No SMTP service here');
  });

  it('shows no alert while mail goes out', async () => {
    mailStatus();
    http.expectOne('/api/outbox').flush(page([SENT]));
    await harness.fixture.whenStable();
    expect(harness.routeNativeElement?.querySelector('.pw-mail-alert')).toBeNull();
  });

  it('sends a failed or dead mail again, then lists the outbox afresh', async () => {
    const dead: DeliveryDto = { ...FAILED, id: 'd3', state: 'dead', nextAttemptAt: null, lastError: 'Attempt 12: 421 down' };
    mailStatus();
    http.expectOne('/api/outbox').flush(page([dead, SENT]));
    await harness.fixture.whenStable();

    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Send again' }))).toHaveLength(1);
    const clicking = (await loader.getHarness(MatButtonHarness.with({ text: 'Send again' }))).click();
    const retry = await next('/api/outbox/d3/retry');
    expect(retry.request.method).toBe('POST');
    retry.flush({ ...dead, state: 'pending', attempts: 0, retryable: false });
    await clicking;
    (await next('/api/outbox')).flush(page([{ ...dead, state: 'pending', attempts: 0, retryable: false }, SENT]));
    (await next('/api/outbox/status')).flush(MAIL_OK);
    await harness.fixture.whenStable();
    expect(rows()[0][3]).toBe('Pending');
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Send again' }))).toHaveLength(0);
  });

  it('names a mail replaced by a catch-up, and offers the superseded filter', async () => {
    mailStatus();
    http
      .expectOne('/api/outbox')
      .flush(page([{ ...FAILED, state: 'superseded', supersededBy: 'd9', retryable: false, nextAttemptAt: null }]));
    await harness.fixture.whenStable();
    expect(rows()[0][3]).toBe('Replaced by a catch-up');
    const toggles = await loader.getHarness(MatButtonToggleGroupHarness);
    expect(await toggles.getToggles({ text: 'Replaced by a catch-up' })).toHaveLength(1);
  });
});
