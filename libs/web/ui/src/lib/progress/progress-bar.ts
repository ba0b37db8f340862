import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatProgressBar } from '@angular/material/progress-bar';

/** Progress 0–100 as a bar with the number beside it. */
@Component({
  selector: 'pw-progress',
  imports: [MatProgressBar],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-progress-bar mode="determinate" [value]="clamped()" [attr.aria-label]="label()" />
    <span class="pw-progress__value">{{ clamped() }}%</span>
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      min-width: 96px;
      width: 100%;
    }
    mat-progress-bar {
      flex: 1;
      min-width: 48px;
    }
    .pw-progress__value {
      font: var(--mat-sys-label-medium);
      min-width: 3.5ch;
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class ProgressBar {
  readonly value = input.required<number>();
  /** Accessible name of the bar. */
  readonly label = input('Progress');

  protected readonly clamped = computed(() => Math.max(0, Math.min(100, Math.round(this.value() ?? 0))));
}
