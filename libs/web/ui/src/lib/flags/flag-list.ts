import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { ScheduleFlag } from '@pactwatch/shared/contracts';
import { FlagBadge } from './flag-badge';

/** The schedule flags of one commitment, in the API's order. Renders nothing when there are none. */
@Component({
  selector: 'pw-flag-list',
  imports: [FlagBadge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @for (flag of flags(); track flag) {
      <pw-flag-badge [flag]="flag" [compact]="compact()" />
    } @empty {
      @if (emptyText()) {
        <span class="pw-flag-list__none">{{ emptyText() }}</span>
      }
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-wrap: wrap;
      gap: 4px;
      align-items: center;
    }
    .pw-flag-list__none {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
})
export class FlagList {
  readonly flags = input.required<readonly ScheduleFlag[]>();
  readonly compact = input(false);
  /** Shown when there is no flag, e.g. "On schedule". Empty by default. */
  readonly emptyText = input('');
}
