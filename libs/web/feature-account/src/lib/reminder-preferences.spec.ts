import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, type TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import type { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSlideToggleHarness } from '@angular/material/slide-toggle/testing';
import type { ReminderPreferencesDto } from '@pactwatch/shared/contracts';
import { provideFormDefaults } from '@pactwatch/web/ui';
import { ReminderPreferences } from './reminder-preferences';

const URL = '/api/me/reminder-preferences';
const SAVED: ReminderPreferencesDto = {
  enabled: true,
  leadDays: [30, 7, 1],
  onDueDay: true,
  overdueRepeatDays: 7,
  digest: 'weekly',
  sendHour: 8,
  timeZone: 'Asia/Baku',
  pausedUntil: null,
  statusChangeNotices: 'immediate',
};

jest.setTimeout(30_000);

describe('ReminderPreferences', () => {
  let fixture: ComponentFixture<ReminderPreferences>;
  let loader: HarnessLoader;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideFormDefaults()] });
    fixture = TestBed.createComponent(ReminderPreferences);
    loader = TestbedHarnessEnvironment.loader(fixture);
    http = TestBed.inject(HttpTestingController);
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  /** Lets the component's awaited request settle, then renders. */
  const settle = async () => {
    await new Promise((r) => setTimeout(r));
    await fixture.whenStable();
  };

  async function loaded(preferences = SAVED): Promise<void> {
    http.expectOne({ method: 'GET', url: URL }).flush(preferences);
    await fixture.whenStable();
  }

  /** The PUT the form sends. Polls: the component is not stable while that very request is pending. */
  async function put(): Promise<TestRequest> {
    for (let i = 0; i < 100; i++) {
      const [found] = http.match({ method: 'PUT', url: URL });
      if (found) return found;
      await new Promise((r) => setTimeout(r, 10));
    }
    return http.expectOne({ method: 'PUT', url: URL });
  }

  const input = (name: string) => loader.getHarness(MatInputHarness.with({ selector: `[formcontrolname="${name}"]` }));
  const errors = async (name: string) =>
    (await loader.getHarness(MatFormFieldHarness.with({ selector: `:has([formcontrolname="${name}"])` }))).getTextErrors();
  const save = async () => (await loader.getHarness(MatButtonHarness.with({ text: 'Save preferences' }))).click();
  const text = () => (fixture.nativeElement as HTMLElement).textContent?.replace(/\s+/g, ' ') ?? '';

  it('shows the saved preferences', async () => {
    await loaded();

    expect(await (await loader.getHarness(MatSlideToggleHarness)).isChecked()).toBe(true);
    expect(await (await input('leadDays')).getValue()).toBe('30, 7, 1');
    expect(await (await loader.getHarness(MatSelectHarness.with({ selector: '[formcontrolname="digest"]' }))).getValueText()).toBe(
      'Weekly digest',
    );
    expect(await (await input('timeZone')).getValue()).toBe('Asia/Baku');
    expect(await (await input('overdueRepeatDays')).getValue()).toBe('7');
  });

  it('shows a message beside each invalid field and saves nothing', async () => {
    await loaded();
    await (await input('leadDays')).setValue('30, soon');
    await (await input('timeZone')).setValue('Mars/Olympus');
    await (await input('overdueRepeatDays')).setValue('120');
    await save();

    expect(await errors('leadDays')).toEqual(['Whole numbers of days from 1 to 365, separated by commas.']);
    expect(await errors('timeZone')).toEqual(['Use an IANA time zone such as Asia/Baku.']);
    expect(await errors('overdueRepeatDays')).toEqual(['Between 1 and 90 days.']);
    http.expectNone({ method: 'PUT', url: URL });
  });

  it('saves the lead days sorted and without repeats, and no overdue repeat when it is off', async () => {
    await loaded();
    await (await input('leadDays')).setValue('3, 14 3');
    await (await loader.getHarness(MatCheckboxHarness.with({ label: 'Keep reminding me while overdue' }))).uncheck();
    await save();

    const request = await put();
    expect(request.request.body).toEqual({ ...SAVED, leadDays: [14, 3], overdueRepeatDays: null });
    request.flush({ ...SAVED, leadDays: [14, 3], overdueRepeatDays: null });
    await settle();

    expect(text()).toContain('Reminder preferences saved.');
    expect(await (await input('leadDays')).getValue()).toBe('14, 3');
  });

  it('puts the API’s field errors beside the fields', async () => {
    await loaded();
    await save();
    (await put()).flush(
      {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        code: 'validation',
        detail: 'Invalid timeZone',
        requestId: 'r1',
        errors: [{ field: 'timeZone', message: 'is not a time zone this server knows' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();

    expect(await errors('timeZone')).toEqual(['is not a time zone this server knows']);
    expect((fixture.nativeElement as HTMLElement).querySelector('[role="alert"]')?.textContent).toContain('Invalid timeZone');
  });

  it('says when the preferences could not be loaded', async () => {
    http
      .expectOne({ method: 'GET', url: URL })
      .flush({ title: 'Internal Server Error', status: 500, detail: 'boom' }, { status: 500, statusText: 'Server Error' });
    await fixture.whenStable();

    expect(text()).toContain('Your reminder preferences could not be loaded');
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Save preferences' }))).toHaveLength(0);
  });
});
