import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIcon } from '@angular/material/icon';
import type { ImplementationStatus } from '@pactwatch/shared/contracts';
import { STATUS_LABELS } from '@pactwatch/shared/deadlines';
import { STATUS_ICONS } from './status-appearance';

/** The implementation status an analyst asserted: icon plus label, tinted by status. */
@Component({
  selector: 'pw-status-chip',
  imports: [MatIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    class: 'pw-status',
    '[class]': 'toneClass()',
    '[attr.data-status]': 'status()',
  },
  template: `
    <mat-icon class="pw-status__icon" aria-hidden="true">{{ icon() }}</mat-icon>
    <span class="pw-status__label"><span class="cdk-visually-hidden">Status: </span>{{ label() }}</span>
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      padding: 2px 10px 2px 6px;
      border-radius: 8px;
      font: var(--mat-sys-label-medium);
      line-height: 20px;
      white-space: nowrap;
      vertical-align: middle;
      color: var(--pw-status-fg);
      background: var(--pw-status-bg);
    }
    .pw-status__icon {
      width: 18px;
      height: 18px;
      font-size: 18px;
      line-height: 18px;
    }
    :host(.pw-status--not-started) {
      --pw-status-fg: #3c4043;
      --pw-status-bg: #eceef1;
    }
    :host(.pw-status--in-progress) {
      --pw-status-fg: #0a3a7a;
      --pw-status-bg: #d9e5ff;
    }
    :host(.pw-status--at-risk) {
      --pw-status-fg: #5f2600;
      --pw-status-bg: #ffdcc6;
    }
    :host(.pw-status--stalled) {
      --pw-status-fg: #690005;
      --pw-status-bg: #ffdad6;
    }
    :host(.pw-status--completed) {
      --pw-status-fg: #0b4f25;
      --pw-status-bg: #c9f1d3;
    }
    :host(.pw-status--partially-completed) {
      --pw-status-fg: #2d4600;
      --pw-status-bg: #e0f2c8;
    }
    :host(.pw-status--not-pursued) {
      --pw-status-fg: #46464f;
      --pw-status-bg: #e4e1e6;
    }
  `,
})
export class StatusChip {
  readonly status = input.required<ImplementationStatus>();

  protected readonly label = computed(() => STATUS_LABELS[this.status()]);
  protected readonly icon = computed(() => STATUS_ICONS[this.status()]);
  protected readonly toneClass = computed(() => `pw-status--${this.status().replace(/_/g, '-')}`);
}
