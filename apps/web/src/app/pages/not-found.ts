import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { EmptyState } from '@pactwatch/web/ui';

@Component({
  selector: 'pw-not-found',
  imports: [EmptyState, MatButton, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="cdk-visually-hidden">Page not found</h1>
    <pw-empty-state icon="travel_explore" title="There is no page at this address" message="The link may be old, or mistyped.">
      <a mat-flat-button routerLink="/">Go to the overview</a>
    </pw-empty-state>
  `,
})
export class NotFound {}
