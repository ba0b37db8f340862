import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIcon } from '@angular/material/icon';
import type { ScheduleFlag } from '@pactwatch/shared/contracts';
import { FLAG_APPEARANCE } from './flag-appearance';

/**
 * A schedule flag: an icon, a text label and a tone. Never colour alone: the label is always in the
 * accessibility tree, and in compact mode it is visually hidden but still read out.
 */
@Component({
  selector: 'pw-flag-badge',
  imports: [MatIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    class: 'pw-flag',
    '[class]': 'toneClass()',
    '[class.pw-flag--compact]': 'compact()',
    '[attr.data-flag]': 'flag()',
    '[attr.title]': 'appearance().description',
  },
  template: `
    <mat-icon class="pw-flag__icon" aria-hidden="true">{{ appearance().icon }}</mat-icon>
    <span class="pw-flag__label" [class.cdk-visually-hidden]="compact()">
      <span class="cdk-visually-hidden">Schedule flag: </span>{{ appearance().label }}
    </span>
  `,
  styleUrl: './flag-badge.scss',
})
export class FlagBadge {
  readonly flag = input.required<ScheduleFlag>();
  /** Icon only, for dense places; the label stays available to assistive technology. */
  readonly compact = input(false);

  protected readonly appearance = computed(() => FLAG_APPEARANCE[this.flag()]);
  protected readonly toneClass = computed(() => `pw-flag--${this.flag().replace('_', '-')}`);
}
