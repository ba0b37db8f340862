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
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { AgreementDto } from '@pactwatch/shared/contracts';
import { provideFormDefaults } from '@pactwatch/web/ui';
import { NewAgreementPage } from './new-agreement-page';

@Component({ template: 'Agreement page' })
class AgreementStub {}

const CREATED: AgreementDto = {
  id: 'a-new',
  title: 'Joint declaration on transit',
  kind: 'joint_declaration',
  signedOn: '2026-03-01',
  sourceUrl: 'https://example.org/declaration',
  summary: '',
  parties: [],
  anchorEvents: [],
  commitmentCount: 0,
  progress: 0,
  version: 1,
  createdAt: '2026-03-02T09:00:00.000Z',
  updatedAt: '2026-03-02T09:00:00.000Z',
};

jest.setTimeout(30_000);

describe('NewAgreementPage', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let loader: HarnessLoader;
  let router: Router;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideFormDefaults(),
        provideRouter([
          { path: 'agreements/new', component: NewAgreementPage },
          { path: 'agreements/:id', component: AgreementStub },
        ]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/agreements/new', NewAgreementPage);
    http.expectOne('/api/parties').flush([
      { id: 'p-am', code: 'AM', name: 'Armenia', kind: 'country', version: 1 },
      { id: 'p-az', code: 'AZ', name: 'Azerbaijan', kind: 'country', version: 1 },
    ]);
    await harness.fixture.whenStable();
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
  });

  afterEach(() => http.verify());

  async function post(): Promise<TestRequest> {
    for (let i = 0; i < 100; i++) {
      const [found] = http.match({ method: 'POST', url: '/api/agreements' });
      if (found) return found;
      await new Promise((r) => setTimeout(r, 10));
    }
    return http.expectOne({ method: 'POST', url: '/api/agreements' });
  }

  const input = (field: string) => loader.getHarness(MatInputHarness.with({ selector: `[data-field="${field}"]` }));
  const select = (field: string) => loader.getHarness(MatSelectHarness.with({ selector: `[data-field="${field}"]` }));
  const errors = async (field: string) =>
    (await loader.getHarness(MatFormFieldHarness.with({ selector: `:has([data-field="${field}"])` }))).getTextErrors();
  const submit = async () => (await loader.getHarness(MatButtonHarness.with({ text: 'Record agreement' }))).click();

  it('shows a validation message beside each invalid field and sends nothing', async () => {
    await (await input('sourceUrl')).setValue('www.example.org');
    await submit();

    expect(await errors('title')).toEqual(['The title is required.']);
    expect(await errors('kind')).toEqual(['The kind is required.']);
    expect(await errors('sourceUrl')).toEqual(['Enter a full web address, starting with https://']);
    http.expectNone({ method: 'POST', url: '/api/agreements' });
  });

  it('records the agreement and opens its page', async () => {
    await (await input('title')).setValue('  Joint declaration on transit ');
    await (await select('kind')).clickOptions({ text: 'Joint declaration' });
    await (await input('signedOn')).setValue('2026-03-01');
    await (await select('partyCodes')).clickOptions({ text: 'Armenia (AM)' });
    await (await input('sourceUrl')).setValue('https://example.org/declaration');
    await submit();

    const request = await post();
    expect(request.request.body).toEqual({
      title: 'Joint declaration on transit',
      kind: 'joint_declaration',
      signedOn: '2026-03-01',
      partyCodes: ['AM'],
      sourceUrl: 'https://example.org/declaration',
      summary: '',
    });
    request.flush(CREATED, { status: 201, statusText: 'Created' });
    for (let i = 0; i < 100 && router.url === '/agreements/new'; i++) await new Promise((r) => setTimeout(r, 10));

    expect(router.url).toBe('/agreements/a-new');
    expect(router.lastSuccessfulNavigation()?.extras.state).toEqual({ notice: 'Agreement recorded: Joint declaration on transit.' });
  });

  it('puts the API’s field errors beside the fields and keeps what was typed', async () => {
    await (await input('title')).setValue('Joint declaration on transit');
    await (await select('kind')).clickOptions({ text: 'Treaty' });
    await (await select('partyCodes')).clickOptions({ text: 'Azerbaijan (AZ)' });
    await submit();

    (await post()).flush(
      {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        code: 'validation',
        detail: 'Invalid partyCodes',
        requestId: 'r1',
        errors: [{ field: 'partyCodes', message: 'unknown party code: AZ' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await harness.fixture.whenStable();

    expect(await errors('partyCodes')).toEqual(['unknown party code: AZ']);
    expect(await (await input('title')).getValue()).toBe('Joint declaration on transit');
    expect(router.url).toBe('/agreements/new');
  });
});
