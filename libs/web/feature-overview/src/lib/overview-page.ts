import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import type { CommitmentQuery, DashboardSummaryDto, IsoDate, WatchDto } from '@pactwatch/shared/contracts';
import {
  AccountApi,
  CommitmentsApi,
  DashboardApi,
  ReferenceApi,
  SessionStore,
  commitmentQueryToParams,
  toProblem,
} from '@pactwatch/web/data-access';
import {
  CommitmentMiniList,
  DeadlineText,
  EmptyState,
  ErrorState,
  FlagList,
  LoadingState,
  PageHeader,
  StatusChip,
  statusLabel,
} from '@pactwatch/web/ui';
import { addDays, formatDay, formatInstant, isIsoDateString } from '@pactwatch/web/util';
import { catchError, of } from 'rxjs';
import { DeadlineTimeline } from './deadline-timeline';
import { LastVisit } from './last-visit';
import { StatusCharts } from './status-charts';

interface Counter {
  label: string;
  /** Null until the summary has come: the tile is drawn at once, its number waits. */
  value: number | null;
  icon: string;
  tone: string;
  params: Record<string, string>;
}

const TIMELINE_DAYS = 90;
/**
 * Rows in each list card (overdue, next deadlines, recent changes, watchlist). The cards keep the room of
 * this many fixed-height rows from the first paint, so nothing below them moves when the data comes.
 */
const SLOT_ROWS = 5;
/** Markers on the 90-day axis; more would not be readable, and the list page shows them all. */
const TIMELINE_LIMIT = 100;

