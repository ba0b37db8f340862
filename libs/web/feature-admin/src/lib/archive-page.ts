import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { ArchivedCommitmentDto } from '@pactwatch/shared/contracts';
import { CommitmentsApi, SessionStore, toProblem } from '@pactwatch/web/data-access';
import { EmptyState, ErrorState, LoadingState } from '@pactwatch/web/ui';
import { formatInstant } from '@pactwatch/web/util';
import { firstValueFrom } from 'rxjs';
import { PurgeDialog } from './purge-dialog';

/** Archived commitments: restore one, or delete it for good (the audit log keeps all of it). */
@Component({
  selector: 'pw-archive-page',
  imports: [MatButton, MatIcon, RouterLink, LoadingState, ErrorState, EmptyState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 class="pw-section-title">Archived commitments</h2>
    <p class="pw-muted">
      Analysts archive commitments instead of deleting them: an archived commitment is out of every list, count, feed, export and reminder,
      and keeps its history. Restore it, or delete it for good; the audit log then keeps the whole record with its history.
    </p>
    @if (notice()) {
      <p class="pw-notice" role="status"><mat-icon aria-hidden="true">check_circle</mat-icon>{{ notice() }}</p>
    }
    @if (problem(); as problem) {
      <pw-error-state title="The archive could not be loaded" [message]="problem.detail || problem.title" (retry)="archive.reload()" />
    } @else if (archive.isLoading() && !archive.hasValue()) {
      <pw-loading-state />
    } @else if (rows().length) {
      <div class="pw-table-wrap">
        <table class="pw-table">
          <thead>
            <tr>
              <th scope="col">Commitment</th>
              <th scope="col">Agreement</th>
              <th scope="col">Archived</th>
              <th scope="col">History</th>
              <th scope="col"><span class="cdk-visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            @for (row of rows(); track row.id) {
              <tr [attr.data-ref]="row.refCode">
                <td>
                  <a [routerLink]="['/commitments', row.id]">{{ row.refCode }}</a>
                  <div>{{ row.title }}</div>
                </td>
                <td>{{ row.agreementTitle }}</td>
                <td class="pw-nowrap">
                  {{ row.when }}
                  <div class="pw-muted">{{ row.archivedBy ?? 'a removed user' }}</div>
                </td>
                <td>{{ row.statusUpdates }} update(s)</td>
                <td class="pw-nowrap">
                  <button
                    mat-stroked-button
                    type="button"
                    (click)="restore(row)"
                    [disabled]="busy()"
                    [attr.aria-label]="'Restore ' + row.refCode"
                  >
                    <mat-icon>unarchive</mat-icon>Restore
                  </button>
                  <button
                    mat-button
                    type="button"
                    (click)="purge(row)"
                    [disabled]="busy()"
                    [attr.aria-label]="'Delete ' + row.refCode + ' for good'"
                  >
                    <mat-icon>delete_forever</mat-icon>Delete for good
                  </button>
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    } @else {
      <pw-empty-state icon="inventory_2" title="Nothing is archived" message="Commitments an analyst archives appear here." />
    }
  `,
  styleUrl: './admin.scss',
})
export class ArchivePage {
  private readonly api = inject(CommitmentsApi);
  private readonly session = inject(SessionStore);
  private readonly dialog = inject(MatDialog);

  protected readonly archive = rxResource({ stream: () => this.api.archived() });
  protected readonly problem = computed(() => (this.archive.error() ? toProblem(this.archive.error()) : null));
  protected readonly rows = computed(() =>
    (this.archive.hasValue() ? this.archive.value() : []).map((row) => ({
      ...row,
      when: formatInstant(row.archivedAt, this.session.timeZone()),
    })),
  );
  protected readonly busy = signal(false);
  protected readonly notice = signal<string | null>(null);

  protected async restore(row: ArchivedCommitmentDto): Promise<void> {
    await this.act(async () => {
      const restored = await firstValueFrom(this.api.restore(row.id));
      return `${restored.refCode} is back in every list${restored.dueDate ? `, due ${restored.deadlineText}` : ''}.`;
    });
  }

  protected async purge(row: ArchivedCommitmentDto): Promise<void> {
    const confirmed = await firstValueFrom(
      this.dialog.open<PurgeDialog, ArchivedCommitmentDto, boolean>(PurgeDialog, { data: row }).afterClosed(),
    );
    if (confirmed !== true) return;
    await this.act(async () => {
      await firstValueFrom(this.api.purge(row.id));
      return `${row.refCode} was deleted for good. The audit log keeps the whole record with its history.`;
    });
  }

  private async act(work: () => Promise<string>): Promise<void> {
    this.busy.set(true);
    try {
      this.notice.set(await work());
      this.archive.reload();
    } catch (error: unknown) {
      const problem = toProblem(error);
      this.notice.set(`Not done: ${problem.detail || problem.title}`);
    } finally {
      this.busy.set(false);
    }
  }
}
