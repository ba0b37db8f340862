import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, type ValidationErrors, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import type { WorkspaceSettingsDto } from '@pactwatch/shared/contracts';
import { AdminApi, SessionStore, toProblem } from '@pactwatch/web/data-access';
import { ErrorState, LoadingState, TimeZoneField } from '@pactwatch/web/ui';
import { firstValueFrom } from 'rxjs';

const timeZone = (control: AbstractControl): ValidationErrors | null => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: String(control.value) });
    return null;
  } catch {
    return { timeZone: true };
  }
};

@Component({
  selector: 'pw-settings-page',
  imports: [
    ReactiveFormsModule,
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatInput,
    MatSlideToggle,
    MatButton,
    LoadingState,
    ErrorState,
    TimeZoneField,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 class="pw-section-title">Workspace settings</h2>
    @if (problem(); as problem) {
      <pw-error-state title="The settings could not be loaded" [message]="problem.detail || problem.title" (retry)="settings.reload()" />
    } @else if (settings.isLoading() && !settings.hasValue()) {
      <pw-loading-state />
    } @else {
      <form class="pw-card" [formGroup]="form" (ngSubmit)="save()" novalidate>
        <div class="pw-form-grid">
          <mat-form-field>
            <mat-label>Workspace name</mat-label>
            <input matInput formControlName="workspaceName" />
            @if (form.controls.workspaceName.invalid) {
              <mat-error>{{ form.controls.workspaceName.errors?.['server'] ?? 'Between 1 and 80 characters.' }}</mat-error>
            }
          </mat-form-field>
          <pw-time-zone-field
            [control]="form.controls.timeZone"
            hint="Deadlines end at midnight in this zone"
            invalidText="Choose a time zone from the list, such as Asia/Baku."
          />
          <mat-form-field>
            <mat-label>Stale after (days)</mat-label>
            <input matInput type="number" min="1" max="3650" formControlName="staleAfterDays" />
            <mat-hint>Unverified for longer is flagged "Not verified recently"</mat-hint>
            @if (form.controls.staleAfterDays.invalid) {
              <mat-error>{{ form.controls.staleAfterDays.errors?.['server'] ?? 'A whole number from 1 to 3650.' }}</mat-error>
            }
          </mat-form-field>
        </div>
        <mat-slide-toggle formControlName="publicPortal">Public portal: anyone can read the dashboard without signing in</mat-slide-toggle>
        @if (result(); as r) {
          <p class="pw-message" [class.pw-message--error]="!r.ok" [attr.role]="r.ok ? 'status' : 'alert'">{{ r.text }}</p>
        }
        <div class="pw-actions pw-submit">
          <button mat-flat-button type="submit" [disabled]="saving()">Save settings</button>
        </div>
      </form>
    }
  `,
  styleUrl: './admin.scss',
})
export class SettingsPage {
  private readonly api = inject(AdminApi);
  private readonly session = inject(SessionStore);

  protected readonly settings = rxResource({ stream: () => this.api.settings() });
  /** The value, or undefined while loading or after an error (value() throws in the error state). */
  protected readonly settingsValue = computed(() => (this.settings.hasValue() ? this.settings.value() : undefined));
  protected readonly problem = computed(() => (this.settings.error() ? toProblem(this.settings.error()) : null));
  protected readonly form = inject(NonNullableFormBuilder).group({
    workspaceName: ['', [Validators.required, Validators.maxLength(80)]],
    timeZone: ['UTC', [Validators.required, timeZone]],
    staleAfterDays: [90, [Validators.required, Validators.min(1), Validators.max(3650)]],
    publicPortal: [false],
  });
  protected readonly saving = signal(false);
  protected readonly result = signal<{ ok: boolean; text: string } | null>(null);
  /** After a 409: the admin's values, re-applied on top of the reloaded settings. */
  private readonly pendingMine = signal<ReturnType<typeof this.form.getRawValue> | null>(null);

  constructor() {
    effect(() => {
      const s = this.settingsValue();
      if (!s) return;
      untracked(() => {
        this.form.reset({
          workspaceName: s.workspaceName,
          timeZone: s.timeZone,
          staleAfterDays: s.staleAfterDays,
          publicPortal: s.publicPortal,
        });
        const mine = this.pendingMine();
        if (mine) {
          this.form.patchValue(mine);
          this.form.markAsDirty();
          this.pendingMine.set(null);
        }
      });
    });
  }

  protected async save(): Promise<void> {
    const current = this.settingsValue();
    if (!current) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    this.saving.set(true);
    this.result.set(null);
    try {
      const saved: WorkspaceSettingsDto = await firstValueFrom(
        this.api.updateSettings({
          ...v,
          workspaceName: v.workspaceName.trim(),
          staleAfterDays: Number(v.staleAfterDays),
          version: current.version,
        }),
      );
      this.settings.set(saved);
      this.result.set({ ok: true, text: 'Settings saved.' });
      void this.session.refresh();
    } catch (error: unknown) {
      const problem = toProblem(error);
      if (problem.status === 409) {
        this.result.set({
          ok: false,
          text: 'Another admin changed the settings meanwhile. Their values are loaded; your changes are still in the form — save again to apply them.',
        });
        const latest = await firstValueFrom(this.api.settings()).catch(() => null);
        if (latest) {
          this.pendingMine.set(this.form.getRawValue());
          this.settings.set(latest);
        }
      } else {
        for (const { field, message } of problem.errors ?? []) this.form.get(field)?.setErrors({ server: message });
        this.result.set({ ok: false, text: problem.detail || problem.title });
      }
    } finally {
      this.saving.set(false);
    }
  }
}
