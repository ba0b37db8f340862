import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, type ValidationErrors, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { PASSWORD_MIN_LENGTH } from '@pactwatch/shared/contracts';
import { AuthApi, toProblem } from '@pactwatch/web/data-access';
import { firstValueFrom } from 'rxjs';

const sameAsNew = (group: AbstractControl): ValidationErrors | null =>
  group.get('newPassword')?.value === group.get('repeat')?.value ? null : { mismatch: true };

@Component({
  selector: 'pw-change-password',
  imports: [ReactiveFormsModule, MatFormField, MatLabel, MatHint, MatError, MatInput, MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 class="pw-section-title">Password</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-form-field>
        <mat-label>Current password</mat-label>
        <input matInput type="password" formControlName="currentPassword" autocomplete="current-password" />
        @if (form.controls.currentPassword.invalid) {
          <mat-error>{{ form.controls.currentPassword.errors?.['server'] ?? 'Enter your current password.' }}</mat-error>
        }
      </mat-form-field>
      <mat-form-field>
        <mat-label>New password</mat-label>
        <input matInput type="password" formControlName="newPassword" autocomplete="new-password" />
        <mat-hint>At least {{ minLength }} characters</mat-hint>
        @if (form.controls.newPassword.invalid) {
          <mat-error>{{ form.controls.newPassword.errors?.['server'] ?? 'At least ' + minLength + ' characters.' }}</mat-error>
        }
      </mat-form-field>
      <mat-form-field>
        <mat-label>New password again</mat-label>
        <input matInput type="password" formControlName="repeat" autocomplete="new-password" />
      </mat-form-field>
      @if (form.hasError('mismatch') && form.controls.repeat.touched) {
        <p class="pw-error" role="alert">The two new passwords differ.</p>
      }
      @if (result(); as r) {
        <p [class.pw-error]="!r.ok" [attr.role]="r.ok ? 'status' : 'alert'">{{ r.text }}</p>
      }
      <button mat-stroked-button type="submit" [disabled]="saving()">Change password</button>
    </form>
  `,
  styles: `
    :host {
      display: block;
    }
    form {
      display: flex;
      flex-direction: column;
      gap: 8px;
      align-items: stretch;
    }
    button {
      align-self: flex-start;
    }
    .pw-error {
      color: var(--mat-sys-error);
      margin: 0;
    }
  `,
})
export class ChangePassword {
  private readonly api = inject(AuthApi);
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      currentPassword: ['', Validators.required],
      newPassword: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)]],
      repeat: ['', Validators.required],
    },
    { validators: sameAsNew },
  );
  protected readonly saving = signal(false);
  protected readonly result = signal<{ ok: boolean; text: string } | null>(null);

  protected async save(): Promise<void> {
    this.result.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { currentPassword, newPassword } = this.form.getRawValue();
    this.saving.set(true);
    try {
      await firstValueFrom(this.api.changePassword({ currentPassword, newPassword }));
      this.form.reset();
      this.result.set({ ok: true, text: 'Your password is changed.' });
    } catch (error: unknown) {
      const problem = toProblem(error);
      for (const { field, message } of problem.errors ?? []) this.form.get(field)?.setErrors({ server: message });
      this.result.set({
        ok: false,
        text: problem.status === 401 || problem.status === 403 ? 'The current password is not correct.' : problem.detail || problem.title,
      });
    } finally {
      this.saving.set(false);
    }
  }
}
