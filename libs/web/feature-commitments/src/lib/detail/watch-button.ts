import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import type { WatchTargetType } from '@pactwatch/shared/contracts';
import { AccountApi, problemMessage } from '@pactwatch/web/data-access';
import { firstValueFrom } from 'rxjs';

/** Watch / unwatch a commitment, agreement or area. A toggle button (aria-pressed). */
@Component({
  selector: 'pw-watch-button',
  imports: [MatButton, MatIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button mat-stroked-button type="button" [attr.aria-pressed]="watching()" [disabled]="busy()" (click)="toggle()">
      <mat-icon aria-hidden="true">{{ watching() ? 'check' : 'visibility' }}</mat-icon>
      {{ watching() ? 'Watching' : 'Watch' }}
    </button>
    @if (error()) {
      <span class="pw-watch-error" role="alert">{{ error() }}</span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-direction: column;
      gap: 4px;
    }
    .pw-watch-error {
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
      max-width: 280px;
    }
  `,
})
export class WatchButton {
  private readonly api = inject(AccountApi);

  readonly targetType = input.required<WatchTargetType>();
  readonly targetId = input.required<string>();
  readonly watchedByMe = input(false);
  readonly changed = output<boolean>();

  private readonly override = signal<{ id: string; value: boolean } | null>(null);
  protected readonly watching = computed(() => {
    const o = this.override();
    return o && o.id === this.targetId() ? o.value : this.watchedByMe();
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async toggle(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    const target = { targetType: this.targetType(), targetId: this.targetId() };
    try {
      if (this.watching()) {
        const watches = await firstValueFrom(this.api.watches());
        const mine = watches.find((w) => w.targetType === target.targetType && w.targetId === target.targetId);
        if (mine) await firstValueFrom(this.api.unwatch(mine.id));
        this.override.set({ id: target.targetId, value: false });
        this.changed.emit(false);
      } else {
        await firstValueFrom(this.api.watch(target));
        this.override.set({ id: target.targetId, value: true });
        this.changed.emit(true);
      }
    } catch (error: unknown) {
      this.error.set(problemMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
