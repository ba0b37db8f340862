import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, output } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatFormField, MatLabel, MatPrefix, MatSuffix } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import type { AgreementSummaryDto, CommitmentQuery, PartyDto, PolicyAreaDto } from '@pactwatch/shared/contracts';
import { FLAG_LABELS, IMPLEMENTATION_STATUSES, SCHEDULE_FLAGS, STATUS_LABELS } from '@pactwatch/shared/deadlines';
import { activeFilterCount } from '@pactwatch/web/data-access';
import { FLAG_APPEARANCE, STATUS_ICONS } from '@pactwatch/web/ui';
import { isIsoDateString } from '@pactwatch/web/util';
import { Subject, debounceTime, distinctUntilChanged } from 'rxjs';

type ListKey = 'status' | 'flag' | 'area' | 'party' | 'agreement';
type DateKey = 'dueFrom' | 'dueTo' | 'asOf';

/**
 * Every filter the commitments API offers. Stateless: the URL is the state. It shows `query`
 * and emits the next query on each change (always back to page 1).
 */
@Component({
  selector: 'pw-commitment-filters',
  imports: [MatFormField, MatLabel, MatPrefix, MatSuffix, MatInput, MatSelect, MatOption, MatIcon, MatButton, MatIconButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './commitment-filters.html',
  styleUrl: './commitment-filters.scss',
})
export class CommitmentFilters {
  readonly query = input.required<CommitmentQuery>();
  readonly areas = input<readonly PolicyAreaDto[]>([]);
  readonly parties = input<readonly PartyDto[]>([]);
  readonly agreements = input<readonly AgreementSummaryDto[]>([]);
  readonly queryChange = output<CommitmentQuery>();

  protected readonly statuses = IMPLEMENTATION_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value], icon: STATUS_ICONS[value] }));
  protected readonly flags = SCHEDULE_FLAGS.map((value) => ({ value, label: FLAG_LABELS[value], icon: FLAG_APPEARANCE[value].icon }));
  protected readonly activeCount = computed(() => activeFilterCount(this.query()));

  /** Values in the URL that the reference lists don't know (yet) still show as selected. */
  protected readonly areaOptions = computed(() =>
    withUnknown(
      this.areas().map((a) => ({ value: a.slug, label: a.name })),
      this.query().area,
    ),
  );
  protected readonly partyOptions = computed(() =>
    withUnknown(
      this.parties().map((p) => ({ value: p.code, label: `${p.name} (${p.code})` })),
      this.query().party,
    ),
  );
  protected readonly agreementOptions = computed(() =>
    withUnknown(
      this.agreements().map((a) => ({ value: a.id, label: a.title })),
      this.query().agreement,
    ),
  );

  private readonly search$ = new Subject<{ key: 'q' | 'responsibleBody'; value: string }>();

  constructor() {
    const subscription = this.search$
      .pipe(
        debounceTime(300),
        distinctUntilChanged((a, b) => a.key === b.key && a.value === b.value),
      )
      .subscribe(({ key, value }) => this.emit({ [key]: value.trim() || undefined }));
    inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
  }

  protected typed(key: 'q' | 'responsibleBody', value: string): void {
    this.search$.next({ key, value });
  }

  protected submitSearch(value: string): void {
    this.emit({ q: value.trim() || undefined });
  }

  protected selected(key: ListKey, values: string[]): void {
    this.emit({ [key]: values.length ? values : undefined });
  }

  protected dated(key: DateKey, value: string): void {
    this.emit({ [key]: isIsoDateString(value) ? value : undefined });
  }

  protected clearAll(): void {
    const { sort, pageSize } = this.query();
    this.queryChange.emit({ sort, pageSize });
  }

  private emit(change: Partial<CommitmentQuery>): void {
    const next: CommitmentQuery = { ...this.query(), ...change, page: undefined };
    for (const key of Object.keys(change) as (keyof CommitmentQuery)[]) {
      if (next[key] === undefined) delete next[key];
    }
    delete next.page;
    this.queryChange.emit(next);
  }
}

function withUnknown(options: { value: string; label: string }[], selected: readonly string[] | undefined) {
  const known = new Set(options.map((o) => o.value));
  return [...options, ...(selected ?? []).filter((v) => !known.has(v)).map((value) => ({ value, label: value }))];
}
