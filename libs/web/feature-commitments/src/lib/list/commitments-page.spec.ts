import { TestBed } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, type TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { HarnessLoader } from '@angular/cdk/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSortHeaderHarness } from '@angular/material/sort/testing';
import { MatPaginatorHarness } from '@angular/material/paginator/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Page, CommitmentSummaryDto } from '@pactwatch/shared/contracts';
import { SessionStore } from '@pactwatch/web/data-access';
import { ANALYST_SESSION, summary } from '../../testing/fixtures';
import { CommitmentsPage } from './commitments-page';

function page(total = 60): Page<CommitmentSummaryDto> {
  return { items: [summary()], total, page: 1, pageSize: 25 };
}

jest.setTimeout(30_000);

describe('CommitmentsPage filters in the URL', () => {
  let http: HttpTestingController;
  let router: Router;
  let harness: RouterTestingHarness;
  let loader: HarnessLoader;

  async function open(url: string): Promise<TestRequest> {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([{ path: 'commitments', component: CommitmentsPage }])],
    });
    TestBed.inject(SessionStore).setState(ANALYST_SESSION);
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, CommitmentsPage);
    http.expectOne('/api/areas').flush([
      { id: 'ar1', slug: 'energy', name: 'Energy', version: 1 },
      { id: 'ar2', slug: 'trade', name: 'Trade', version: 1 },
    ]);
    http.expectOne('/api/parties').flush([{ id: 'p1', code: 'AZ', name: 'Azerbaijan', kind: 'country', version: 1 }]);
    http.expectOne('/api/agreements/summaries').flush([]);
    const list = http.expectOne((r) => r.url === '/api/commitments');
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
    return list;
  }

  /**
   * The API request the page makes after a URL change. Polls instead of awaiting stability: the
   * app is not stable while that very request is pending.
   */
  async function nextList(): Promise<TestRequest> {
    for (let i = 0; i < 100; i++) {
      const [request] = http.match((r) => r.url === '/api/commitments');
      if (request) return request;
      await new Promise((r) => setTimeout(r, 10));
    }
    return http.expectOne((r) => r.url === '/api/commitments');
  }

  const select = (filter: string) => loader.getHarness(MatSelectHarness.with({ selector: `[data-filter="${filter}"]` }));
  const query = () => Object.fromEntries(new URL(router.url, 'http://x').searchParams);

  afterEach(() => http.verify());

  it('shows the filters of a shared link and asks the API for exactly them', async () => {
    const list = await open('/commitments?status=at_risk,stalled&area=energy&q=charter&sort=-progress&page=2');

    expect(list.request.params.toString()).toBe('q=charter&status=at_risk,stalled&area=energy&sort=-progress&page=2');
    list.flush(page());
    expect(await (await select('status')).getValueText()).toBe('At risk, Stalled');
    expect(await (await select('area')).getValueText()).toBe('Energy');
    expect(await (await loader.getHarness(MatInputHarness.with({ selector: '[name="q"]' }))).getValue()).toBe('charter');
    const progress = await loader.getHarness(MatSortHeaderHarness.with({ label: 'Progress' }));
    expect(await progress.getSortDirection()).toBe('desc');
  });

  it('writes a chosen filter into the URL, keeps the others, and goes back to page 1', async () => {
    (await open('/commitments?area=energy&page=3')).flush(page());

    const flags = await select('flag');
    await flags.open();
    // Harness actions wait for the app to be stable, which it is not until the list request is
    // answered: start the action, answer the request, then let the action finish.
    const choosing = flags.clickOptions({ text: /Overdue/ });
    const list = await nextList();

    expect(query()).toEqual({ area: 'energy', flag: 'overdue' });
    expect(list.request.params.get('flag')).toBe('overdue');
    expect(list.request.params.has('page')).toBe(false);
    list.flush(page());
    await choosing;
  });

  it('puts the search text in the URL after the analyst stops typing', async () => {
    (await open('/commitments')).flush(page());

    await (await loader.getHarness(MatInputHarness.with({ selector: '[name="q"]' }))).setValue('corridor');
    const list = await nextList();

    expect(query()).toEqual({ q: 'corridor' });
    expect(list.request.params.get('q')).toBe('corridor');
    list.flush(page());
  });

  it('keeps sorting and paging in the URL', async () => {
    (await open('/commitments?status=in_progress')).flush(page());

    const sorting = (await loader.getHarness(MatSortHeaderHarness.with({ label: 'Reference' }))).click();
    (await nextList()).flush(page());
    await sorting;
    expect(query()).toEqual({ status: 'in_progress', sort: 'ref_code' });

    const paging = (await loader.getHarness(MatPaginatorHarness)).goToNextPage();
    (await nextList()).flush(page());
    await paging;
    expect(query()).toEqual({ status: 'in_progress', sort: 'ref_code', page: '2' });
  });

  it('clears every filter but keeps the sort', async () => {
    (await open('/commitments?status=at_risk&party=AZ&sort=title')).flush(page());

    const clear = harness.fixture.nativeElement.querySelector('.pw-filters__clear') as HTMLButtonElement;
    expect(clear.textContent).toContain('Clear 2 filters');
    clear.click();
    (await nextList()).flush(page());

    expect(query()).toEqual({ sort: 'title' });
  });

  it('counts the result in words: one commitment, a whole page, or the range of a page', async () => {
    const summaryText = () => (harness.routeNativeElement?.querySelector('.pw-result-summary')?.textContent ?? '').trim();
    (await open('/commitments?q=charter')).flush({ items: [summary()], total: 1, page: 1, pageSize: 25 });
    await harness.fixture.whenStable();
    expect(summaryText()).toBe('1 commitment');

    await harness.navigateByUrl('/commitments?q=charters');
    (await nextList()).flush({ items: [summary(), summary({ id: 'c2', refCode: 'AZ-2' })], total: 2, page: 1, pageSize: 25 });
    await harness.fixture.whenStable();
    expect(summaryText()).toBe('2 commitments');

    await harness.navigateByUrl('/commitments?page=2');
    (await nextList()).flush({ items: [summary()], total: 26, page: 2, pageSize: 25 });
    await harness.fixture.whenStable();
    expect(summaryText()).toBe('26–26 of 26 commitments');
  });
});
