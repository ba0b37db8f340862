import { BreakpointObserver } from '@angular/cdk/layout';
import { Clipboard } from '@angular/cdk/clipboard';
import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { CommitmentQuery, CommitmentSummaryDto, IsoDate } from '@pactwatch/shared/contracts';
import { FLAG_LABELS } from '@pactwatch/shared/deadlines';
import {
  AccountApi,
  AgreementsApi,
  ReferenceApi,
  CommitmentsApi,
  SessionStore,
  absoluteUrl,
  commitmentQueryToParams,
  deadlinesFeedPath,
  feedFilterOf,
  filtersOnly,
  parseCommitmentQuery,
  problemMessage,
  toProblem,
  webcalUrl,
} from '@pactwatch/web/data-access';
import { CommitmentFilters } from '@pactwatch/web/feature-commitments';
import { ErrorState, FLAG_APPEARANCE, LoadingState, PageHeader } from '@pactwatch/web/ui';
import { addMonths, firstDayOfMonth, formatDay, formatMonth, isMonthString, lastDayOfMonth, monthGrid, monthOf } from '@pactwatch/web/util';
import { catchError, firstValueFrom, map, of } from 'rxjs';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

interface DayCell {
  date: IsoDate;
  day: number;
  inMonth: boolean;
  isToday: boolean;
  label: string;
  dateLabel: string;
  items: (CommitmentSummaryDto & { icon: string; tone: string; flagText: string })[];
}

/** A month of deadlines. The month and every filter live in the URL; the iCal link follows the filters. */
@Component({
  selector: 'pw-calendar-page',
  imports: [RouterLink, MatButton, MatIconButton, MatIcon, PageHeader, LoadingState, ErrorState, CommitmentFilters],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './calendar-page.html',
  styleUrl: './calendar-page.scss',
})
export class CalendarPage {
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly commitmentsApi = inject(CommitmentsApi);
  private readonly accountApi = inject(AccountApi);
  private readonly referenceApi = inject(ReferenceApi);
  private readonly agreementsApi = inject(AgreementsApi);
  private readonly clipboard = inject(Clipboard);
  private readonly origin = inject(DOCUMENT).location.origin;
  protected readonly session = inject(SessionStore);

  private readonly params = toSignal(this.route.queryParams, { initialValue: {} as Record<string, unknown> });
  protected readonly filters = computed<CommitmentQuery>(() => {
    const { dueFrom: _from, dueTo: _to, ...rest } = filtersOnly(parseCommitmentQuery(this.params()));
    return rest;
  });
  protected readonly today = computed(() => this.filters().asOf ?? this.session.today());
  protected readonly month = computed(() => {
    const month = this.params()['month'];
    return isMonthString(month) ? month : monthOf(this.today());
  });
  protected readonly monthLabel = computed(() => formatMonth(this.month()));
  protected readonly weeks = computed(() => monthGrid(this.month()));

  protected readonly result = rxResource({
    params: () => {
      const weeks = this.weeks();
      return { ...this.filters(), dueFrom: weeks[0][0], dueTo: weeks[weeks.length - 1][6], sort: 'due_date' as const, pageSize: 200 };
    },
    stream: ({ params }) => this.commitmentsApi.list(params),
  });
  /** The value, or undefined while loading or after an error (value() throws in the error state). */
  protected readonly resultValue = computed(() => (this.result.hasValue() ? this.result.value() : undefined));
  protected readonly problem = computed(() => (this.result.error() ? toProblem(this.result.error()) : null));
  protected readonly truncated = computed(() => {
    const page = this.resultValue();
    return page ? page.total > page.items.length : false;
  });

  protected readonly areas = toSignal(this.referenceApi.areas().pipe(catchError(() => of([]))), { initialValue: [] });
  protected readonly parties = toSignal(this.referenceApi.parties().pipe(catchError(() => of([]))), { initialValue: [] });
  protected readonly agreements = toSignal(this.agreementsApi.summaries().pipe(catchError(() => of([]))), { initialValue: [] });

