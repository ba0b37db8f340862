import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, type ValidationErrors, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { PASSWORD_MIN_LENGTH } from '@pactwatch/shared/contracts';
import { AuthApi, SessionStore, toProblem } from '@pactwatch/web/data-access';
import { firstValueFrom } from 'rxjs';

type Mode = 'request' | 'reset' | 'invitation';

const repeated = (group: AbstractControl): ValidationErrors | null =>
  group.get('password')?.value === group.get('repeat')?.value ? null : { mismatch: true };

/** "Forgot password", and the pages the emailed single-use links open (reset, invitation). */
@Component({
  selector: 'pw-password-link-page',
  imports: [ReactiveFormsModule, RouterLink, MatFormField, MatLabel, MatHint, MatError, MatInput, MatButton, MatIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './password-link-page.html',
  styleUrl: './login-page.scss',
})
export class PasswordLinkPage {
  private readonly api = inject(AuthApi);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly session = inject(SessionStore);

  /** From the route's data. */
  readonly mode = input<Mode>('request');
  /** ?token= from the emailed link. */
  readonly token = input<string>();

  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly title = computed(() =>
    this.mode() === 'request' ? 'Reset your password' : this.mode() === 'reset' ? 'Choose a new password' : 'Welcome: set your password',
  );
  protected readonly emailForm = this.fb.group({ email: ['', [Validators.required, Validators.email]] });
  protected readonly passwordForm = this.fb.group(
    {
      displayName: ['', [Validators.maxLength(120)]],
      password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)]],
      repeat: ['', Validators.required],
    },
    { validators: repeated },
  );
  protected readonly busy = signal(false);
  protected readonly done = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);

  protected async requestLink(): Promise<void> {
    if (this.emailForm.invalid) {
      this.emailForm.markAllAsTouched();
      return;
    }
    await this.run(async () => {
      await firstValueFrom(this.api.requestPasswordReset({ email: this.emailForm.getRawValue().email.trim() }));
      this.done.set('If an account uses that address, we sent it a link to reset the password. The link works once, for a limited time.');
    });
  }

  protected async setPassword(): Promise<void> {
    const token = this.token();
    if (!token) {
      this.error.set('This link has no token. Open the link from your email again, or ask for a new one.');
      return;
    }
    if (this.passwordForm.invalid) {
      this.passwordForm.markAllAsTouched();
      return;
    }
    const { password, displayName } = this.passwordForm.getRawValue();
    await this.run(async () => {
      if (this.mode() === 'invitation') {
        await firstValueFrom(this.api.acceptInvitation({ token, password, displayName: displayName.trim() || undefined }));
        await this.session.refresh();
        await this.router.navigateByUrl('/');
      } else {
        await firstValueFrom(this.api.confirmPasswordReset({ token, newPassword: password }));
        this.done.set('Your password is changed. You can sign in with it now.');
      }
    });
  }

  private async run(action: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await action();
    } catch (error: unknown) {
      const problem = toProblem(error);
      this.error.set(
        problem.status === 400 || problem.status === 404 || problem.status === 410
          ? problem.detail || 'This link is not valid any more: it was used already or it expired. Ask for a new one.'
          : `${problem.title}${problem.detail ? `: ${problem.detail}` : ''}`,
      );
    } finally {
      this.busy.set(false);
    }
  }
}
