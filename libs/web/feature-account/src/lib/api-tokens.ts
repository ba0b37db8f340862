import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { API_TOKEN_SCOPES } from '@pactwatch/shared/contracts';
import type { ApiTokenScope, CreatedApiTokenDto, TokenLifetimeDays } from '@pactwatch/shared/contracts';
import { AccountApi, SessionStore, problemMessage, toProblem } from '@pactwatch/web/data-access';
import { ErrorState, LoadingState, confirmAction } from '@pactwatch/web/ui';
import { formatInstant } from '@pactwatch/web/util';
import { firstValueFrom } from 'rxjs';

/** The expiry choices of a new token or feed link; null: never. */
export const LIFETIMES: readonly { days: TokenLifetimeDays | null; label: string }[] = [
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 365, label: '1 year' },
  { days: null, label: 'Never' },
];

export const SCOPE_LABELS: Record<ApiTokenScope, string> = { read: 'Read only', 'read-write': 'Read and write' };

@Component({
  selector: 'pw-api-tokens',
  imports: [
    ReactiveFormsModule,
    MatFormField,
    MatLabel,
    MatError,
    MatInput,
    MatSelect,
    MatOption,
    MatButton,
    MatIcon,
    LoadingState,
    ErrorState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './api-tokens.html',
  styles: `
    :host {
      display: block;
    }
    form {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
    }
    mat-form-field {
      flex: 1 1 200px;
    }
    .pw-narrow {
      flex: 0 1 150px;
    }
    .pw-tokens {
      list-style: none;
      margin: 12px 0 0;
      padding: 0;
    }
    .pw-tokens li {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      align-items: center;
      padding: 8px 0;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    .pw-tokens__text {
      flex: 1 1 200px;
      display: flex;
      flex-direction: column;
    }
    .pw-revoked {
      color: var(--mat-sys-on-surface-variant);
      text-decoration: line-through;
    }
    .pw-new {
      margin: 12px 0 0;
      padding: 12px;
      border-radius: 8px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .pw-new code {
      display: block;
      margin: 8px 0;
      overflow-wrap: anywhere;
    }
    .pw-error {
      color: var(--mat-sys-error);
    }
  `,
})
export class ApiTokens {
  private readonly api = inject(AccountApi);
  private readonly clipboard = inject(Clipboard);
  private readonly dialog = inject(MatDialog);
  private readonly session = inject(SessionStore);

  protected readonly tokens = rxResource({ stream: () => this.api.tokens() });
  /** The value, or undefined while loading or after an error (value() throws in the error state). */
  protected readonly tokensValue = computed(() => (this.tokens.hasValue() ? this.tokens.value() : undefined));
  protected readonly problem = computed(() => (this.tokens.error() ? toProblem(this.tokens.error()) : null));
  protected readonly rows = computed(() =>
    (this.tokensValue() ?? []).map((t) => ({
      ...t,
      created: formatInstant(t.createdAt, this.session.timeZone()),
      lastUsed: t.lastUsedAt ? formatInstant(t.lastUsedAt, this.session.timeZone()) : 'never',
      revoked: t.revokedAt ? formatInstant(t.revokedAt, this.session.timeZone()) : null,
      scopeLabel: SCOPE_LABELS[t.scope],
      expires: t.expiresAt ? formatInstant(t.expiresAt, this.session.timeZone()) : 'never',
    })),
  );
  protected readonly scopes = API_TOKEN_SCOPES.map((scope) => ({ scope, label: SCOPE_LABELS[scope] }));
  protected readonly lifetimes = LIFETIMES;
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(100)]],
    scope: ['read' as ApiTokenScope],
    expiresInDays: [90 as TokenLifetimeDays | null],
  });
  /** Reset through the directive, so the emptied name is not shown as an error of the form just submitted. */
  private readonly formDirective = viewChild.required(FormGroupDirective);
  protected readonly created = signal<CreatedApiTokenDto | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly copied = signal(false);

  protected async create(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const { name, scope, expiresInDays } = this.form.getRawValue();
      this.created.set(await firstValueFrom(this.api.createToken({ name: name.trim(), scope, expiresInDays })));
      this.copied.set(false);
      this.formDirective().resetForm({ name: '', scope, expiresInDays });
      this.tokens.reload();
    } catch (error: unknown) {
      this.error.set(problemMessage(error));
    } finally {
      this.busy.set(false);
    }
  }

  protected async revoke(id: string, name: string): Promise<void> {
    const confirmed = await confirmAction(this.dialog, {
      title: `Revoke the token “${name}”?`,
      message: 'Scripts and calendar apps that use it stop working at once. A revoked token cannot be restored; you can create a new one.',
      confirmLabel: 'Revoke token',
      destructive: true,
    });
    if (!confirmed) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      await firstValueFrom(this.api.revokeToken(id));
      this.tokens.reload();
    } catch (error: unknown) {
      this.error.set(`Could not revoke ${name}: ${problemMessage(error)}`);
    } finally {
      this.busy.set(false);
    }
  }

  protected copy(token: string): void {
    this.copied.set(this.clipboard.copy(token));
  }
}
