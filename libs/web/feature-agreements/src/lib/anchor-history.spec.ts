import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { AnchorEventDetailDto } from '@pactwatch/shared/contracts';
import { AnchorHistory } from './anchor-history';

const SIGNED: AnchorEventDetailDto = {
  id: 'ae1',
  agreementId: 'a1',
  name: 'MoU signed',
  occurredOn: '2025-08-08',
  note: '',
  dependentCommitments: 3,
  version: 3,
  createdAt: '2025-08-08T12:00:00.000Z',
  updatedAt: '2025-09-03T10:00:00.000Z',
  history: [
    {
      id: 'h2',
      previousDate: '2025-08-07',
      newDate: '2025-08-08',
      reason: 'The official text gives 8 August',
      changedBy: 'Ana Analyst',
      changedAt: '2025-09-03T10:00:00.000Z',
    },
    {
      id: 'h1',
      previousDate: null,
      newDate: '2025-08-07',
      reason: 'Recorded',
      changedBy: 'Ana Analyst',
      changedAt: '2025-08-08T12:00:00.000Z',
    },
  ],
};

describe('AnchorHistory', () => {
  let fixture: ComponentFixture<AnchorHistory>;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    fixture = TestBed.createComponent(AnchorHistory);
    fixture.componentRef.setInput('anchorEventId', 'ae1');
    fixture.componentRef.setInput('version', 3);
    http = TestBed.inject(HttpTestingController);
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  const text = (element: Element | null) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  /** Each change as [old → new date, when and who, why]. */
  const items = () =>
    [...(fixture.nativeElement as HTMLElement).querySelectorAll('li')].map((li) => [
      [...li.querySelectorAll('.pw-history__dates > span:not(.cdk-visually-hidden), .pw-history__dates > strong')].map(text).join(' → '),
      text(li.querySelector('.pw-history__who')),
      text(li.querySelector('.pw-history__reason')),
    ]);

  it('lists each change of the date, newest first, with who changed it and why', async () => {
    http.expectOne('/api/anchor-events/ae1').flush(SIGNED);
    await fixture.whenStable();

    expect(items()).toEqual([
      ['7 Aug 2025 → 8 Aug 2025', '3 Sept 2025, 10:00 · Ana Analyst', 'The official text gives 8 August'],
      ['7 Aug 2025', '8 Aug 2025, 12:00 · Ana Analyst', 'Recorded'],
    ]);
  });

  it('lists the deadlines each change moved', async () => {
    const moved = {
      ...SIGNED.history[0],
      moves: [
        { commitmentId: 'c1', refCode: 'AZ-US-2025-01', dueDateBefore: '2026-02-07', dueDateAfter: '2026-02-08' },
        { commitmentId: 'c2', refCode: 'AZ-US-2025-01.1', dueDateBefore: null, dueDateAfter: '2025-09-08' },
      ],
    };
    http.expectOne('/api/anchor-events/ae1').flush({ ...SIGNED, history: [moved, { ...SIGNED.history[1], moves: [] }] });
    await fixture.whenStable();

    const lists = [...(fixture.nativeElement as HTMLElement).querySelectorAll('[data-testid="anchor-moves"]')].map(text);
    expect(lists).toEqual(['Moved: AZ-US-2025-01 7 Feb 2026 → 8 Feb 2026; AZ-US-2025-01.1 pending → 8 Sep 2025']);
  });

  it('reloads the history when the anchor gets a new version', async () => {
    http.expectOne('/api/anchor-events/ae1').flush({ ...SIGNED, history: SIGNED.history.slice(1) });
    await fixture.whenStable();
    expect(items()).toHaveLength(1);

    fixture.componentRef.setInput('version', 4);
    fixture.detectChanges();
    http.expectOne('/api/anchor-events/ae1').flush(SIGNED);
    await fixture.whenStable();
    expect(items()).toHaveLength(2);
  });

  it('says when the history could not be loaded, and tries again', async () => {
    http
      .expectOne('/api/anchor-events/ae1')
      .flush(
        { title: 'Service Unavailable', status: 503, detail: 'The database is restarting' },
        { status: 503, statusText: 'Unavailable' },
      );
    await fixture.whenStable();
    const alert = (fixture.nativeElement as HTMLElement).querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('The history could not be loaded: The database is restarting');

    // A harness click waits for the app to be stable, which it is not while the retried request is pending.
    (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('[role="alert"] button')?.click();
    fixture.detectChanges();
    http.expectOne('/api/anchor-events/ae1').flush(SIGNED);
    await fixture.whenStable();
    expect(items()).toHaveLength(2);
  });
});
