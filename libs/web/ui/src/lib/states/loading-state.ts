import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatProgressSpinner } from '@angular/material/progress-spinner';

/**
 * Something is loading. With `rows`, a skeleton of that many rows stands in for a list that keeps its
 * rows at a fixed height (`--pw-row-height`, as `pw-commitment-mini-list` with `fixedRows` does), so the
 * page does not move when the list arrives. Without, a spinner and the label.
 */
@Component({
  selector: 'pw-loading-state',
  imports: [MatProgressSpinner],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    role: 'status',
    'aria-live': 'polite',
    '[class.pw-loading--skeleton]': 'rows() > 0',
  },
  template: `
    @if (rows() > 0) {
      <span class="cdk-visually-hidden">{{ label() }}</span>
      @for (row of rowList(); track row) {
        <div class="pw-skeleton__row" aria-hidden="true">
          <span class="pw-skeleton__bar" [style.width.%]="30 + ((row * 17) % 25)"></span>
          <span class="pw-skeleton__bar pw-skeleton__bar--wide" [style.width.%]="60 + ((row * 23) % 35)"></span>
          <span class="pw-skeleton__bar" [style.width.%]="20 + ((row * 11) % 20)"></span>
        </div>
      }
    } @else {
      <mat-progress-spinner mode="indeterminate" [diameter]="28" aria-hidden="true" />
      <span>{{ label() }}</span>
    }
  `,
  styles: `
    :host {
      display: flex;
      align-items: center;
      gap: 12px;
      padding: 24px 16px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
    :host(.pw-loading--skeleton) {
      display: block;
      padding: 0;
    }
    .pw-skeleton__row {
      box-sizing: border-box;
      height: var(--pw-row-height, 88px);
      display: flex;
      flex-direction: column;
      justify-content: center;
      gap: 8px;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    .pw-skeleton__row:first-child {
      border-top: 0;
    }
    .pw-skeleton__bar {
      display: block;
      height: 12px;
      border-radius: 6px;
      background: var(--mat-sys-surface-container-high);
    }
    .pw-skeleton__bar--wide {
      height: 14px;
    }
    @media (prefers-reduced-motion: no-preference) {
      .pw-skeleton__bar {
        animation: pw-skeleton-pulse 1.4s ease-in-out infinite;
      }
    }
    @keyframes pw-skeleton-pulse {
      50% {
        opacity: 0.5;
      }
    }
  `,
})
export class LoadingState {
  readonly label = input('Loading…');
  /** Draw a skeleton of this many fixed-height rows instead of a spinner. */
  readonly rows = input(0);
  protected readonly rowList = computed(() => Array.from({ length: this.rows() }, (_, index) => index));
}
