import { BreakpointObserver } from '@angular/cdk/layout';
import { formatNumber } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, LOCALE_ID } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { MatAnchor } from '@angular/material/button';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatPaginator, type PageEvent } from '@angular/material/paginator';
import { MatSort, MatSortHeader, type Sort } from '@angular/material/sort';
import {
  MatCell,
  MatCellDef,
  MatColumnDef,
  MatHeaderCell,
  MatHeaderCellDef,
  MatHeaderRow,
  MatHeaderRowDef,
  MatRow,
  MatRowDef,
  MatTable,
} from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { COMMITMENT_SORTS, type CommitmentQuery, type CommitmentSort, type CommitmentSummaryDto } from '@pactwatch/shared/contracts';
import {
  AgreementsApi,
  CommitmentsApi,
  DEFAULT_PAGE_SIZE,
  DEFAULT_SORT,
  PAGE_SIZES,
  ReferenceApi,
  SessionStore,
  commitmentQueryToParams,
  parseCommitmentQuery,
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
  ProgressBar,
  StatusChip,
} from '@pactwatch/web/ui';
import { formatDay } from '@pactwatch/web/util';
import { catchError, map, of } from 'rxjs';
import { CommitmentFilters } from './commitment-filters';

/** Table column → the API sort key it orders by. */
const SORTABLE: Record<string, string> = { ref: 'ref_code', title: 'title', due: 'due_date', status: 'status', progress: 'progress' };

@Component({
  selector: 'pw-commitments-page',
  imports: [
    RouterLink,
    MatAnchor,
    MatIcon,
    MatTable,
    MatColumnDef,
    MatHeaderCell,
    MatHeaderCellDef,
    MatCell,
    MatCellDef,
    MatHeaderRow,
    MatHeaderRowDef,
    MatRow,
    MatRowDef,
    MatSort,
    MatSortHeader,
    MatPaginator,
    PageHeader,
    LoadingState,
    ErrorState,
    EmptyState,
    FlagList,
    StatusChip,
    ProgressBar,
    DeadlineText,
    CommitmentFilters,
    CommitmentMiniList,
    MatFormField,
    MatLabel,
    MatSelect,
    MatOption,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './commitments-page.html',
  styleUrl: './commitments-page.scss',
})
export class CommitmentsPage {
  private readonly locale = inject(LOCALE_ID);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly commitmentsApi = inject(CommitmentsApi);
  private readonly referenceApi = inject(ReferenceApi);
  private readonly agreementsApi = inject(AgreementsApi);
  protected readonly session = inject(SessionStore);

  /** The URL's query string is the only state: a view can be shared as a link. */
  private readonly params = toSignal(this.route.queryParams, { initialValue: {} });
  protected readonly query = computed<CommitmentQuery>(() => parseCommitmentQuery(this.params()));

  protected readonly result = rxResource({
    params: () => this.query(),
    stream: ({ params }) => this.commitmentsApi.list(params),
  });
  /** The value, or undefined while loading or after an error (value() throws in the error state). */
  protected readonly resultValue = computed(() => (this.result.hasValue() ? this.result.value() : undefined));
  protected readonly problem = computed(() => (this.result.error() ? toProblem(this.result.error()) : null));
  protected readonly rows = computed<CommitmentSummaryDto[]>(() => this.resultValue()?.items ?? []);

  // Reference lists for the filter menus; a failure only leaves a menu shorter.
  protected readonly areas = toSignal(this.referenceApi.areas().pipe(catchError(() => of([]))), { initialValue: [] });
  protected readonly parties = toSignal(this.referenceApi.parties().pipe(catchError(() => of([]))), { initialValue: [] });
  protected readonly agreements = toSignal(this.agreementsApi.summaries().pipe(catchError(() => of([]))), { initialValue: [] });

  private readonly narrow = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 959.98px)')
      .pipe(map((s) => s.matches)),
    { initialValue: false },
  );
  /** Beside the navigation, a laptop screen fits every column but the parties (they are on each commitment's page). */
  private readonly medium = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 1439.98px)')
      .pipe(map((s) => s.matches)),
    { initialValue: false },
  );
  protected readonly phone = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 599.98px)')
      .pipe(map((s) => s.matches)),
    { initialValue: false },
  );
  protected readonly sortOptions = [
    { value: 'due_date', label: 'Due date, soonest first' },
    { value: '-due_date', label: 'Due date, latest first' },
    { value: 'ref_code', label: 'Reference' },
    { value: 'title', label: 'Title' },
    { value: 'status', label: 'Status' },
    { value: '-progress', label: 'Progress, most first' },
    { value: '-updated_at', label: 'Recently updated' },
  ];
  protected readonly columns = computed(() => {
    if (this.narrow()) return ['ref', 'title', 'due', 'flags'];
    return this.medium()
      ? ['ref', 'title', 'due', 'status', 'progress', 'flags']
      : ['ref', 'title', 'parties', 'due', 'status', 'progress', 'flags'];
  });

  protected readonly today = computed(() => this.query().asOf ?? this.session.today());
  protected readonly asOfLabel = computed(() => (this.query().asOf ? formatDay(this.query().asOf as string) : ''));
  protected readonly pageSizes = PAGE_SIZES;
  protected readonly pageIndex = computed(() => (this.query().page ?? 1) - 1);
  protected readonly pageSize = computed(() => this.query().pageSize ?? DEFAULT_PAGE_SIZE);
  protected readonly sortActive = computed(() => {
    const key = (this.query().sort ?? DEFAULT_SORT).replace(/^-/, '');
    return Object.entries(SORTABLE).find(([, api]) => api === key)?.[0] ?? '';
  });
  protected readonly sortDirection = computed(() => ((this.query().sort ?? DEFAULT_SORT).startsWith('-') ? 'desc' : 'asc'));
  protected readonly exportUrl = computed(() => this.commitmentsApi.exportCsvUrl(this.query()));
  protected readonly summary = computed(() => {
    const page = this.resultValue();
    if (!page) return '';
    if (page.total === 0) return 'No commitments match';
    const total = `${formatNumber(page.total, this.locale)} ${page.total === 1 ? 'commitment' : 'commitments'}`;
    const first = (page.page - 1) * page.pageSize + 1;
    const last = first + page.items.length - 1;
    // "1–50 of 120 commitments" only when there is more than one page to tell apart.
    if (first === 1 && last >= page.total) return total;
    return `${formatNumber(first, this.locale)}–${formatNumber(last, this.locale)} of ${total}`;
  });

  protected navigate(query: CommitmentQuery): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: commitmentQueryToParams(query) });
  }

  protected sorted(sort: Sort): void {
    const key = SORTABLE[sort.active];
    const candidate = sort.direction === 'desc' ? `-${key}` : key;
    const valid = sort.direction && (COMMITMENT_SORTS as readonly string[]).includes(candidate);
    this.navigate({ ...this.query(), sort: valid ? (candidate as CommitmentSort) : undefined, page: undefined });
  }

  protected sortBy(sort: string): void {
    const valid = (COMMITMENT_SORTS as readonly string[]).includes(sort);
    this.navigate({ ...this.query(), sort: valid ? (sort as CommitmentSort) : undefined, page: undefined });
  }

  protected paged(event: PageEvent): void {
    const sizeChanged = event.pageSize !== this.pageSize();
    this.navigate({ ...this.query(), page: sizeChanged ? undefined : event.pageIndex + 1, pageSize: event.pageSize });
  }
}
