import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { IsoDate } from '@pactwatch/shared/contracts';
import { formatDay, relativeDays } from '@pactwatch/web/util';

/**
 * A due date in words: "8 Feb 2026 · 12 days ago", optionally with the API's explanation
 * ("6 months after MoU signed (8 Aug 2025) → 8 Feb 2026") underneath.
 */
@Component({
  selector: 'pw-deadline-text',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (dueDate(); as due) {
      <span class="pw-deadline__date">{{ formatted() }}</span>
      @if (relative()) {
        <span class="pw-deadline__relative">&#32;· {{ relative() }}</span>
      }
    } @else {
      <span class="pw-deadline__date pw-deadline__date--none">{{ noDateText() }}</span>
    }
    @if (explain() && text()) {
      <span class="pw-deadline__explain">&#32;{{ text() }}</span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-wrap: wrap;
      column-gap: 4px;
      align-items: baseline;
    }
    .pw-deadline__date {
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    .pw-deadline__date--none,
    .pw-deadline__relative {
      color: var(--mat-sys-on-surface-variant);
    }
    .pw-deadline__relative {
      white-space: nowrap;
    }
    .pw-deadline__explain {
      flex-basis: 100%;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
})
export class DeadlineText {
  readonly dueDate = input<IsoDate | null>(null);
  /** The API's explanation of the deadline (CommitmentSummaryDto.deadlineText). */
  readonly text = input('');
  /** Today in the workspace time zone; when given, the distance to the due date is shown. */
  readonly today = input<IsoDate | null>(null);
  readonly explain = input(false);
  readonly noDateText = input('No due date');

  protected readonly formatted = computed(() => {
    const due = this.dueDate();
    return due ? formatDay(due) : '';
  });
  protected readonly relative = computed(() => {
    const due = this.dueDate();
    const today = this.today();
    return due && today ? relativeDays(due, today) : '';
  });
}
