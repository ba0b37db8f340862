import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, type TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import type { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { AgreementDto, AnchorEventDto, CommitmentSummaryDto, Page } from '@pactwatch/shared/contracts';
import { SessionStore } from '@pactwatch/web/data-access';
import { provideFormDefaults } from '@pactwatch/web/ui';
import { ANALYST_SESSION, detail, summary } from '../../testing/fixtures';
import { NewCommitmentPage } from './new-commitment-page';

@Component({ template: 'Commitment page' })
class CommitmentStub {}

const SIGNED: AnchorEventDto = {
  id: 'ae-signed',
  agreementId: 'a-mou',
  name: 'MoU signed',
  occurredOn: '2025-08-08',
  note: '',
  dependentCommitments: 3,
  version: 1,
};
const PEACE_SIGNED: AnchorEventDto = {
  ...SIGNED,
  id: 'ae-peace',
  agreementId: 'a-peace',
  name: 'Peace agreement signed',
  occurredOn: null,
};

function agreement(overrides: Partial<AgreementDto>): AgreementDto {
  return {
    id: 'a-mou',
    title: 'Memorandum of Understanding',
    kind: 'mou',
    signedOn: '2025-08-08',
    sourceUrl: null,
    summary: '',
    parties: [
      { id: 'p-az', code: 'AZ', name: 'Azerbaijan', kind: 'country', version: 1 },
      { id: 'p-us', code: 'US', name: 'United States', kind: 'country', version: 1 },
    ],
    anchorEvents: [SIGNED],
    commitmentCount: 1,
    progress: 30,
    version: 1,
    createdAt: '2025-08-08T12:00:00.000Z',
    updatedAt: '2025-08-08T12:00:00.000Z',
    ...overrides,
  };
}

const AGREEMENTS = [agreement({}), agreement({ id: 'a-peace', title: 'Peace declaration', parties: [], anchorEvents: [PEACE_SIGNED] })];

jest.setTimeout(30_000);

describe('NewCommitmentPage', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let loader: HarnessLoader;

  async function open(url: string): Promise<void> {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideFormDefaults(),
        provideRouter(
          [
            { path: 'commitments/new', component: NewCommitmentPage },
            { path: 'commitments/:ref', component: CommitmentStub },
          ],
          withComponentInputBinding(),
        ),
      ],
    });
    TestBed.inject(SessionStore).setState(ANALYST_SESSION);
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, NewCommitmentPage);
    http.expectOne('/api/agreements').flush(AGREEMENTS);
    http.expectOne('/api/parties').flush(AGREEMENTS[0].parties);
    http.expectOne('/api/areas').flush([{ id: 'ar-energy', slug: 'energy', name: 'Energy', version: 1 }]);
    http.expectOne('/api/anchor-events').flush([SIGNED, PEACE_SIGNED]);
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
    // The chosen agreement's commitments, as possible parents.
    if (url.includes('agreement=')) (await request((r) => r.url === '/api/commitments')).flush(siblings([summary()]));
    await harness.fixture.whenStable();
  }

  const siblings = (items: CommitmentSummaryDto[]): Page<CommitmentSummaryDto> => ({ items, total: items.length, page: 1, pageSize: 200 });

  /** A request the page makes after a change. Polls: the app is not stable while that very request is pending. */
  async function request(match: (r: { url: string; method: string }) => boolean): Promise<TestRequest> {
    for (let i = 0; i < 100; i++) {
      const [found] = http.match(match);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 10));
    }
    return http.expectOne(match);
  }

  async function until(condition: () => boolean): Promise<void> {
    for (let i = 0; i < 100 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  }

  const element = () => harness.routeNativeElement as HTMLElement;
  const input = (field: string) => loader.getHarness(MatInputHarness.with({ selector: `[data-field="${field}"]` }));
  const select = (field: string) => loader.getHarness(MatSelectHarness.with({ selector: `[data-field="${field}"]` }));
  const errors = async (field: string) =>
    (await loader.getHarness(MatFormFieldHarness.with({ selector: `:has([data-field="${field}"])` }))).getTextErrors();
  const submit = async () => (await loader.getHarness(MatButtonHarness.with({ text: 'Record commitment' }))).click();
  const preview = () => element().querySelector('[data-testid="deadline-preview"]')?.textContent?.trim();

  async function fillRelative(): Promise<void> {
    await (await input('refCode')).setValue('AZ-US-2025-04');
    await (await input('title')).setValue('Open a joint energy office');
    await (await select('deadline.kind')).clickOptions({ text: 'A period after an anchor event' });
    await (await select('deadline.anchorEventId')).clickOptions({ text: /MoU signed/ });
    await (await input('deadline.duration')).setValue('P6M');
  }

  afterEach(() => http.verify());

  it('preselects the agreement from the URL with its parties, and lists its anchor events first', async () => {
    await open('/commitments/new?agreement=a-mou');

    expect(await (await select('agreementId')).getValueText()).toBe('Memorandum of Understanding');
    expect(await (await select('partyCodes')).getValueText()).toBe('Azerbaijan (AZ), United States (US)');

    await (await select('deadline.kind')).clickOptions({ text: 'A period after an anchor event' });
    const anchors = await select('deadline.anchorEventId');
    await anchors.open();
    const groups = await anchors.getOptionGroups();
    expect(await Promise.all(groups.map((g) => g.getLabelText()))).toEqual(['Memorandum of Understanding', 'Peace declaration']);
    expect(await Promise.all((await anchors.getOptions()).map((o) => o.getText()))).toEqual([
      'MoU signed (8 Aug 2025)',
      'Peace agreement signed (date pending)',
    ]);
  });

  it('explains the deadline in words as the analyst chooses it', async () => {
    await open('/commitments/new?agreement=a-mou');
    expect(preview()).toBe('No deadline');

    await fillRelative();
    expect(preview()).toBe('6 months after MoU signed (8 Aug 2025) → 8 Feb 2026');

    // A recurring deadline keeps the anchor event chosen; only its cadence is missing.
    await (await select('deadline.kind')).clickOptions({ text: 'Recurring' });
    expect(preview()).toBe('To see the due date, complete: Every.');
    await (await select('deadline.anchorEventId')).clickOptions({ text: /None/ });
    expect(preview()).toBe('To see the due date, complete: Every, Start date.');
  });

  it('shows a validation message beside each invalid field and sends nothing', async () => {
    await open('/commitments/new');
    await (await input('refCode')).setValue('AZ US 04');
    await (await input('sourceUrl')).setValue('archive/text');
    await (await select('deadline.kind')).clickOptions({ text: 'A period after an anchor event' });
    await (await input('deadline.duration')).setValue('sometime soon');
    await submit();

    expect(await errors('agreementId')).toEqual(['The agreement is required.']);
    expect(await errors('refCode')).toEqual([
      'Use 1–64 letters, digits, dots, slashes or hyphens, starting with a letter or digit, e.g. AZ-US-2025-01.',
    ]);
    expect(await errors('title')).toEqual(['The title is required.']);
    expect(await errors('sourceUrl')).toEqual(['Enter a full web address, starting with https://']);
    expect(await errors('deadline.anchorEventId')).toEqual(['The anchor event is required.']);
    expect(await errors('deadline.duration')).toEqual(['Write a period such as 6 months, 90 days or 1 year (or ISO-8601: P6M, P90D).']);
    expect(element().querySelector('[role="alert"]')?.textContent).toContain('Some fields need attention');
    http.expectNone((r) => r.method === 'POST');
  });

  it('records the commitment with its deadline spec and opens it', async () => {
    await open('/commitments/new?agreement=a-mou');
    await fillRelative();
    await (await select('areaSlugs')).clickOptions({ text: 'Energy' });
    await submit();

    const post = await request((r) => r.method === 'POST' && r.url === '/api/commitments');
    expect(post.request.body).toEqual({
      refCode: 'AZ-US-2025-04',
      title: 'Open a joint energy office',
      agreementId: 'a-mou',
      parentId: null,
      description: '',
      responsibleBody: '',
      partyCodes: ['AZ', 'US'],
      areaSlugs: ['energy'],
      deadline: { kind: 'relative', anchorEventId: 'ae-signed', duration: 'P6M' },
      status: 'not_started',
      progress: 0,
      sourceQuote: '',
      sourceLocator: '',
      sourceUrl: null,
    });
    post.flush(detail({ id: 'c-new', refCode: 'AZ-US-2025-04', title: 'Open a joint energy office' }), {
      status: 201,
      statusText: 'Created',
    });
    const router = TestBed.inject(Router);
    await until(() => router.url !== '/commitments/new?agreement=a-mou');
    expect(router.url).toBe('/commitments/AZ-US-2025-04');
    expect(router.lastSuccessfulNavigation()?.extras.state).toEqual({ notice: 'Commitment AZ-US-2025-04 recorded.' });
  });

  it('puts the API’s field errors beside the fields, a reference code already in use among them', async () => {
    await open('/commitments/new?agreement=a-mou');
    await fillRelative();
    await submit();

    (await request((r) => r.method === 'POST')).flush(
      {
        type: 'about:blank',
        title: 'Conflict',
        status: 409,
        code: 'conflict',
        detail: 'A commitment with refCode "AZ-US-2025-04" already exists',
        requestId: 'r1',
        errors: [
          { field: 'refCode', message: 'is already used by another commitment' },
          { field: 'deadline.duration', message: 'must be at most 100 years' },
        ],
      },
      { status: 409, statusText: 'Conflict' },
    );
    await harness.fixture.whenStable();

    expect(await errors('refCode')).toEqual(['is already used by another commitment']);
    expect(await errors('deadline.duration')).toEqual(['must be at most 100 years']);
    expect(await (await input('title')).getValue()).toBe('Open a joint energy office');
    expect(TestBed.inject(Router).url).toBe('/commitments/new?agreement=a-mou');
  });
});
