import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { AccountApi, problemMessage, toProblem } from '@pactwatch/web/data-access';
import { ErrorState, LoadingState } from '@pactwatch/web/ui';
import { firstValueFrom } from 'rxjs';

const ICONS = { commitment: 'task_alt', agreement: 'handshake', area: 'category' } as const;

@Component({
  selector: 'pw-my-watches',
  imports: [RouterLink, MatButton, MatIcon, LoadingState, ErrorState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 class="pw-section-title">What I watch</h2>
    @if (problem(); as problem) {
      <pw-error-state title="Your watchlist could not be loaded" [message]="problem.detail || problem.title" (retry)="watches.reload()" />
    } @else if (watches.isLoading() && !watches.hasValue()) {
      <pw-loading-state />
    } @else if (rows().length) {
      <ul class="pw-watches">
        @for (w of rows(); track w.id) {
          <li>
            <mat-icon aria-hidden="true">{{ w.icon }}</mat-icon>
            @if (w.link) {
              <a [routerLink]="w.link">{{ w.label }}</a>
            } @else {
              <span>{{ w.label }}</span>
            }
            <span class="pw-muted">{{ w.targetType }}</span>
            <button mat-button type="button" (click)="unwatch(w.id)" [disabled]="busy()" [attr.aria-label]="'Stop watching ' + w.label">
              Stop watching
            </button>
          </li>
        }
      </ul>
    } @else {
      <p class="pw-muted">You are not watching anything. Use the Watch button on a commitment.</p>
    }
    @if (error()) {
      <p class="pw-error" role="alert">{{ error() }}</p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .pw-watches {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .pw-watches li {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
      padding: 4px 0;
    }
    .pw-watches .pw-muted {
      margin-left: auto;
      text-transform: capitalize;
    }
    .pw-error {
      color: var(--mat-sys-error);
    }
  `,
})
export class MyWatches {
  private readonly api = inject(AccountApi);
  protected readonly watches = rxResource({ stream: () => this.api.watches() });
  /** The value, or undefined while loading or after an error (value() throws in the error state). */
  protected readonly watchesValue = computed(() => (this.watches.hasValue() ? this.watches.value() : undefined));
  protected readonly problem = computed(() => (this.watches.error() ? toProblem(this.watches.error()) : null));
  protected readonly rows = computed(() =>
    (this.watchesValue() ?? []).map((w) => ({
      ...w,
      icon: ICONS[w.targetType],
      link:
        w.targetType === 'commitment' ? ['/commitments', w.targetId] : w.targetType === 'agreement' ? ['/agreements', w.targetId] : null,
    })),
  );
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async unwatch(id: string): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await firstValueFrom(this.api.unwatch(id));
      this.watches.reload();
    } catch (error: unknown) {
      this.error.set(problemMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
