import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { PASSWORD_MIN_LENGTH, ROLES, type Role, type UserDto } from '@pactwatch/shared/contracts';
import { AdminApi, SessionStore, problemMessage, toProblem } from '@pactwatch/web/data-access';
import { EmptyState, ErrorState, LoadingState } from '@pactwatch/web/ui';
import { formatInstant } from '@pactwatch/web/util';
import { firstValueFrom } from 'rxjs';

@Component({
  selector: 'pw-users-page',
  imports: [
    ReactiveFormsModule,
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatInput,
    MatSelect,
    MatOption,
    MatSlideToggle,
    MatButton,
    MatIcon,
    LoadingState,
    ErrorState,
    EmptyState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './users-page.html',
  styleUrl: './admin.scss',
})
export class UsersPage {
  private readonly api = inject(AdminApi);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly session = inject(SessionStore);

  protected readonly users = rxResource({ stream: () => this.api.users() });
  /** The value, or undefined while loading or after an error (value() throws in the error state). */
  protected readonly usersValue = computed(() => (this.users.hasValue() ? this.users.value() : undefined));
  protected readonly problem = computed(() => (this.users.error() ? toProblem(this.users.error()) : null));
  protected readonly rows = computed(() =>
    (this.usersValue() ?? []).map((u) => ({
      ...u,
      created: formatInstant(u.createdAt, this.session.timeZone()),
      isMe: u.id === this.session.user()?.id,
    })),
  );
  protected readonly roles = ROLES;
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly busy = signal<string | null>(null);
  protected readonly message = signal<{ ok: boolean; text: string } | null>(null);
  protected readonly showInvite = signal(false);

  protected readonly invite = this.fb.group({
    email: ['', [Validators.required, Validators.email]],
    displayName: ['', [Validators.required, Validators.maxLength(120)]],
    role: this.fb.control<Role>('viewer'),
    password: ['', [Validators.minLength(PASSWORD_MIN_LENGTH)]],
  });

  protected async update(user: UserDto, change: { role?: Role; disabled?: boolean }): Promise<void> {
    this.busy.set(user.id);
    this.message.set(null);
    try {
      const updated = await firstValueFrom(this.api.updateUser(user.id, { ...change, version: user.version }));
      this.users.update((list) => list?.map((u) => (u.id === updated.id ? updated : u)));
      this.message.set({ ok: true, text: `${updated.displayName} is now ${updated.disabled ? 'disabled' : updated.role}.` });
    } catch (error: unknown) {
      const problem = toProblem(error);
      this.message.set({
        ok: false,
        text:
          problem.status === 409
            ? `${user.displayName} was changed by someone else; the list is reloaded. Try again.`
            : problemMessage(error),
      });
      this.users.reload();
    } finally {
      this.busy.set(null);
    }
  }

  protected async create(): Promise<void> {
    if (this.invite.invalid) {
      this.invite.markAllAsTouched();
      return;
    }
    const v = this.invite.getRawValue();
    this.busy.set('new');
    this.message.set(null);
    try {
      const user = await firstValueFrom(
        this.api.createUser({ email: v.email.trim(), displayName: v.displayName.trim(), role: v.role, password: v.password || undefined }),
      );
      this.message.set({
        ok: true,
        text: v.password ? `${user.displayName} can sign in now.` : `An invitation was sent to ${user.email}.`,
      });
      this.invite.reset({ role: 'viewer' });
      this.showInvite.set(false);
      this.users.reload();
    } catch (error: unknown) {
      const problem = toProblem(error);
      for (const { field, message } of problem.errors ?? []) this.invite.get(field)?.setErrors({ server: message });
      this.message.set({ ok: false, text: problemMessage(error) });
    } finally {
      this.busy.set(null);
    }
  }
}
