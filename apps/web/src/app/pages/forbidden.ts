import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { EmptyState } from '@pactwatch/web/ui';

@Component({
  selector: 'pw-forbidden',
  imports: [EmptyState, MatButton, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="cdk-visually-hidden">Not allowed</h1>
    <pw-empty-state icon="lock" title="Your role does not give access to this page" [message]="message()">
      <a mat-flat-button routerLink="/">Go to the overview</a>
    </pw-empty-state>
  `,
})
export class Forbidden {
  /** Bound from ?need=admin by the router. */
  readonly need = input<string>();
  protected readonly message = computed(() => {
    const need = this.need();
    return need ? `It needs the ${need} role. Ask an administrator if you should have it.` : 'Ask an administrator if you should have it.';
  });
}
