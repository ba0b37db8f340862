import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import type { AnchorEventDto } from '@pactwatch/shared/contracts';
import { AnchorEditor } from './anchor-editor';

const SIGNED: AnchorEventDto = {
  id: 'ae1',
  agreementId: 'a1',
  name: 'MoU signed',
  occurredOn: '2025-08-08',
  note: '',
  dependentCommitments: 3,
  version: 2,
};

describe('AnchorEditor', () => {
  let fixture: ComponentFixture<AnchorEditor>;
  let loader: HarnessLoader;
  let http: HttpTestingController;
  const saved: AnchorEventDto[] = [];

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    fixture = TestBed.createComponent(AnchorEditor);
    fixture.componentRef.setInput('anchor', SIGNED);
    fixture.componentInstance.saved.subscribe((a) => saved.push(a));
    loader = TestbedHarnessEnvironment.loader(fixture);
    http = TestBed.inject(HttpTestingController);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  const settle = async () => {
    await new Promise((r) => setTimeout(r));
    await fixture.whenStable();
  };
  const button = (text: string | RegExp) => loader.getHarness(MatButtonHarness.with({ text }));

  it('previews which deadlines move before it lets the analyst save', async () => {
    expect(await (await button('Save the new date')).isDisabled()).toBe(true);
    await (await loader.getHarness(MatInputHarness.with({ selector: '[formcontrolname="date"]' }))).setValue('2025-08-07');
    await (await button(/Preview/)).click();

    const impact = http.expectOne('/api/anchor-events/ae1/impact?date=2025-08-07');
    impact.flush({
      anchorEventId: 'ae1',
      newDate: '2025-08-07',
      moves: [
        {
          commitmentId: 'c1',
          refCode: 'AZ-US-2025-01',
          title: 'Draft the Charter',
          dueDateBefore: '2026-02-08',
          dueDateAfter: '2026-02-07',
        },
      ],
    });
    await settle();

    const text = (fixture.nativeElement as HTMLElement).querySelector('[data-testid="anchor-impact"]')?.textContent?.replace(/\s+/g, ' ');
    expect(text).toContain('1 deadline moves');
    expect(text).toContain('AZ-US-2025-01');
    expect(text).toContain('8 Feb 2026');
    expect(text).toContain('7 Feb 2026');
    expect(await (await button('Save the new date')).isDisabled()).toBe(false);
  });

  it('saves the previewed date with the reason and the anchor version', async () => {
    await (await loader.getHarness(MatCheckboxHarness)).check();
    await (await loader.getHarness(MatInputHarness.with({ selector: '[formcontrolname="reason"]' }))).setValue('Signing postponed');
    await (await button(/Preview/)).click();
    http.expectOne('/api/anchor-events/ae1/impact?date=pending').flush({ anchorEventId: 'ae1', newDate: null, moves: [] });
    await settle();

    await (await button('Save the new date')).click();
    const patch = http.expectOne({ method: 'PATCH', url: '/api/anchor-events/ae1' });
    expect(patch.request.body).toEqual({ occurredOn: null, reason: 'Signing postponed', version: 2 });
    patch.flush({ ...SIGNED, occurredOn: null, version: 3 });
    await settle();
    expect(saved.at(-1)?.version).toBe(3);
  });

  it('unticks "Pending" when the analyst types a date for a pending event, so the date can be previewed and saved', async () => {
    fixture.componentRef.setInput('anchor', { ...SIGNED, occurredOn: null });
    fixture.componentInstance.ngOnInit();
    await settle();
    const pending = await loader.getHarness(MatCheckboxHarness);
    expect(await pending.isChecked()).toBe(true);

    await (await loader.getHarness(MatInputHarness.with({ selector: '[formcontrolname="date"]' }))).setValue('2025-08-18');
    expect(await pending.isChecked()).toBe(false);
    await (await loader.getHarness(MatInputHarness.with({ selector: '[formcontrolname="reason"]' }))).setValue('Signed at last');
    await (await button(/Preview/)).click();
    http.expectOne('/api/anchor-events/ae1/impact?date=2025-08-18').flush({ anchorEventId: 'ae1', newDate: '2025-08-18', moves: [] });
    await settle();
    expect(await (await button('Save the new date')).isDisabled()).toBe(false);
  });

  it('asks for a new preview when the date changes after previewing', async () => {
    await (await button(/Preview/)).click();
    http.expectOne('/api/anchor-events/ae1/impact?date=2025-08-08').flush({ anchorEventId: 'ae1', newDate: '2025-08-08', moves: [] });
    await settle();
    expect(await (await button('Save the new date')).isDisabled()).toBe(false);

    const date = await loader.getHarness(MatInputHarness.with({ selector: '[formcontrolname="date"]' }));
    await date.setValue('2025-08-09');
    await (await date.host()).dispatchEvent('change');
    expect(await (await button('Save the new date')).isDisabled()).toBe(true);
  });
});