@Component({
  selector: 'pw-overview-page',
  imports: [
    DecimalPipe,
    RouterLink,
    MatButton,
    MatIcon,
    MatFormField,
    MatLabel,
    MatHint,
    MatInput,
    PageHeader,
    LoadingState,
    ErrorState,
    EmptyState,
    CommitmentMiniList,
    FlagList,
    StatusChip,
    DeadlineText,
    DeadlineTimeline,
    StatusCharts,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './overview-page.html',
  styleUrl: './overview-page.scss',
})
export class OverviewPage {
  private readonly router = inject(Router);
  private readonly dashboardApi = inject(DashboardApi);
  private readonly commitmentsApi = inject(CommitmentsApi);
  private readonly accountApi = inject(AccountApi);
  private readonly referenceApi = inject(ReferenceApi);
  protected readonly session = inject(SessionStore);
  private readonly lastVisit = inject(LastVisit);
  protected readonly slotRows = SLOT_ROWS;

  /** ?asOf=YYYY-MM-DD: the dashboard as it stood at the end of that day. */
  readonly asOf = input<string>();

  protected readonly asOfDate = computed<IsoDate | null>(() => {
    const value = this.asOf();
    return isIsoDateString(value) ? value : null;
  });
  protected readonly asOfLabel = computed(() => {
    const date = this.asOfDate();
    return date ? formatDay(date) : '';
  });

  protected readonly summary = rxResource({
    params: () => ({ asOf: this.asOfDate() }),
    stream: ({ params }) => this.dashboardApi.summary(params.asOf),
  });
  /** The value, or undefined while loading or after an error (value() throws in the error state). */
  protected readonly summaryValue = computed(() => (this.summary.hasValue() ? this.summary.value() : undefined));
  protected readonly summaryProblem = computed(() => (this.summary.error() ? toProblem(this.summary.error()) : null));

  /** The day the page describes: the as-of date, else today in the workspace time zone. */
  protected readonly today = computed<IsoDate>(() => this.asOfDate() ?? this.summaryValue()?.today ?? this.session.today());

  protected readonly commitments = rxResource({
    params: () => ({ sort: 'due_date' as const, pageSize: 10, asOf: this.asOfDate() ?? undefined }),
    stream: ({ params }) => this.commitmentsApi.list(params),
  });
  /** The value, or undefined while loading or after an error (value() throws in the error state). */
  protected readonly commitmentsValue = computed(() => (this.commitments.hasValue() ? this.commitments.value() : undefined));
  protected readonly commitmentsProblem = computed(() => (this.commitments.error() ? toProblem(this.commitments.error()) : null));

  protected readonly timelineRange = computed(() => ({ from: this.today(), to: addDays(this.today(), TIMELINE_DAYS) }));
  /**
   * The timeline is the heaviest answer of the page; it is asked for once the summary has come
   * (or failed), so the counters and lists render first instead of sharing the server with it.
   */
  protected readonly timeline = rxResource({
    params: () =>
      this.summary.isLoading()
        ? undefined
        : {
            dueFrom: this.timelineRange().from,
            dueTo: this.timelineRange().to,
            sort: 'due_date' as const,
            pageSize: TIMELINE_LIMIT,
            asOf: this.asOfDate() ?? undefined,
          },
    stream: ({ params }) => this.commitmentsApi.list(params),
  });
  /** The value, or undefined while loading or after an error (value() throws in the error state). */
  protected readonly timelineValue = computed(() => (this.timeline.hasValue() ? this.timeline.value() : undefined));
  /** Until the API filters by due date everywhere, keep the timeline honest on the client too. */
  protected readonly timelineItems = computed(() => {
    const { from, to } = this.timelineRange();
    return (this.timelineValue()?.items ?? []).filter((c) => c.dueDate !== null && c.dueDate >= from && c.dueDate <= to);
  });
  protected readonly timelineProblem = computed(() => (this.timeline.error() ? toProblem(this.timeline.error()) : null));
  /** More deadlines in the window than the timeline shows: link to all of them. */
  protected readonly timelineMore = computed(() => {
    const page = this.timelineValue();
    if (!page || page.total <= page.items.length) return null;
    const { from, to } = this.timelineRange();
    return {
      shown: page.items.length,
      total: page.total,
      params: commitmentQueryToParams({ dueFrom: from, dueTo: to, asOf: this.asOfDate() ?? undefined }),
    };
  });

  protected readonly watches = rxResource({
    params: () => (this.session.signedIn() ? { user: this.session.user()?.id } : undefined),
    stream: () => this.accountApi.watches(),
  });
  /** The value, or undefined while loading or after an error (value() throws in the error state). */
  protected readonly watchesValue = computed(() => (this.watches.hasValue() ? this.watches.value() : undefined));
  private readonly areas = rxResource({
    params: () => (this.watchesValue()?.some((w) => w.targetType === 'area') ? true : undefined),
    stream: () => this.referenceApi.areas().pipe(catchError(() => of([]))),
  });
  /** The value, or undefined while loading or after an error (value() throws in the error state). */
  protected readonly areasValue = computed(() => (this.areas.hasValue() ? this.areas.value() : undefined));

  protected readonly counters = computed<Counter[]>(() => this.countersOf(this.summaryValue() ?? null, this.asOfDate() ?? undefined));

  private countersOf(s: DashboardSummaryDto | null, asOf: IsoDate | undefined): Counter[] {
    const f = s?.byFlag;
    const sum = (...values: (number | undefined)[]) => (s ? values.reduce<number>((total, v) => total + (v ?? 0), 0) : null);
    const counters: (Omit<Counter, 'params'> & { query: CommitmentQuery })[] = [
      { label: 'Commitments', value: s?.total ?? null, icon: 'checklist', tone: 'neutral', query: { asOf } },
      { label: 'Overdue', value: f?.overdue ?? null, icon: 'error', tone: 'overdue', query: { flag: ['overdue'], asOf } },
      {
        label: 'Due within 7 days',
        value: sum(f?.due_today, f?.due_soon),
        icon: 'alarm',
        tone: 'soon',
        query: { flag: ['due_today', 'due_soon'], asOf },
      },
      {
        label: 'Due within 30 days',
        value: sum(f?.due_today, f?.due_soon, f?.upcoming),
        icon: 'event_upcoming',
        tone: 'upcoming',
        query: { flag: ['due_today', 'due_soon', 'upcoming'], asOf },
      },
      { label: 'At risk', value: s?.byStatus.at_risk ?? null, icon: 'warning', tone: 'risk', query: { status: ['at_risk'], asOf } },
      {
        label: 'Completed',
        value: s?.byStatus.completed ?? null,
        icon: 'check_circle',
        tone: 'done',
        query: { status: ['completed'], asOf },
      },
    ];
    return counters.map(({ query, ...counter }) => ({ ...counter, params: commitmentQueryToParams(query) }));
  }
  protected readonly allParams = computed(() => commitmentQueryToParams({ asOf: this.asOfDate() ?? undefined }));

  protected readonly overdue = computed(() => (this.summaryValue()?.overdue ?? []).slice(0, SLOT_ROWS));
  /** More overdue than the card shows: a link to all of them. */
  protected readonly overdueMore = computed(() => {
    const total = this.summaryValue()?.byFlag.overdue ?? 0;
    return total > this.overdue().length
      ? { total, params: commitmentQueryToParams({ flag: ['overdue'], asOf: this.asOfDate() ?? undefined }) }
      : null;
  });
  protected readonly nextDeadlines = computed(() => (this.summaryValue()?.nextDeadlines ?? []).slice(0, SLOT_ROWS));
  protected readonly nextMore = computed(() => {
    const s = this.summaryValue();
    if (!s || s.nextDeadlines.length <= SLOT_ROWS) return null;
    return { params: commitmentQueryToParams({ flag: ['due_today', 'due_soon', 'upcoming'], asOf: this.asOfDate() ?? undefined }) };
  });

  /** Whose "last visit" marks the recent changes: the signed-in user, or this browser on the public portal. */
  private readonly visitor = computed(() => this.session.user()?.id ?? 'anonymous');
  /** The previous visit's mark; none on a past day's dashboard, where "new" means nothing. */
  private readonly since = computed(() => (this.asOfDate() ? null : this.lastVisit.since(this.visitor())));
  private readonly allRecentChanges = computed(() => this.summaryValue()?.recentChanges ?? []);
  protected readonly recentChanges = computed(() => {
    const since = this.since();
    return this.allRecentChanges()
      .slice(0, SLOT_ROWS)
      .map((change) => ({
        ...change,
        when: formatInstant(change.at, this.session.timeZone()),
        before: change.statusBefore ? statusLabel(change.statusBefore) : null,
        isNew: since !== null && Date.parse(change.at) > Date.parse(since),
      }));
  });
  protected readonly newChanges = computed(() => {
    const since = this.since();
    return since === null ? 0 : this.allRecentChanges().filter((change) => Date.parse(change.at) > Date.parse(since)).length;
  });

  protected readonly watchMore = computed(() => {
    const total = this.watchesValue()?.length ?? 0;
    return total > SLOT_ROWS ? total : null;
  });
  protected readonly watchLinks = computed(() => {
    const areas = this.areasValue() ?? [];
    return (this.watchesValue() ?? []).slice(0, SLOT_ROWS).map((watch: WatchDto) => ({
      ...watch,
      icon: watch.targetType === 'commitment' ? 'task_alt' : watch.targetType === 'agreement' ? 'handshake' : 'category',
      link: this.watchLink(watch, areas),
    }));
  });

  constructor() {
    // What this visit showed becomes the mark of the next one.
    effect(() => {
      const changes = this.allRecentChanges();
      if (changes.length === 0 || this.asOfDate()) return;
      this.since(); // this visit's mark is read (and kept for the session) before it moves
      const newest = changes.reduce((latest, change) => (Date.parse(change.at) > Date.parse(latest) ? change.at : latest), changes[0].at);
      this.lastVisit.seen(this.visitor(), newest);
    });
  }

  protected setAsOf(value: string): void {
    const asOf = isIsoDateString(value) && value < this.session.today() ? value : null;
    void this.router.navigate([], { queryParams: { asOf }, queryParamsHandling: 'merge' });
  }

  private watchLink(watch: WatchDto, areas: { id: string; slug: string }[]): { path: string[]; query: Record<string, string> } {
    switch (watch.targetType) {
      case 'commitment':
        return { path: ['/commitments', watch.targetId], query: {} };
      case 'agreement':
        return { path: ['/agreements', watch.targetId], query: {} };
      case 'area':
        return { path: ['/commitments'], query: { area: areas.find((a) => a.id === watch.targetId)?.slug ?? watch.targetId } };
    }
  }
}
