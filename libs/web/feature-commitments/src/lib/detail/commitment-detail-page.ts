import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatDialog } from '@angular/material/dialog';
import { QuoteProvenance } from '@pactwatch/web/feature-sources';
import { Router, RouterLink } from '@angular/router';
import type { CommitmentDetailDto, StatusUpdateDto } from '@pactwatch/shared/contracts';
import { AGREEMENT_KIND_LABELS } from '@pactwatch/shared/contracts';
import { AgreementsApi, CommitmentsApi, ReferenceApi, SessionStore, navigationNotice, toProblem } from '@pactwatch/web/data-access';
import { CommitmentMiniList, DeadlineText, ErrorState, FlagList, LoadingState, ProgressBar, StatusChip } from '@pactwatch/web/ui';
import { formatDay, formatInstant, isIsoDateString } from '@pactwatch/web/util';
import { catchError, firstValueFrom, of } from 'rxjs';
import { ArchiveDialog, ArchiveDialogData } from './archive-dialog';
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
  protected readonly asOfLabel = computed(() => {
    const date = this.asOfDate();
    return date ? formatDay(date) : '';
  });
  protected readonly commitment = rxResource({
    params: () => ({ ref: this.ref(), asOf: this.asOfDate() ?? undefined }),
    stream: ({ params }) => this.api.get(params.ref, params.asOf),
  });
  protected readonly problem = computed(() => (this.commitment.error() ? toProblem(this.commitment.error()) : null));
  protected readonly c = computed(() => (this.commitment.hasValue() ? this.commitment.value() : null));

  protected readonly editing = signal(false);
  /** The history entry the analyst is correcting. */
  protected readonly correcting = signal<StatusUpdateDto | null>(null);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  protected readonly notice = signal<string | null>(navigationNotice());
  /** Not on an as-of view, nor on an archived commitment (an admin restores it first). */
  protected readonly canEdit = computed(() => this.session.canEdit() && !this.asOfDate() && !this.c()?.archivedAt);
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

  protected readonly watcherLine = computed(() => {
    const c = this.c();
    if (!c) return '';
    const others = c.watcherCount - (c.watchedByMe ? 1 : 0);
    if (c.watcherCount === 0) return 'Nobody watches this commitment yet.';
    const count = `${c.watcherCount} ${c.watcherCount === 1 ? 'person watches' : 'people watch'} this commitment`;
    return c.watchedByMe ? `${count}: you${others > 0 ? ` and ${others} other${others === 1 ? '' : 's'}` : ''}.` : `${count}.`;
  });
  protected readonly archivedOn = computed(() => {
    const at = this.c()?.archivedAt;
    return at ? formatInstant(at, this.session.timeZone()) : '';
  });

  protected startCorrection(entry: StatusUpdateDto): void {
    this.correcting.set(entry);
    document.getElementById('pw-status-form')?.scrollIntoView({ block: 'start' });
    queueMicrotask(() => document.querySelector<HTMLElement>('#pw-status-form [data-field="status"]')?.focus());
  }

  /** Archives after a confirmation that says what it means; then back to the list. */
  protected async archive(c: CommitmentDetailDto): Promise<void> {
    const confirmed = await firstValueFrom(
      this.dialog
        .open<
          ArchiveDialog,
          ArchiveDialogData,
          boolean
        >(ArchiveDialog, { data: { refCode: c.refCode, title: c.title, children: c.children.length } })
        .afterClosed(),
    );
    if (confirmed !== true) return;
    try {
      await firstValueFrom(this.api.archive(c.id, c.version));
      await this.router.navigate(['/agreements', c.agreement.id], {
        state: { notice: `${c.refCode} was archived. An admin can restore it.` },
      });
    } catch (error: unknown) {
      const problem = toProblem(error);
      this.notice.set(
        problem.status === 409 ? 'Someone changed this commitment meanwhile; reload it and try again.' : `Not archived: ${problem.title}`,
      );
    }
  }

  protected watchChanged(watching: boolean): void {
    this.notice.set(watching ? 'You are now watching this commitment.' : 'You no longer watch this commitment.');
    // The watchers card shows the server's view of who watches; read it again (the value stays on screen
    // while it reloads, and the forms keep what is being typed in them).
    this.commitment.reload();
  }
}
