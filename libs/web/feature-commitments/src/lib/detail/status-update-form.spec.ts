import { Component, signal } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { HarnessLoader } from '@angular/cdk/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import type { CommitmentDetailDto, CreateStatusUpdateRequest } from '@pactwatch/shared/contracts';
import { SessionStore } from '@pactwatch/web/data-access';
import { ANALYST_SESSION, detail } from '../../testing/fixtures';
import { StatusUpdateForm } from './status-update-form';

@Component({
  imports: [StatusUpdateForm],
  template: `<pw-status-update-form [commitment]="commitment()" (saved)="saved.push($event)" (conflicted)="conflicts.push($event)" />`,
})
class Host {
  readonly commitment = signal<CommitmentDetailDto>(detail());
  readonly saved: CommitmentDetailDto[] = [];
  readonly conflicts: CommitmentDetailDto[] = [];
}

const URL = '/api/commitments/c-charter/status-updates';

describe('StatusUpdateForm', () => {
  let loader: HarnessLoader;
  let http: HttpTestingController;
  let host: Host;
  let element: HTMLElement;
  let fixture: ComponentFixture<Host>;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    TestBed.inject(SessionStore).setState(ANALYST_SESSION);
    fixture = TestBed.createComponent(Host);
    host = fixture.componentInstance;
    element = fixture.nativeElement;
    loader = TestbedHarnessEnvironment.loader(fixture);
    http = TestBed.inject(HttpTestingController);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  /** Lets the async submit finish and renders the result. */
  const settle = async () => {
    await new Promise((r) => setTimeout(r));
    await fixture.whenStable();
  };
  const input = (field: string) => loader.getHarness(MatInputHarness.with({ selector: `[data-field="${field}"]` }));
  const field = (field: string) => loader.getHarness(MatFormFieldHarness.with({ selector: `:has([data-field="${field}"])` }));
  const button = (text: string | RegExp) => loader.getHarness(MatButtonHarness.with({ text }));

  async function fillUpdate(): Promise<void> {
    await (await loader.getHarness(MatSelectHarness.with({ selector: '[data-field="status"]' }))).clickOptions({ text: 'At risk' });
    await (await input('progress')).setValue('40');
    await (await input('note')).setValue('The working group missed its second meeting.');
    await (await button(/Add evidence/)).click();
    await (await input('evidence.0.url')).setValue('https://example.org/statement');
    await (await input('evidence.0.title')).setValue('Statement of the foreign ministry');
  }

  it('starts from the current status and progress', async () => {
    expect(await (await loader.getHarness(MatSelectHarness.with({ selector: '[data-field="status"]' }))).getValueText()).toBe(
      'In progress',
    );
    expect(await (await input('progress')).getValue()).toBe('30');
  });

  it('shows a message beside each invalid field and sends nothing', async () => {
    await (await input('progress')).setValue('150');
    await (await button(/Add evidence/)).click();
    await (await input('evidence.0.url')).setValue('not a link');
    await (await button('Record update')).click();

    expect(await (await field('progress')).getTextErrors()).toEqual(['Progress must be at most 100.']);
    expect(await (await field('evidence.0.url')).getTextErrors()).toEqual(['Enter a full web address, starting with https://']);
    expect(await (await field('evidence.0.title')).getTextErrors()).toEqual(['The title is required.']);
    http.expectNone(URL);
  });

  it('posts status, progress, note and evidence with the version the analyst saw', async () => {
    await fillUpdate();
    await (await button('Record update')).click();

    const request = http.expectOne({ method: 'POST', url: URL });
    expect(request.request.body).toEqual<CreateStatusUpdateRequest>({
      status: 'at_risk',
      progress: 40,
      note: 'The working group missed its second meeting.',
      effectiveOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      evidence: [
        { url: 'https://example.org/statement', title: 'Statement of the foreign ministry', kind: 'official_document', publishedOn: null },
      ],
      version: 7,
    });
    request.flush(detail({ status: 'at_risk', progress: 40, version: 8 }));
    await settle();

    expect(host.saved.map((c) => c.version)).toEqual([8]);
    expect(await (await input('note')).getValue()).toBe('');
    expect(element.textContent).toContain('Status update recorded: At risk, 40%.');
  });

  it('puts the API’s field errors beside the fields', async () => {
    await fillUpdate();
    await (await button('Record update')).click();
    http.expectOne(URL).flush(
      {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        code: 'validation',
        detail: 'Invalid',
        requestId: 'r1',
        errors: [{ field: 'evidence[0].url', message: 'must be a public web address' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();

    expect(await (await field('evidence.0.url')).getTextErrors()).toEqual(['must be a public web address']);
  });

  describe('when someone else changed the commitment first (409)', () => {
    const theirs = detail({
      status: 'stalled',
      progress: 30,
      version: 9,
      history: [
        ...detail().history,
        {
          id: 'su-2',
          commitmentId: 'c-charter',
          author: 'Omar Other',
          createdAt: '2026-01-21T09:00:00.000Z',
          effectiveOn: '2026-01-21',
          statusBefore: 'in_progress',
          statusAfter: 'stalled',
          progressBefore: 30,
          progressAfter: 30,
          note: 'Talks are suspended.',
          correctsId: null,
          evidence: [],
        },
      ],
    });

    async function conflict(): Promise<void> {
      await fillUpdate();
      await (await button('Record update')).click();
      http.expectOne(URL).flush(
        {
          type: 'about:blank',
          title: 'Conflict',
          status: 409,
          code: 'version_conflict',
          detail: 'Stale version',
          requestId: 'r2',
          current: theirs,
        },
        { status: 409, statusText: 'Conflict' },
      );
      await settle();
    }

    it('shows what changed and keeps the analyst’s update in the form', async () => {
      await conflict();

      const panel = element.querySelector('[data-testid="status-conflict"]');
      expect(panel?.textContent).toContain('Stalled');
      expect(panel?.textContent).toContain('Omar Other');
      expect(panel?.textContent).toContain('Talks are suspended.');
      expect(await (await input('note')).getValue()).toBe('The working group missed its second meeting.');
      expect(await (await input('evidence.0.url')).getValue()).toBe('https://example.org/statement');
      expect(host.conflicts.map((c) => c.version)).toEqual([9]);
    });

    it('records the same update on top of the current version when asked', async () => {
      await conflict();
      await (await button('Record my update on top')).click();

      const retry = http.expectOne(URL);
      expect(retry.request.body).toMatchObject({
        status: 'at_risk',
        progress: 40,
        note: 'The working group missed its second meeting.',
        version: 9,
      });
      expect(retry.request.body.evidence).toHaveLength(1);
      retry.flush(detail({ status: 'at_risk', progress: 40, version: 10 }));
      await settle();
      expect(host.saved.map((c) => c.version)).toEqual([10]);
    });

    it('starts again from the current version when the analyst discards', async () => {
      await conflict();
      await (await button('Discard my update')).click();

      expect(element.querySelector('[data-testid="status-conflict"]')).toBeNull();
      expect(await (await input('note')).getValue()).toBe('');
      expect(await (await loader.getHarness(MatSelectHarness.with({ selector: '[data-field="status"]' }))).getValueText()).toBe('Stalled');
    });
  });
});
