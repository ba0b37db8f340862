import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIcon } from '@angular/material/icon';
import type { StatusUpdateDto } from '@pactwatch/shared/contracts';
import { STATUS_ICONS, StatusChip } from '@pactwatch/web/ui';
import { formatDay, formatInstant } from '@pactwatch/web/util';

const EVIDENCE_ICONS: Record<string, string> = {
  official_document: 'description',
  official_statement: 'campaign',
  news_report: 'newspaper',
  dataset: 'dataset',
  analysis: 'analytics',
};

/** Status updates, newest first, as a vertical timeline with their evidence links. */
@Component({
  selector: 'pw-status-history',
  imports: [MatIcon, StatusChip],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (entries().length) {
      <ol class="pw-history" aria-label="Status history, newest first">
        @for (entry of entries(); track entry.id) {
          <li class="pw-history__item" [attr.data-update]="entry.id">
            <span class="pw-history__dot" aria-hidden="true"
              ><mat-icon>{{ entry.icon }}</mat-icon></span
            >
            <div class="pw-history__body">
              <div class="pw-history__head">
                <strong>{{ entry.effective }}</strong>
                <span class="pw-muted">recorded {{ entry.recorded }} by {{ entry.author }}</span>
              </div>
              <div class="pw-history__change">
                @if (entry.statusBefore && entry.statusBefore !== entry.statusAfter) {
                  <pw-status-chip [status]="entry.statusBefore" />
                  <mat-icon aria-hidden="true">arrow_forward</mat-icon>
                  <span class="cdk-visually-hidden">changed to</span>
                }
                <pw-status-chip [status]="entry.statusAfter" />
                <span class="pw-history__progress">
                  @if (entry.progressBefore !== null && entry.progressBefore !== entry.progressAfter) {
                    {{ entry.progressBefore }}% → {{ entry.progressAfter }}%
                  } @else {
                    {{ entry.progressAfter }}%
                  }
                </span>
              </div>
              @if (entry.correctsId) {
                <p class="pw-history__correction"><mat-icon aria-hidden="true">edit_note</mat-icon>Corrects an earlier update</p>
              }
              @if (entry.note) {
                <p class="pw-history__note">{{ entry.note }}</p>
              }
              @if (entry.evidence.length) {
                <ul class="pw-history__evidence" aria-label="Evidence">
                  @for (e of entry.evidence; track e.id) {
                    <li>
                      <mat-icon aria-hidden="true">{{ e.icon }}</mat-icon>
                      <a [href]="e.url" target="_blank" rel="noopener noreferrer">{{ e.title || e.url }}</a>
                      @if (e.published) {
                        <span class="pw-muted">· {{ e.published }}</span>
                      }
                      <span class="cdk-visually-hidden">(opens in a new tab)</span>
                    </li>
                  }
                </ul>
              }
            </div>
          </li>
        }
      </ol>
    } @else {
      <p class="pw-muted">No status updates yet.</p>
    }
  `,
  styleUrl: './status-history.scss',
})
export class StatusHistory {
  readonly history = input.required<readonly StatusUpdateDto[]>();
  readonly timeZone = input('UTC');

  protected readonly entries = computed(() =>
    [...this.history()]
      .sort((a, b) => b.effectiveOn.localeCompare(a.effectiveOn) || b.createdAt.localeCompare(a.createdAt))
      .map((u) => ({
        ...u,
        icon: STATUS_ICONS[u.statusAfter],
        effective: formatDay(u.effectiveOn),
        recorded: formatInstant(u.createdAt, this.timeZone()),
        evidence: u.evidence.map((e) => ({
          ...e,
          icon: EVIDENCE_ICONS[e.kind] ?? 'link',
          published: e.publishedOn ? formatDay(e.publishedOn) : '',
        })),
      })),
  );
}
