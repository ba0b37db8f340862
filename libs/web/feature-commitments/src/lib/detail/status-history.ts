import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import type { StatusUpdateDto } from '@pactwatch/shared/contracts';
import { STATUS_LABELS } from '@pactwatch/shared/deadlines';
import { STATUS_ICONS, StatusChip } from '@pactwatch/web/ui';
import { formatDay, formatInstant } from '@pactwatch/web/util';

const EVIDENCE_ICONS: Record<string, string> = {
  official_document: 'description',
  official_statement: 'campaign',
  news_report: 'newspaper',
  dataset: 'dataset',
  analysis: 'analytics',
};

/**
 * Status updates, newest first, as a vertical timeline with their evidence links. A correction says which entry it
 * corrects; a corrected entry says it no longer counts; a verification reads "Verified, no change". With `canCorrect`,
 * each entry that is not corrected yet offers "Correct this entry".
 */
@Component({
  selector: 'pw-status-history',
  imports: [MatIcon, MatButton, StatusChip],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (entries().length) {
      <ol class="pw-history" aria-label="Status history, newest first">
        @for (entry of entries(); track entry.id) {
          <li
            class="pw-history__item"
            [class.pw-history__item--corrected]="entry.correctedBy"
            [attr.data-update]="entry.id"
            [attr.data-kind]="entry.kind"
            [id]="'update-' + entry.id"
            tabindex="-1"
          >
            <span class="pw-history__dot" aria-hidden="true"
              ><mat-icon>{{ entry.icon }}</mat-icon></span
            >
            <div class="pw-history__body">
              <div class="pw-history__head">
                <strong>{{ entry.effective }}</strong>
                <span class="pw-muted"
                  >recorded {{ entry.recorded }}
                  @if (entry.author) {
                    by {{ entry.author }}
                  }
                </span>
              </div>
              @if (entry.kind === 'verification') {
                <p class="pw-history__verified">
                  <mat-icon aria-hidden="true">fact_check</mat-icon>Verified, no change:
                  <pw-status-chip [status]="entry.statusAfter" />
                  <span class="pw-history__progress">{{ entry.progressAfter }}%</span>
                </p>
              } @else {
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
              }
              @if (entry.corrects; as corrected) {
                <p class="pw-history__correction" data-testid="corrects">
                  <mat-icon aria-hidden="true">edit_note</mat-icon>
                  <span
                    >Corrects
                    <button type="button" class="pw-linklike" (click)="jump(corrected.id)">
                      the entry effective {{ corrected.effective }}
                    </button>
                    ({{ corrected.label }})</span
                  >
                </p>
              } @else if (entry.correctsId) {
                <p class="pw-history__correction"><mat-icon aria-hidden="true">edit_note</mat-icon>Corrects an earlier update</p>
              }
              @if (entry.correctedBy; as fix) {
                <p class="pw-history__correction pw-history__correction--by" data-testid="corrected-by">
                  <mat-icon aria-hidden="true">block</mat-icon>
                  <span
                    >Corrected by
                    <button type="button" class="pw-linklike" (click)="jump(fix.id)">the entry recorded {{ fix.recorded }}</button>; it no
                    longer counts</span
                  >
                </p>
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
              @if (canCorrect() && !entry.correctedBy) {
                <button
                  mat-button
                  type="button"
                  class="pw-history__fix"
                  (click)="correct.emit(entry.source)"
                  [attr.aria-label]="'Correct the entry effective ' + entry.effective"
                >
                  <mat-icon>edit_note</mat-icon>
                  Correct this entry
                </button>
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
  /** Offer "Correct this entry" (analysts, on the live view). */
  readonly canCorrect = input(false);
  readonly correct = output<StatusUpdateDto>();

  /** Brings the other entry into view and moves the focus there, for keyboard and screen-reader users too. */
  protected jump(id: string): void {
    const target = document.getElementById(`update-${id}`);
    target?.scrollIntoView({ block: 'center' });
    target?.focus();
  }

  protected readonly entries = computed(() => {
    const updates = [...this.history()].sort(
      (a, b) => b.effectiveOn.localeCompare(a.effectiveOn) || b.createdAt.localeCompare(a.createdAt),
    );
    const byId = new Map(updates.map((u) => [u.id, u]));
    const fixes = new Map(updates.filter((u) => u.correctsId).map((u) => [u.correctsId as string, u]));
    return updates.map((u) => {
      const corrected = u.correctsId ? byId.get(u.correctsId) : undefined;
      const fix = fixes.get(u.id);
      return {
        ...u,
        source: u,
        icon: u.kind === 'verification' ? 'fact_check' : STATUS_ICONS[u.statusAfter],
        effective: formatDay(u.effectiveOn),
        recorded: formatInstant(u.createdAt, this.timeZone()),
        corrects: corrected
          ? {
              id: corrected.id,
              effective: formatDay(corrected.effectiveOn),
              label: `${STATUS_LABELS[corrected.statusAfter]}, ${corrected.progressAfter}%`,
            }
          : null,
        correctedBy: fix ? { id: fix.id, recorded: formatInstant(fix.createdAt, this.timeZone()) } : null,
        evidence: u.evidence.map((e) => ({
          ...e,
          icon: EVIDENCE_ICONS[e.kind] ?? 'link',
          published: e.publishedOn ? formatDay(e.publishedOn) : '',
        })),
      };
    });
  });
}
