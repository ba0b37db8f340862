import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import type { AnchorEventDetailDto } from '@pactwatch/shared/contracts';
import { AnchorEventsApi, problemMessage, toProblem } from '@pactwatch/web/data-access';
import { applyServerErrors, errorMessage, isoDate } from '@pactwatch/web/ui';
import { firstValueFrom } from 'rxjs';

/** Adds an anchor event to an agreement, e.g. "MoU signed"; with no date it is pending. */
@Component({
  selector: 'pw-anchor-create-form',
  imports: [ReactiveFormsModule, MatFormField, MatLabel, MatHint, MatError, MatInput, MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="save()" novalidate class="pw-anchor-create" aria-label="New anchor event">
      <div class="pw-form-grid">
        <mat-form-field>
          <mat-label>Event</mat-label>
          <input matInput formControlName="name" required placeholder="MoU signed" data-field="name" />
          @if (form.controls.name.invalid) {
            <mat-error>{{ errorMessage(form.controls.name, 'The event') }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>Date</mat-label>
          <input matInput type="date" formControlName="occurredOn" data-field="occurredOn" />
          <mat-hint>Empty while the event is pending</mat-hint>
          @if (form.controls.occurredOn.invalid) {
            <mat-error>{{ errorMessage(form.controls.occurredOn, 'The date') }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field class="pw-full">
          <mat-label>Note</mat-label>
          <input matInput formControlName="note" data-field="note" />
          @if (form.controls.note.invalid) {
            <mat-error>{{ errorMessage(form.controls.note, 'The note') }}</mat-error>
          }
        </mat-form-field>
      </div>
      @if (error()) {
        <p class="pw-anchor-create__error" role="alert">{{ error() }}</p>
      }
      <div class="pw-actions">
        <button mat-flat-button type="submit" [disabled]="busy()">Add the event</button>
        <button mat-button type="button" (click)="cancelled.emit()">Cancel</button>
      </div>
    </form>
  `,
  styles: `
    .pw-anchor-create {
      padding: 12px 0 4px;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    .pw-anchor-create__error {
      color: var(--mat-sys-error);
    }
  `,
})
export class AnchorCreateForm {
  private readonly api = inject(AnchorEventsApi);

  readonly agreementId = input.required<string>();
  readonly created = output<AnchorEventDetailDto>();
  readonly cancelled = output<void>();

  protected readonly errorMessage = errorMessage;
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(200)]],
    occurredOn: ['', [isoDate]],
    note: ['', [Validators.maxLength(2000)]],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async save(): Promise<void> {
    this.error.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { name, occurredOn, note } = this.form.getRawValue();
    this.busy.set(true);
    try {
      const created = await firstValueFrom(
        this.api.create({ agreementId: this.agreementId(), name: name.trim(), occurredOn: occurredOn || null, note: note.trim() }),
      );
      this.created.emit(created);
    } catch (error: unknown) {
      const problem = toProblem(error);
      const rest = applyServerErrors(this.form, problem);
      if (rest.length || !problem.errors?.length) this.error.set(rest.join(' ') || problemMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
