import { Component, signal } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { HarnessLoader } from '@angular/cdk/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import type { CommitmentDetailDto } from '@pactwatch/shared/contracts';
import { SessionStore } from '@pactwatch/web/data-access';
import { ANALYST_SESSION, detail } from '../../testing/fixtures';
import { CommitmentEditForm } from './commitment-edit-form';

@Component({
  imports: [CommitmentEditForm],
  template: `
    <pw-commitment-edit-form
      [commitment]="commitment()"
      [anchorEvents]="anchors"
      (saved)="saved.push($event)"
      (conflicted)="commitment.set($event)"
    />
  `,
})
class Host {
  readonly commitment = signal<CommitmentDetailDto>(detail({ version: 3 }));
  readonly anchors = [detail().anchorEvent].filter((anchor) => anchor !== null);
  readonly saved: CommitmentDetailDto[] = [];
}

const URL = '/api/commitments/c-charter';

describe('CommitmentEditForm', () => {
  let fixture: ComponentFixture<Host>;
  let loader: HarnessLoader;
  let http: HttpTestingController;
  let element: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    TestBed.inject(SessionStore).setState(ANALYST_SESSION);
    fixture = TestBed.createComponent(Host);
    element = fixture.nativeElement;
    loader = TestbedHarnessEnvironment.loader(fixture);
    http = TestBed.inject(HttpTestingController);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  const settle = async () => {
    await new Promise((r) => setTimeout(r));
    await fixture.whenStable();
  };
  const input = (field: string) => loader.getHarness(MatInputHarness.with({ selector: `[data-field="${field}"]` }));
  const errors = async (field: string) =>
    (await loader.getHarness(MatFormFieldHarness.with({ selector: `:has([data-field="${field}"])` }))).getTextErrors();
  const click = async (text: string | RegExp) => (await loader.getHarness(MatButtonHarness.with({ text }))).click();

  it('explains the deadline in words as it is edited', async () => {
    expect(element.querySelector('[data-testid="deadline-preview"]')?.textContent).toContain(
      '6 months after MoU signed (8 Aug 2025) → 8 Feb 2026',
    );

    await (await input('deadline.duration')).setValue('P90D');
    expect(element.querySelector('[data-testid="deadline-preview"]')?.textContent).toContain('→ 6 Nov 2025');
  });

  it('shows a validation message beside each invalid field and does not save', async () => {
    await (await input('title')).setValue('');
    await (await input('sourceUrl')).setValue('ftp://archive');
    await (await input('deadline.duration')).setValue('sometime soon');
    await click('Save changes');

    expect(await errors('title')).toEqual(['The title is required.']);
    expect(await errors('sourceUrl')).toEqual(['Enter a full web address, starting with https://']);
    expect(await errors('deadline.duration')).toEqual(['Write a period such as 6 months, 90 days or 1 year (or ISO-8601: P6M, P90D).']);
    http.expectNone(URL);
  });

  it('sends only the changed fields with the version the analyst started from', async () => {
    await (await input('title')).setValue('Draft and sign the Charter');
    await click('Save changes');

    const request = http.expectOne({ method: 'PATCH', url: URL });
    expect(request.request.body).toEqual({ version: 3, title: 'Draft and sign the Charter' });
    request.flush(detail({ title: 'Draft and sign the Charter', version: 4 }));
    await settle();
    expect(fixture.componentInstance.saved.map((c) => c.version)).toEqual([4]);
  });

  it('on a conflict shows both changes, reapplies the analyst’s edit on the latest version, and loses nothing', async () => {
    await (await input('title')).setValue('Draft and sign the Charter');
    await (await input('responsibleBody')).setValue('Foreign ministries');
    await click('Save changes');

    const theirs = detail({
      version: 5,
      description: 'Now also covers the transit corridor.',
      responsibleBody: 'Presidential administrations',
    });
    http
      .expectOne(URL)
      .flush(
        { type: 'about:blank', title: 'Conflict', status: 409, code: 'version_conflict', detail: 'Stale', requestId: 'r', current: theirs },
        { status: 409, statusText: 'Conflict' },
      );
    await settle();

    const panel = element.querySelector('[data-testid="edit-conflict"]');
    const row = (field: string) => panel?.querySelector(`tr[data-field="${field}"]`)?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(row('title')).toContain('Draft and sign the Charter (your change)');
    expect(row('description')).toContain('Now also covers the transit corridor. (changed by them)');
    expect(row('responsibleBody')).toContain('both changed');
    expect(await (await input('title')).getValue()).toBe('Draft and sign the Charter');

    await click('Reapply my changes');
    expect(await (await input('title')).getValue()).toBe('Draft and sign the Charter');
    expect(await (await input('description')).getValue()).toBe('Now also covers the transit corridor.');
    expect(await (await input('responsibleBody')).getValue()).toBe('Foreign ministries');
    expect(element.textContent).toContain('Your changes are reapplied on the latest version');

    await click('Save changes');
    const retry = http.expectOne({ method: 'PATCH', url: URL });
    expect(retry.request.body).toEqual({ version: 5, title: 'Draft and sign the Charter', responsibleBody: 'Foreign ministries' });
    retry.flush(detail({ ...theirs, title: 'Draft and sign the Charter', responsibleBody: 'Foreign ministries', version: 6 }));
    await settle();
    expect(fixture.componentInstance.saved.map((c) => c.version)).toEqual([6]);
  });
});
