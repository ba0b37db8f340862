import { ChangeDetectionStrategy, Component, type OnInit, computed, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import type { AnchorEventDto, AnchorImpactDto } from '@pactwatch/shared/contracts';
import { AnchorEventsApi, toProblem } from '@pactwatch/web/data-access';
import { formatDay, isIsoDateString } from '@pactwatch/web/util';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { firstValueFrom } from 'rxjs';

/**
 * Changes an anchor event's date in two steps: preview which deadlines move (the impact endpoint
 * changes nothing), then save with the reason, which the anchor's history keeps.
 */
@Component({
  selector: 'pw-anchor-editor',
  imports: [ReactiveFormsModule, MatFormField, MatLabel, MatHint, MatError, MatInput, MatCheckbox, MatButton, MatIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './anchor-editor.html',
  styleUrl: './anchor-editor.scss',
})
export class AnchorEditor implements OnInit {
  private readonly api = inject(AnchorEventsApi);

  readonly anchor = input.required<AnchorEventDto>();
  readonly saved = output<AnchorEventDto>();
  readonly cancelled = output<void>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    date: [''],
    pending: [false],
    reason: ['', [Validators.required, Validators.maxLength(500)]],
  });
  protected readonly impact = signal<AnchorImpactDto | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly moves = computed(() =>
    (this.impact()?.moves ?? []).map((m) => ({
      ...m,
      before: m.dueDateBefore ? formatDay(m.dueDateBefore) : 'no due date',
      after: m.dueDateAfter ? formatDay(m.dueDateAfter) : 'no due date (pending)',
    })),
  );

  protected readonly signingMove = computed(() => {
    const move = this.impact()?.agreementSignedOn;
    if (!move) return null;
    return { before: move.before ? formatDay(move.before) : 'no date', after: move.after ? formatDay(move.after) : 'no date' };
  });

  constructor() {
    // Typing a date means the event has one: "Pending" unticks. Ticking "Pending" clears the date.
    this.form.controls.date.valueChanges.pipe(takeUntilDestroyed()).subscribe((date) => {
      if (date && this.form.controls.pending.value) this.form.controls.pending.setValue(false);
      this.changed();
    });
    this.form.controls.pending.valueChanges.pipe(takeUntilDestroyed()).subscribe((pending) => {
      if (pending && this.form.controls.date.value) this.form.controls.date.setValue('');
      this.changed();
    });
  }

  ngOnInit(): void {
    const anchor = this.anchor();
    this.form.reset({ date: anchor.occurredOn ?? '', pending: anchor.occurredOn === null, reason: '' });
  }

  /** The date the analyst chose: a YYYY-MM-DD, null for pending, or undefined when incomplete. */
  private newDate(): string | null | undefined {
    const { date, pending } = this.form.getRawValue();
    if (pending) return null;
    return isIsoDateString(date) ? date : undefined;
  }

  protected async preview(): Promise<void> {
    const date = this.newDate();
    if (date === undefined) {
      this.error.set('Choose a date, or mark the event as pending.');
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      this.impact.set(await firstValueFrom(this.api.impact(this.anchor().id, date)));
    } catch (error: unknown) {
      const problem = toProblem(error);
      this.error.set(`The impact could not be computed: ${problem.detail || problem.title}`);
    } finally {
      this.busy.set(false);
    }
  }

  /** Any change to the inputs invalidates the preview: what is saved is what was previewed. */
  protected changed(): void {
    this.impact.set(null);
  }

  protected async save(): Promise<void> {
    const date = this.newDate();
    if (date === undefined || !this.impact()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const updated = await firstValueFrom(
        this.api.update(this.anchor().id, {
          occurredOn: date,
          reason: this.form.getRawValue().reason.trim(),
          version: this.anchor().version,
        }),
      );
      this.saved.emit(updated);
    } catch (error: unknown) {
      const problem = toProblem(error);
      this.error.set(
        problem.status === 409
          ? 'Someone else changed this anchor event meanwhile. Cancel and open it again to see their change; your date and reason are still here.'
          : `${problem.title}${problem.detail ? `: ${problem.detail}` : ''}`,
      );
    } finally {
      this.busy.set(false);
    }
  }
}
