import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, type ValidationErrors, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import type { DigestFrequency, ReminderPreferencesDto } from '@pactwatch/shared/contracts';
import { AccountApi, fieldErrors, toProblem } from '@pactwatch/web/data-access';
import { ErrorState, LoadingState } from '@pactwatch/web/ui';
import { firstValueFrom } from 'rxjs';

function parseDays(text: string): number[] | null {
  const parts = text
    .split(/[\s,;]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const days = parts.map(Number);
  return days.every((d) => Number.isInteger(d) && d >= 1 && d <= 365) ? [...new Set(days)].sort((a, b) => b - a) : null;
}

const leadDaysValidator = (control: AbstractControl): ValidationErrors | null =>
  parseDays(String(control.value ?? '')) ? null : { leadDays: true };
const timeZoneValidator = (control: AbstractControl): ValidationErrors | null => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: String(control.value) });
    return null;
  } catch {
    return { timeZone: true };
  }
};

@Component({
  selector: 'pw-reminder-preferences',
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
    MatCheckbox,
    MatButton,
    LoadingState,
    ErrorState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './reminder-preferences.html',
  styles: `
    :host {
      display: block;
    }
    .pw-toggle {
      margin: 0 0 12px;
    }
    .pw-checks {
      display: flex;
      flex-direction: column;
      margin: 4px 0 8px;
    }
    .pw-result {
      margin: 8px 0;
    }
    .pw-result--error {
      color: var(--mat-sys-error);
    }
    .pw-actions {
      margin-top: 12px;
    }
  `,
})
export class ReminderPreferences {
  private readonly api = inject(AccountApi);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly prefs = rxResource({ stream: () => this.api.reminderPreferences() });
  /** The value, or undefined while loading or after an error (value() throws in the error state). */
  protected readonly prefsValue = computed(() => (this.prefs.hasValue() ? this.prefs.value() : undefined));
  protected readonly problem = computed(() => (this.prefs.error() ? toProblem(this.prefs.error()) : null));
  protected readonly hours = Array.from({ length: 24 }, (_, h) => ({ value: h, label: `${String(h).padStart(2, '0')}:00` }));
  protected readonly digests: { value: DigestFrequency; label: string }[] = [
    { value: 'immediate', label: 'No digest: one email per reminder' },
    { value: 'daily', label: 'Daily digest' },
    { value: 'weekly', label: 'Weekly digest' },
  ];

  protected readonly form = this.fb.group({
    enabled: [true],
    leadDays: ['30, 7, 1', [Validators.required, leadDaysValidator]],
    onDueDay: [true],
    overdueRepeat: [true],
    overdueRepeatDays: [7, [Validators.min(1), Validators.max(90)]],
    digest: this.fb.control<DigestFrequency>('immediate'),
    sendHour: [8],
    timeZone: ['UTC', [Validators.required, timeZoneValidator]],
    pausedUntil: [''],
    statusChangeNotices: this.fb.control<ReminderPreferencesDto['statusChangeNotices']>('immediate'),
  });
  protected readonly saving = signal(false);
  protected readonly result = signal<{ ok: boolean; text: string } | null>(null);

  constructor() {
    effect(() => {
      const p = this.prefsValue();
      if (p) this.load(p);
    });
  }

  private load(p: ReminderPreferencesDto): void {
    this.form.reset({
      enabled: p.enabled,
      leadDays: p.leadDays.join(', '),
      onDueDay: p.onDueDay,
      overdueRepeat: p.overdueRepeatDays !== null,
      overdueRepeatDays: p.overdueRepeatDays ?? 7,
      digest: p.digest,
      sendHour: p.sendHour,
      timeZone: p.timeZone,
      pausedUntil: p.pausedUntil ?? '',
      statusChangeNotices: p.statusChangeNotices,
    });
  }

  protected async save(): Promise<void> {
    this.result.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    const body: ReminderPreferencesDto = {
      enabled: v.enabled,
      leadDays: parseDays(v.leadDays) ?? [],
      onDueDay: v.onDueDay,
      overdueRepeatDays: v.overdueRepeat ? Number(v.overdueRepeatDays) : null,
      digest: v.digest,
      sendHour: Number(v.sendHour),
      timeZone: v.timeZone.trim(),
      pausedUntil: v.pausedUntil || null,
      statusChangeNotices: v.statusChangeNotices,
    };
    this.saving.set(true);
    try {
      const saved = await firstValueFrom(this.api.saveReminderPreferences(body));
      this.prefs.set(saved);
      this.result.set({ ok: true, text: 'Reminder preferences saved.' });
    } catch (error: unknown) {
      const problem = toProblem(error);
      const fields = fieldErrors(problem);
      for (const [field, message] of Object.entries(fields)) {
        this.form.get(field)?.setErrors({ server: message });
      }
      this.result.set({ ok: false, text: problem.detail || problem.title });
    } finally {
      this.saving.set(false);
    }
  }
}