  protected readonly weekdays = WEEKDAYS;
  protected readonly narrow = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 719.98px)')
      .pipe(map((s) => s.matches)),
    { initialValue: false },
  );

  protected readonly cells = computed<DayCell[][]>(() => {
    const byDay = new Map<string, CommitmentSummaryDto[]>();
    for (const item of this.resultValue()?.items ?? []) {
      if (item.dueDate) byDay.set(item.dueDate, [...(byDay.get(item.dueDate) ?? []), item]);
    }
    const first = firstDayOfMonth(this.month());
    const last = lastDayOfMonth(this.month());
    return this.weeks().map((week) =>
      week.map((date) => {
        const items = (byDay.get(date) ?? []).map((item) => {
          const flag = item.flags.find((f) => f !== 'stale') ?? null;
          return {
            ...item,
            icon: flag ? FLAG_APPEARANCE[flag].icon : 'event',
            tone: flag ?? 'none',
            flagText: item.flags.map((f) => FLAG_LABELS[f]).join(', '),
          };
        });
        return {
          date,
          day: Number(date.slice(8)),
          inMonth: date >= first && date <= last,
          isToday: date === this.today(),
          dateLabel: formatDay(date),
          label: `${formatDay(date)}: ${items.length ? `${items.length} ${items.length === 1 ? 'deadline' : 'deadlines'}` : 'no deadlines'}`,
          items,
        };
      }),
    );
  });
  /** For phones: only the days of this month that have deadlines. */
  protected readonly agenda = computed(() =>
    this.cells()
      .flat()
      .filter((c) => c.inMonth && c.items.length),
  );

  // iCal subscription for the current filters. A feed link is made for one filter: when the filters change,
  // the link made for the old ones is no longer shown.
  private readonly feedFilter = computed(() => feedFilterOf(this.filters()));
  private readonly feedFilterKey = computed(() => JSON.stringify(this.feedFilter()));
  private readonly feedLink = signal<{ url: string; filterKey: string } | null>(null);
  protected readonly feedBusy = signal(false);
  protected readonly feedError = signal<string | null>(null);
  protected readonly copied = signal(false);
  /** The private link made on this page for the current filters, if any (its token is shown only now). */
  protected readonly privateUrl = computed(() => {
    const link = this.feedLink();
    return link && link.filterKey === this.feedFilterKey() ? link.url : null;
  });
  protected readonly feedUrl = computed(() => this.privateUrl() ?? absoluteUrl(deadlinesFeedPath(this.filters()), this.origin));
  protected readonly webcal = computed(() => webcalUrl(this.feedUrl()));

  protected go(month: string | null): void {
    const params = { ...commitmentQueryToParams(this.filters()), month: month ?? undefined };
    void this.router.navigate([], { relativeTo: this.route, queryParams: params });
  }

  protected prev(): void {
    this.go(addMonths(this.month(), -1));
  }

  protected next(): void {
    this.go(addMonths(this.month(), 1));
  }

  protected filtered(query: CommitmentQuery): void {
    const { dueFrom: _from, dueTo: _to, ...rest } = filtersOnly(query);
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { ...commitmentQueryToParams(rest), month: this.params()['month'] },
    });
  }

  /**
   * A feed link makes the feed readable by calendar apps, which cannot sign in. Its token reads this one calendar
   * (these filters) and nothing else, and is shown once; it is listed and revoked on the account page.
   */
  protected async createFeedToken(): Promise<void> {
    this.feedBusy.set(true);
    this.feedError.set(null);
    const filterKey = this.feedFilterKey();
    try {
      const created = await firstValueFrom(
        this.accountApi.createFeedToken({ name: `Calendar (${this.session.today()})`, feed: 'deadlines', filter: this.feedFilter() }),
      );
      this.feedLink.set({ url: created.url, filterKey });
      this.copied.set(false);
    } catch (error: unknown) {
      this.feedError.set(problemMessage(error));
    } finally {
      this.feedBusy.set(false);
    }
  }

  protected copy(): void {
    this.copied.set(this.clipboard.copy(this.feedUrl()));
  }
}
