import { type HttpRequest, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, type TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { CommitmentSummaryDto, DashboardSummaryDto, Page } from '@pactwatch/shared/contracts';
import { SessionStore } from '@pactwatch/web/data-access';
import { LAST_VISIT_STORAGE } from './last-visit';
import { OverviewPage } from './overview-page';

const ZERO_STATUS = { not_started: 0, in_progress: 0, at_risk: 1, stalled: 0, completed: 2, partially_completed: 0, not_pursued: 0 };

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
  flags: ['due_soon'],
  lastVerifiedOn: '2026-01-20',
  isExample: false,
  version: 1,
  updatedAt: '2026-01-20T00:00:00Z',
};

const SUMMARY: DashboardSummaryDto = {
  today: '2026-02-03',
  timeZone: 'UTC',
  asOf: '2026-02-03',
  total: 11,
  byStatus: ZERO_STATUS,
  byFlag: { overdue: 2, due_today: 1, due_soon: 1, upcoming: 3, no_deadline: 1, anchor_pending: 1, stale: 4 },
  byArea: [],
  byParty: [],
  nextDeadlines: [CHARTER],
  overdue: [],
  recentChanges: [],
};

jest.setTimeout(30_000);

describe('OverviewPage', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  /** localStorage as the previous visit left it. */
  let lasting: Map<string, string>;
  const storage = (items: Map<string, string>) =>
    ({ getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) }) as Storage;

  async function open(url: string) {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: '', component: OverviewPage }], withComponentInputBinding()),
        { provide: LAST_VISIT_STORAGE, useValue: { lasting: storage(lasting), session: storage(new Map()) } },
      ],
    });
    TestBed.inject(SessionStore).setState({ user: null, publicPortal: true, workspaceName: 'Pactwatch', timeZone: 'UTC' });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create(url);
  }

  const page = (items: CommitmentSummaryDto[], total = items.length): Page<CommitmentSummaryDto> => ({
    items,
    total,
    page: 1,
    pageSize: 10,
  });
  const text = () => (harness.routeNativeElement?.textContent ?? '').replace(/\s+/g, ' ');
  const isList = (pageSize: string) => (r: HttpRequest<unknown>) => r.url === '/api/commitments' && r.params.get('pageSize') === pageSize;
  const isTimeline = isList('100');

  /** The next matching request. Polls: the page is not stable while that very request is pending. */
  async function next(match: (r: HttpRequest<unknown>) => boolean): Promise<TestRequest> {
    for (let i = 0; i < 100; i++) {
      const [found] = http.match(match);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 10));
    }
    return http.expectOne(match);
  }

  /** The list by due date comes with the summary; the timeline once the summary has answered. */
  async function answerLists(items: CommitmentSummaryDto[]) {
    (await next(isList('10'))).flush(page(items));
    (await next(isTimeline)).flush(page(items));
    await harness.fixture.whenStable();
  }

  beforeEach(() => {
    lasting = new Map();
  });

  it('draws the six counters before the summary answers, keeping the room of their numbers', async () => {
    await open('/');
    const tiles = harness.routeNativeElement?.querySelectorAll('.pw-counter') ?? [];
    expect(tiles.length).toBe(6);
    expect(harness.routeNativeElement?.querySelectorAll('.pw-counter__value--loading').length).toBe(6);
    expect(harness.routeNativeElement?.querySelectorAll('pw-loading-state.pw-loading--skeleton').length).toBeGreaterThanOrEqual(3);

    http.expectOne('/api/dashboard/summary').flush(SUMMARY);
    await answerLists([CHARTER]);
    expect(harness.routeNativeElement?.querySelectorAll('.pw-counter__value--loading').length).toBe(0);
  });

  it('marks the changes made since the previous visit as new, and counts them', async () => {
    lasting.set('pactwatch.overview.seen.anonymous', '2026-02-01T12:00:00Z');
    const change = (at: string, refCode: string) => ({
      at,
      commitmentId: refCode,
      refCode,
      title: `Commitment ${refCode}`,
      statusBefore: 'not_started' as const,
      statusAfter: 'in_progress' as const,
      author: 'Analyst',
      note: '',
    });
    await open('/');
    http.expectOne('/api/dashboard/summary').flush({
      ...SUMMARY,
      recentChanges: [change('2026-02-03T08:00:00Z', 'C-3'), change('2026-02-02T08:00:00Z', 'C-2'), change('2026-01-30T08:00:00Z', 'C-1')],
    });
    await answerLists([CHARTER]);

    const items = [...(harness.routeNativeElement?.querySelectorAll('.pw-changes__item') ?? [])];
    expect(items.map((item) => [item.querySelector('.pw-ref')?.textContent?.trim(), item.querySelector('.pw-new') !== null])).toEqual([
      ['C-3', true],
      ['C-2', true],
      ['C-1', false],
    ]);
    expect(text()).toContain('2 new since your last visit');
    // The next visit counts from the newest change shown on this one.
    expect(lasting.get('pactwatch.overview.seen.anonymous')).toBe('2026-02-03T08:00:00Z');
  });

  it('shows the Charter with its flag and links every counter to the filtered list, keeping the as-of date', async () => {
    await open('/?asOf=2026-02-03');
    http.expectOne('/api/dashboard/summary?asOf=2026-02-03').flush(SUMMARY);
    await answerLists([CHARTER]);

    expect(text()).toContain('As it stood at the end of 3 Feb 2026');
    const charter = harness.routeNativeElement?.querySelector('pw-commitment-mini-list li');
    expect(charter?.textContent).toContain('AZ-US-2025-01');
    expect(charter?.querySelector('pw-flag-badge')?.textContent).toContain('Due within 7 days');

    const links = [...(harness.routeNativeElement?.querySelectorAll<HTMLAnchorElement>('.pw-counter') ?? [])].map((a) => [
      a.querySelector('.pw-counter__label')?.textContent?.trim(),
      a.querySelector('.pw-counter__value')?.textContent?.trim(),
      decodeURIComponent(a.getAttribute('href') ?? ''),
    ]);
    expect(links).toEqual([
      ['Commitments', '11', '/commitments?asOf=2026-02-03'],
      ['Overdue', '2', '/commitments?flag=overdue&asOf=2026-02-03'],
      ['Due within 7 days', '2', '/commitments?flag=due_today,due_soon&asOf=2026-02-03'],
      ['Due within 30 days', '5', '/commitments?flag=due_today,due_soon,upcoming&asOf=2026-02-03'],
      ['At risk', '1', '/commitments?status=at_risk&asOf=2026-02-03'],
      ['Completed', '2', '/commitments?status=completed&asOf=2026-02-03'],
    ]);
  });

  it('writes large counts with thousands separators', async () => {
    await open('/');
    http.expectOne('/api/dashboard/summary').flush({ ...SUMMARY, total: 100_000 });
    await answerLists([CHARTER]);
    expect(harness.routeNativeElement?.querySelector('.pw-counter__value')?.textContent?.trim()).toBe('100,000');
  });

  it('renders the counters and lists before it asks for the timeline, the heaviest answer', async () => {
    await open('/');
    const summary = http.expectOne('/api/dashboard/summary');
    (await next(isList('10'))).flush(page([CHARTER]));
    expect(http.match(isTimeline)).toEqual([]);

    summary.flush(SUMMARY);
    const timeline = await next(isTimeline);
    expect(text()).toContain('Due within 30 days');
    expect(text()).toContain('Loading the timeline…');
    expect(timeline.request.params.get('dueFrom')).toBe('2026-02-03');
    expect(timeline.request.params.get('dueTo')).toBe('2026-05-04');

    timeline.flush(page([CHARTER], 140));
    await harness.fixture.whenStable();
    expect(text()).toContain('The timeline shows the first 1 of 140 deadlines.');
    const all = harness.routeNativeElement?.querySelector<HTMLAnchorElement>('.pw-timeline-more a');
    expect(decodeURIComponent(all?.getAttribute('href') ?? '')).toBe('/commitments?dueFrom=2026-02-03&dueTo=2026-05-04');
  });

  it('says what failed and still shows the rest when the summary endpoint fails', async () => {
    await open('/');
    http
      .expectOne('/api/dashboard/summary')
      .flush({ title: 'Internal Server Error', status: 500, detail: 'boom' }, { status: 500, statusText: 'Server Error' });
    await answerLists([CHARTER]);

    expect(text()).toContain('The counts could not be loaded');
    expect(harness.routeNativeElement?.querySelector('pw-error-state')?.getAttribute('role')).toBe('alert');
    expect(harness.routeNativeElement?.querySelector('table')?.textContent).toContain('AZ-US-2025-01');
  });
});
