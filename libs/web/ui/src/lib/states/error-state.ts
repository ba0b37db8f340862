import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';

/** An API failure, said plainly, with a retry button when the caller can retry. */
@Component({
  selector: 'pw-error-state',
  imports: [MatButton, MatIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'alert' },
  template: `
    <mat-icon class="pw-error__icon" aria-hidden="true">error</mat-icon>
    <div class="pw-error__body">
      <p class="pw-error__title">{{ title() }}</p>
      @if (message()) {
        <p class="pw-error__message">{{ message() }}</p>
      }
      @if (retryable()) {
        <button mat-stroked-button type="button" (click)="retry.emit()">
          <mat-icon aria-hidden="true">refresh</mat-icon>
          Try again
        </button>
      }
    </div>
  `,
  styles: `
    :host {
      display: flex;
      gap: 12px;
      align-items: flex-start;
      padding: 16px;
      border-radius: 12px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .pw-error__icon {
      flex: none;
    }
    .pw-error__title {
      margin: 0 0 4px;
      font: var(--mat-sys-title-small);
    }
    .pw-error__message {
      margin: 0 0 8px;
      font: var(--mat-sys-body-medium);
      word-break: break-word;
    }
  `,
})
export class ErrorState {
  readonly title = input('Something went wrong');
  readonly message = input('');
  readonly retryable = input(true);
  readonly retry = output<void>();
}
