import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { QuoteProvenance } from '@pactwatch/web/feature-sources';
import { RouterLink } from '@angular/router';
import type { CommitmentDetailDto } from '@pactwatch/shared/contracts';
import { AGREEMENT_KIND_LABELS } from '@pactwatch/shared/contracts';
import { AgreementsApi, CommitmentsApi, ReferenceApi, SessionStore, navigationNotice, toProblem } from '@pactwatch/web/data-access';
import { CommitmentMiniList, DeadlineText, ErrorState, FlagList, LoadingState, ProgressBar, StatusChip } from '@pactwatch/web/ui';
import { formatDay, isIsoDateString } from '@pactwatch/web/util';
import { catchError, of } from 'rxjs';
import { CommitmentEditForm } from './commitment-edit-form';
import { StatusHistory } from './status-history';
import { StatusUpdateForm } from './status-update-form';
import { WatchButton } from './watch-button';

@Component({
  selector: 'pw-commitment-detail-page',
  imports: [
    RouterLink,
    MatButton,
    MatIcon,
    LoadingState,
    ErrorState,
    StatusChip,
    FlagList,
    ProgressBar,
    DeadlineText,
    CommitmentMiniList,
    StatusHistory,
    StatusUpdateForm,
    CommitmentEditForm,
    WatchButton,
    QuoteProvenance,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './commitment-detail-page.html',
  styleUrl: './commitment-detail-page.scss',
})
export class CommitmentDetailPage {
  private readonly api = inject(CommitmentsApi);
  private readonly agreementsApi = inject(AgreementsApi);
  private readonly referenceApi = inject(ReferenceApi);
  protected readonly session = inject(SessionStore);

  /** Route param: an id or a reference code. */
  readonly ref = input.required<string>();
  /** ?asOf=YYYY-MM-DD: the commitment as it stood then (read-only). */
  readonly asOf = input<string>();

  protected readonly asOfDate = computed(() => (isIsoDateString(this.asOf()) ? (this.asOf() as string) : null));
  protected readonly commitment = rxResource({
    params: () => ({ ref: this.ref(), asOf: this.asOfDate() ?? undefined }),
    stream: ({ params }) => this.api.get(params.ref, params.asOf),
  });
  protected readonly problem = computed(() => (this.commitment.error() ? toProblem(this.commitment.error()) : null));
  protected readonly c = computed(() => (this.commitment.hasValue() ? this.commitment.value() : null));

  protected readonly editing = signal(false);
  protected readonly notice = signal<string | null>(navigationNotice());
  protected readonly canEdit = computed(() => this.session.canEdit() && !this.asOfDate());
  protected readonly today = computed(() => this.asOfDate() ?? this.session.today());

  /** The anchor events of the commitment's agreement, for the deadline editor; only loaded when editing. */
  private readonly agreement = rxResource({
    params: () => (this.editing() && this.c() ? this.c()?.agreement.id : undefined),
    stream: ({ params }) => this.agreementsApi.get(params).pipe(catchError(() => of(null))),
  });
  /** The value, or undefined while loading or after an error (value() throws in the error state). */
  protected readonly agreementValue = computed(() => (this.agreement.hasValue() ? this.agreement.value() : undefined));
  protected readonly anchorEvents = computed(() => {
    const fromAgreement = this.agreementValue()?.anchorEvents ?? [];
    const own = this.c()?.anchorEvent;
    return own && !fromAgreement.some((a) => a.id === own.id) ? [own, ...fromAgreement] : fromAgreement;
  });
  private readonly reference = rxResource({
    params: () => (this.editing() ? true : undefined),
    stream: () => this.referenceApi.parties().pipe(catchError(() => of([]))),
  });
  /** The value, or undefined while loading or after an error (value() throws in the error state). */
  protected readonly referenceValue = computed(() => (this.reference.hasValue() ? this.reference.value() : undefined));
  private readonly areaList = rxResource({
    params: () => (this.editing() ? true : undefined),
    stream: () => this.referenceApi.areas().pipe(catchError(() => of([]))),
  });
  /** The value, or undefined while loading or after an error (value() throws in the error state). */
  protected readonly areaListValue = computed(() => (this.areaList.hasValue() ? this.areaList.value() : undefined));
  protected readonly parties = computed(() => this.referenceValue() ?? []);
  protected readonly areas = computed(() => this.areaListValue() ?? []);

  protected readonly agreementKind = computed(() => {
    const kind = this.c()?.agreement.kind;
    return kind ? AGREEMENT_KIND_LABELS[kind] : '';
  });
  protected readonly signedOn = computed(() => {
    const date = this.c()?.agreement.signedOn;
    return date ? formatDay(date) : '';
  });
  protected readonly lastVerified = computed(() => {
    const date = this.c()?.lastVerifiedOn;
    return date ? formatDay(date) : 'Never';
  });
  protected readonly anchorLine = computed(() => {
    const anchor = this.c()?.anchorEvent;
    if (!anchor) return '';
    return anchor.occurredOn ? `${anchor.name}: ${formatDay(anchor.occurredOn)}` : `${anchor.name}: date pending`;
  });

  protected replace(updated: CommitmentDetailDto, message?: string): void {
    this.commitment.set(updated);
    if (message) this.notice.set(message);
  }

  protected saved(updated: CommitmentDetailDto): void {
    this.replace(updated, 'Changes saved.');
    this.editing.set(false);
  }

  protected watchChanged(watching: boolean): void {
    this.notice.set(watching ? 'You are now watching this commitment.' : 'You no longer watch this commitment.');
  }
}
