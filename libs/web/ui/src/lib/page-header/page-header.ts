import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** Page title with an optional subtitle and actions projected on the right. */
@Component({
  selector: 'pw-page-header',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="pw-page-header__text">
      <h1 class="pw-page-header__title">{{ title() }}</h1>
      @if (subtitle()) {
        <p class="pw-page-header__subtitle">{{ subtitle() }}</p>
      }
      <ng-content select="[pwHeaderMeta]" />
    </div>
    <div class="pw-page-header__actions">
      <ng-content />
    </div>
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      justify-content: space-between;
      gap: 12px 24px;
      margin-bottom: 16px;
    }
    .pw-page-header__text {
      min-width: 0;
      flex: 1 1 320px;
    }
    .pw-page-header__title {
      margin: 0;
      font: var(--mat-sys-headline-small);
      overflow-wrap: anywhere;
    }
    .pw-page-header__subtitle {
      margin: 4px 0 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
    .pw-page-header__actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
  `,
})
export class PageHeader {
  readonly title = input.required<string>();
  readonly subtitle = input('');
}
