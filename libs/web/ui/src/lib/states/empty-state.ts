import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIcon } from '@angular/material/icon';

@Component({
  selector: 'pw-empty-state',
  imports: [MatIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-icon class="pw-empty__icon" aria-hidden="true">{{ icon() }}</mat-icon>
    <p class="pw-empty__title">{{ title() }}</p>
    @if (message()) {
      <p class="pw-empty__message">{{ message() }}</p>
    }
    <ng-content />
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      align-items: center;
      text-align: center;
      padding: 24px 16px;
      color: var(--mat-sys-on-surface-variant);
    }
    .pw-empty__icon {
      width: 40px;
      height: 40px;
      font-size: 40px;
    }
    .pw-empty__title {
      margin: 8px 0 4px;
      font: var(--mat-sys-title-small);
      color: var(--mat-sys-on-surface);
    }
    .pw-empty__message {
      margin: 0;
      font: var(--mat-sys-body-medium);
    }
  `,
})
export class EmptyState {
  readonly icon = input('inbox');
  readonly title = input('Nothing here yet');
  readonly message = input('');
}
