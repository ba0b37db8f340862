import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { ActivatedRoute, Router } from '@angular/router';
import type { DeliveryDto, DeliveryState, OutboxQuery } from '@pactwatch/shared/contracts';
import { AdminApi, SessionStore, toProblem, toQueryRecord } from '@pactwatch/web/data-access';
import { EmptyState, ErrorState, LoadingState, SimplePager } from '@pactwatch/web/ui';
import { formatInstant } from '@pactwatch/web/util';
import { OutboxPreviewDialog } from './outbox-preview-dialog';

export const DELIVERY_STATES: { value: DeliveryState; label: string; icon: string }[] = [
  { value: 'pending', label: 'Pending', icon: 'schedule' },
  { value: 'sending', label: 'Sending', icon: 'send' },
  { value: 'sent', label: 'Sent', icon: 'mark_email_read' },
  { value: 'failed', label: 'Failed, retrying', icon: 'sync_problem' },
  { value: 'dead', label: 'Dead', icon: 'cancel' },
  { value: 'cancelled', label: 'Cancelled', icon: 'block' },
  { value: 'superseded', label: 'Replaced by a catch-up', icon: 'update' },
];

@Component({
  selector: 'pw-outbox-page',
  imports: [MatButton, MatButtonToggleGroup, MatButtonToggle, MatIcon, LoadingState, ErrorState, EmptyState, SimplePager],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './outbox-page.html',
  styleUrl: './admin.scss',
})
export class OutboxPage {
  private readonly api = inject(AdminApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly dialog = inject(MatDialog);
  private readonly session = inject(SessionStore);

  private readonly params = toSignal(this.route.queryParams, { initialValue: {} as Record<string, unknown> });
  protected readonly query = computed<OutboxQuery>(() => {
    const p = this.params();
    const state = DELIVERY_STATES.find((s) => s.value === p['state'])?.value;
    const page = Number(p['page']);
    return { state, page: Number.isInteger(page) && page > 1 ? page : undefined };
  });
  protected readonly states = DELIVERY_STATES;
  protected readonly outbox = rxResource({ params: () => this.query(), stream: ({ params }) => this.api.outbox(params) });
  protected readonly mailStatus = rxResource({ stream: () => this.api.outboxStatus() });
  /** "Mail has been failing for 3 hours", with since when and the last error; null while mail goes out. */
  protected readonly failing = computed(() => {
    const status = this.mailStatus.hasValue() ? this.mailStatus.value() : undefined;
    if (status?.status !== 'failing' || !status.failingSince) return null;
    const hours = status.failingForHours ?? 0;
    return {
      headline:
        hours < 1 ? 'Mail has been failing for less than an hour' : `Mail has been failing for ${hours} ${hours === 1 ? 'hour' : 'hours'}`,
      since: formatInstant(status.failingSince, this.session.timeZone()),
      lastError: status.lastError,
      unsent: status.unsent,
    };
  });
  /** The delivery being sent again, and what went wrong last time. */
  protected readonly retrying = signal<string | null>(null);
  protected readonly retryProblem = signal<string | null>(null);
  /** The value, or undefined while loading or after an error (value() throws in the error state). */
  protected readonly outboxValue = computed(() => (this.outbox.hasValue() ? this.outbox.value() : undefined));
  protected readonly problem = computed(() => (this.outbox.error() ? toProblem(this.outbox.error()) : null));
  protected readonly rows = computed(() =>
    (this.outboxValue()?.items ?? []).map((d) => ({
      ...d,
      stateInfo: DELIVERY_STATES.find((s) => s.value === d.state) ?? { value: d.state, label: d.state, icon: 'mail' },
      created: formatInstant(d.createdAt, this.session.timeZone()),
      next: d.nextAttemptAt ? formatInstant(d.nextAttemptAt, this.session.timeZone()) : '',
      sent: d.sentAt ? formatInstant(d.sentAt, this.session.timeZone()) : '',
    })),
  );
  protected readonly page = computed(() => this.query().page ?? 1);
  protected readonly pages = computed(() => {
    const page = this.outboxValue();
    return page ? Math.max(1, Math.ceil(page.total / page.pageSize)) : 1;
  });

  protected set(change: Partial<OutboxQuery>): void {
    const next = { ...this.query(), ...change, page: 'page' in change ? change.page : undefined };
    void this.router.navigate([], { relativeTo: this.route, queryParams: toQueryRecord(next) });
  }

  protected retry(delivery: DeliveryDto): void {
    this.retrying.set(delivery.id);
    this.retryProblem.set(null);
    this.api.retryDelivery(delivery.id).subscribe({
      next: () => {
        this.retrying.set(null);
        this.outbox.reload();
        this.mailStatus.reload();
      },
      error: (error: unknown) => {
        this.retrying.set(null);
        const problem = toProblem(error);
        this.retryProblem.set(`The mail to ${delivery.recipient} could not be queued again: ${problem.detail || problem.title}`);
      },
    });
  }

  protected preview(delivery: DeliveryDto): void {
    this.dialog.open(OutboxPreviewDialog, { data: delivery, width: '760px', maxWidth: '96vw', autoFocus: 'dialog' });
  }
}
