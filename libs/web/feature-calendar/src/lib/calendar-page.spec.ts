import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, type TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import type { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { CommitmentSummaryDto, Page, SessionStateDto } from '@pactwatch/shared/contracts';
import { SessionStore } from '@pactwatch/web/data-access';
import { provideFormDefaults } from '@pactwatch/web/ui';
import { CalendarPage } from './calendar-page';

const CHARTER: CommitmentSummaryDto = {
  id: 'c1',
  refCode: 'AZ-US-2025-01',
  title: 'Draft the Strategic Partnership Charter',
  agreement: { id: 'a1', title: 'MoU', kind: 'mou', signedOn: '2025-08-08' },
  parentId: null,
  responsibleBody: 'Joint working group',
  parties: [],
  areas: [],
  deadline: { kind: 'relative', anchorEventId: 'ae1', duration: 'P6M' },
  dueDate: '2026-02-08',
  anchorPending: false,
  deadlineText: '6 months after MoU signed (8 Aug 2025) → 8 Feb 2026',
  status: 'in_progress',
  progress: 30,
  rolledUpProgress: 30,
  flags: ['overdue'],
  lastVerifiedOn: '2026-01-20',
  isExample: false,
  version: 1,
  updatedAt: '2026-01-20T00:00:00Z',
};

const PORTAL: SessionStateDto = { user: null, publicPortal: true, workspaceName: 'Pactwatch', timeZone: 'UTC' };
const VIEWER: SessionStateDto = {
  ...PORTAL,
  user: { id: 'u1', email: 'viewer@pactwatch.local', displayName: 'Vera Viewer', role: 'viewer', timeZone: 'UTC' },
};
const FEBRUARY = '/api/commitments?dueFrom=2026-01-26&dueTo=2026-03-01&sort=due_date&pageSize=200';

jest.setTimeout(30_000);

describe('CalendarPage', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let loader: HarnessLoader;
  let router: Router;

  async function open(url: string, session: SessionStateDto): Promise<void> {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideFormDefaults(),
        provideRouter([{ path: 'calendar', component: CalendarPage }]),
      ],
    });
    TestBed.inject(SessionStore).setState(session);
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, CalendarPage);
    http.expectOne('/api/areas').flush([{ id: 'ar1', slug: 'energy', name: 'Energy', version: 1 }]);
    http.expectOne('/api/parties').flush([]);
    http.expectOne('/api/agreements/summaries').flush([]);
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
  }

  /** The next request the page makes. Polls: the page is not stable while that very request is pending. */
  async function next(match: (r: { urlWithParams: string; method: string }) => boolean): Promise<TestRequest> {
    for (let i = 0; i < 100; i++) {
      const [found] = http.match(match);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 10));
    }
    return http.expectOne(match);
  }

  const page = (items: CommitmentSummaryDto[], total = items.length): Page<CommitmentSummaryDto> => ({
    items,
    total,
    page: 1,
    pageSize: 200,
  });
  const root = () => harness.routeNativeElement as HTMLElement;
  const cell = (label: string) => [...root().querySelectorAll('td')].find((td) => td.getAttribute('aria-label')?.startsWith(label));

  afterEach(() => http.verify());

  it('shows the month in the URL, Monday to Sunday, with each deadline on its day and its flag in words', async () => {
    await open('/calendar?month=2026-02', PORTAL);
    http.expectOne(FEBRUARY).flush(page([CHARTER]));
    await harness.fixture.whenStable();

    expect(root().querySelector('h2')?.textContent).toContain('February 2026');
    expect([...root().querySelectorAll('thead abbr')].map((a) => a.getAttribute('title'))).toEqual([
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
      'Saturday',
      'Sunday',
    ]);
    expect(root().querySelectorAll('tbody tr')).toHaveLength(5);
    const charterDay = cell('8 Feb 2026');
    expect(charterDay?.getAttribute('aria-label')).toBe('8 Feb 2026: 1 deadline');
    expect(charterDay?.querySelector('a')?.getAttribute('href')).toBe('/commitments/AZ-US-2025-01');
    expect(charterDay?.textContent).toContain(': Draft the Strategic Partnership Charter. Overdue');
    expect(cell('9 Feb 2026')?.getAttribute('aria-label')).toBe('9 Feb 2026: no deadlines');
  });

  it('moves to the next month through the URL, keeping the filters', async () => {
    await open('/calendar?month=2026-02&area=energy', PORTAL);
    http.expectOne('/api/commitments?area=energy&dueFrom=2026-01-26&dueTo=2026-03-01&sort=due_date&pageSize=200').flush(page([]));
    await harness.fixture.whenStable();

    const moving = (await loader.getHarness(MatButtonHarness.with({ selector: '[aria-label="Next month"]' }))).click();
    (await next((r) => r.urlWithParams.startsWith('/api/commitments?area=energy&dueFrom=2026-02-23'))).flush(page([]));
    await moving;

    expect(router.url).toBe('/calendar?area=energy&month=2026-03');
    expect(root().querySelector('h2')?.textContent).toContain('March 2026');
  });

  it('offers the iCal link for the current filters, with a feed token (never an API token) for a signed-in user', async () => {
    await open('/calendar?month=2026-02&area=energy', VIEWER);
    http.expectOne((r) => r.url === '/api/commitments').flush(page([CHARTER]));
    await harness.fixture.whenStable();
    expect(root().querySelector('[data-testid="ical-url"]')).toBeNull();

    const creating = (await loader.getHarness(MatButtonHarness.with({ text: /Create my private feed link/ }))).click();
    const post = await next((r) => r.method === 'POST');
    expect(post.request.urlWithParams).toBe('/api/me/feed-tokens');
    expect(post.request.body).toMatchObject({ feed: 'deadlines', filter: { area: 'energy' } });
    const url = 'http://127.0.0.1:3000/api/feeds/deadlines.ics?area=energy&token=pwf_abc123';
    post.flush({
      id: 't1',
      name: 'Calendar',
      prefix: 'pwf_ab',
      feed: 'deadlines',
      filter: { area: 'energy' },
      createdAt: '',
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
      token: 'pwf_abc123',
      url,
    });
    await creating;
    await new Promise((r) => setTimeout(r));
    await harness.fixture.whenStable();

    const shown = new URL(root().querySelector('[data-testid="ical-url"]')?.textContent?.trim() ?? '');
    expect(shown.pathname).toBe('/api/feeds/deadlines.ics');
    expect(Object.fromEntries(shown.searchParams)).toEqual({ area: 'energy', token: 'pwf_abc123' });
    expect(root().textContent).toContain('the token in it is shown only once');

    // The link reads the filters it was made for: with other filters, it is no longer offered.
    await router.navigateByUrl('/calendar?month=2026-02&area=trade');
    (await next((r) => r.urlWithParams.startsWith('/api/commitments?area=trade'))).flush(page([]));
    await harness.fixture.whenStable();
    expect(root().querySelector('[data-testid="ical-url"]')).toBeNull();
    expect(await loader.getHarness(MatButtonHarness.with({ text: /Create my private feed link/ }))).toBeTruthy();
  });

  it('says when the deadlines could not be loaded', async () => {
    await open('/calendar?month=2026-02', PORTAL);
    http
      .expectOne(FEBRUARY)
      .flush({ title: 'Bad Gateway', status: 502, detail: 'upstream down' }, { status: 502, statusText: 'Bad Gateway' });
    await harness.fixture.whenStable();

    const alert = root().querySelector('pw-error-state');
    expect(alert?.textContent).toContain('The calendar could not be loaded');
    expect(alert?.textContent).toContain('upstream down');
    expect(root().querySelector('table.pw-month')).toBeNull();
  });
});
