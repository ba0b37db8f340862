import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { AGREEMENT_KIND_LABELS, type AnchorEventDto } from '@pactwatch/shared/contracts';
import {
  AgreementsApi,
  CommitmentsApi,
  SessionStore,
  commitmentQueryToParams,
  navigationNotice,
  toProblem,
} from '@pactwatch/web/data-access';
import { DeadlineText, EmptyState, ErrorState, FlagList, LoadingState, ProgressBar, StatusChip } from '@pactwatch/web/ui';
import { SourceDocumentsSection } from '@pactwatch/web/feature-sources';
import { formatDay } from '@pactwatch/web/util';
import { AnchorCreateForm } from './anchor-create-form';
import { AnchorEditor } from './anchor-editor';
import { AnchorHistory } from './anchor-history';

@Component({
  selector: 'pw-agreement-detail-page',
  imports: [
    DecimalPipe,
    RouterLink,
    MatButton,
    MatIcon,
    LoadingState,
    ErrorState,
    EmptyState,
    ProgressBar,
    StatusChip,
    FlagList,
    DeadlineText,
    AnchorEditor,
    AnchorHistory,
    AnchorCreateForm,
    SourceDocumentsSection,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './agreement-detail-page.html',
  styleUrl: './agreement-detail-page.scss',
})
export class AgreementDetailPage {
  private readonly agreementsApi = inject(AgreementsApi);
  private readonly commitmentsApi = inject(CommitmentsApi);
  protected readonly session = inject(SessionStore);

  readonly id = input.required<string>();

  protected readonly agreement = rxResource({ params: () => this.id(), stream: ({ params }) => this.agreementsApi.get(params) });
  protected readonly problem = computed(() => (this.agreement.error() ? toProblem(this.agreement.error()) : null));
  protected readonly a = computed(() => (this.agreement.hasValue() ? this.agreement.value() : null));

  protected readonly commitments = rxResource({
    params: () => ({ agreement: [this.id()], sort: 'due_date' as const, pageSize: 200 }),
    stream: ({ params }) => this.commitmentsApi.list(params),
  });
  /** The value, or undefined while loading or after an error (value() throws in the error state). */
  protected readonly commitmentsValue = computed(() => (this.commitments.hasValue() ? this.commitments.value() : undefined));
  protected readonly commitmentsProblem = computed(() => (this.commitments.error() ? toProblem(this.commitments.error()) : null));
  /** Top-level commitments first, each followed by its milestones. */
  protected readonly rows = computed(() => {
    const items = (this.commitmentsValue()?.items ?? []).filter((c) => c.agreement.id === this.id());
    const byParent = new Map<string | null, typeof items>();
    for (const item of items) {
      const parent = item.parentId && items.some((i) => i.id === item.parentId) ? item.parentId : null;
      byParent.set(parent, [...(byParent.get(parent) ?? []), item]);
    }
    const out: ((typeof items)[number] & { depth: number })[] = [];
    const walk = (parent: string | null, depth: number) => {
      for (const item of byParent.get(parent) ?? []) {
        out.push({ ...item, depth });
        walk(item.id, depth + 1);
      }
    };
    walk(null, 0);
    return out;
  });

  protected readonly editingAnchor = signal<string | null>(null);
  protected readonly addingAnchor = signal(false);
  protected readonly notice = signal<string | null>(navigationNotice());
  protected readonly today = computed(() => this.session.today());
  protected readonly kindLabel = computed(() => {
    const kind = this.a()?.kind;
    return kind ? AGREEMENT_KIND_LABELS[kind] : '';
  });
  protected readonly signed = computed(() => {
    const date = this.a()?.signedOn;
    return date ? formatDay(date) : 'not recorded';
  });
  protected readonly anchors = computed(() =>
    (this.a()?.anchorEvents ?? []).map((anchor) => ({ ...anchor, date: anchor.occurredOn ? formatDay(anchor.occurredOn) : null })),
  );
  protected readonly listParams = computed(() => commitmentQueryToParams({ agreement: [this.id()] }));

  protected anchorSaved(updated: AnchorEventDto): void {
    this.editingAnchor.set(null);
    this.notice.set(
      `${updated.name}: the date is now ${updated.occurredOn ? formatDay(updated.occurredOn) : 'pending'}. Deadlines were recomputed.`,
    );
    this.agreement.reload();
    this.commitments.reload();
  }

  protected anchorCreated(created: AnchorEventDto): void {
    this.addingAnchor.set(false);
    this.notice.set(`Anchor event added: ${created.name}. Deadlines can now count from it.`);
    this.agreement.reload();
  }
}
