import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import type { AnchorEventDto, CommitmentDetailDto, PartyDto, PolicyAreaDto } from '@pactwatch/shared/contracts';
import { CommitmentsApi, toProblem } from '@pactwatch/web/data-access';
import { applyServerErrors, errorMessage, webUrl } from '@pactwatch/web/ui';
import { firstValueFrom, startWith } from 'rxjs';
import { deadlineFormValue, deadlineGroup, specOf } from '../deadline/deadline-form';
import { DeadlineFields } from '../deadline/deadline-fields';
import {
  type CommitmentEditValue,
  EDIT_FIELD_LABELS,
  type Rebased,
  changedFields,
  editValueOf,
  rebase,
  toUpdateRequest,
} from './edit-model';

/**
 * Edits a commitment. Sends only the changed fields with the version the analyst started from.
 * On a 409 it shows, field by field, what the other person changed and what the analyst changed,
 * and reapplies the analyst's edit on top of the current version: nothing typed is lost.
 */
@Component({
  selector: 'pw-commitment-edit-form',
  imports: [ReactiveFormsModule, MatFormField, MatLabel, MatError, MatInput, MatSelect, MatOption, MatButton, MatIcon, DeadlineFields],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './commitment-edit-form.html',
  styleUrl: './commitment-edit-form.scss',
})
export class CommitmentEditForm {
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly api = inject(CommitmentsApi);

  readonly commitment = input.required<CommitmentDetailDto>();
  readonly parties = input<readonly PartyDto[]>([]);
  readonly areas = input<readonly PolicyAreaDto[]>([]);
  readonly anchorEvents = input<readonly AnchorEventDto[]>([]);
  readonly saved = output<CommitmentDetailDto>();
  readonly cancelled = output<void>();
  readonly conflicted = output<CommitmentDetailDto>();

  protected readonly errorMessage = errorMessage;
  protected readonly labels = EDIT_FIELD_LABELS;

  protected readonly form = this.fb.group({
    title: this.fb.control('', [Validators.required, Validators.maxLength(300)]),
    description: this.fb.control('', [Validators.maxLength(10000)]),
    responsibleBody: this.fb.control('', [Validators.maxLength(300)]),
    sourceQuote: this.fb.control('', [Validators.maxLength(10000)]),
    sourceLocator: this.fb.control('', [Validators.maxLength(300)]),
    sourceUrl: this.fb.control('', [webUrl, Validators.maxLength(2000)]),
    partyCodes: this.fb.control<string[]>([]),
    areaSlugs: this.fb.control<string[]>([]),
    deadline: deadlineGroup(this.fb),
  });

  /** What the analyst started from, and its version: the base of the PATCH and of a rebase. */
  private readonly base = signal<CommitmentEditValue | null>(null);
  private readonly baseVersion = signal(0);
  protected readonly submitting = signal(false);
  protected readonly formErrors = signal<string[]>([]);
  protected readonly conflict = signal<(Rebased & { current: CommitmentDetailDto }) | null>(null);
  protected readonly rebasedNotice = signal(false);

  private readonly formValue = toSignal(this.form.valueChanges.pipe(startWith(this.form.getRawValue())), {
    initialValue: this.form.getRawValue(),
  });
  protected readonly dirtyFields = computed(() => {
    this.formValue();
    const base = this.base();
    return base ? changedFields(base, this.value()) : [];
  });

  constructor() {
    effect(() => {
      const commitment = this.commitment();
      untracked(() => {
        if (!this.base() || (this.form.pristine && !this.conflict())) this.startFrom(commitment);
      });
    });
  }

  protected async save(): Promise<void> {
    this.rebasedNotice.set(false);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.formErrors.set(['Some fields need attention; see the messages beside them.']);
      return;
    }
    const base = this.base();
    if (!base) return;
    const request = toUpdateRequest(base, this.value(), this.baseVersion());
    if (Object.keys(request).length === 1) {
      this.cancelled.emit();
      return;
    }
    this.submitting.set(true);
    this.formErrors.set([]);
    try {
      const updated = await firstValueFrom(this.api.update(this.commitment().id, request));
      this.startFrom(updated);
      this.saved.emit(updated);
    } catch (error: unknown) {
      const problem = toProblem(error);
      if (problem.status === 409) {
        const current = await this.currentVersion(problem.current);
        if (current) {
          this.conflict.set({ ...rebase(base, this.value(), editValueOf(current)), current });
          this.conflicted.emit(current);
        } else {
          this.formErrors.set([
            'Someone else changed this commitment and it could not be reloaded. Your edit is still in the form; try saving again.',
          ]);
        }
      } else if (problem.status === 400 && problem.errors?.length) {
        const rest = applyServerErrors(this.form, problem);
        this.formErrors.set(rest.length ? rest : ['Some fields need attention; see the messages beside them.']);
      } else {
        this.formErrors.set([`${problem.title}${problem.detail ? `: ${problem.detail}` : ''}. Your edit is still in the form.`]);
      }
    } finally {
      this.submitting.set(false);
    }
  }

  /** Put the analyst's changes on top of the current version; they review, then save. */
  protected reapply(): void {
    const conflict = this.conflict();
    if (!conflict) return;
    this.base.set(editValueOf(conflict.current));
    this.baseVersion.set(conflict.current.version);
    this.patch(conflict.merged);
    this.form.markAsDirty();
    this.conflict.set(null);
    this.rebasedNotice.set(true);
  }

  /** Drop the edit and show the current version. */
  protected takeTheirs(): void {
    const conflict = this.conflict();
    this.conflict.set(null);
    if (conflict) this.startFrom(conflict.current);
    this.cancelled.emit();
  }

  protected cancel(): void {
    this.conflict.set(null);
    this.startFrom(this.commitment());
    this.cancelled.emit();
  }

  private async currentVersion(current: unknown): Promise<CommitmentDetailDto | null> {
    if (current && typeof current === 'object' && 'version' in current) return current as CommitmentDetailDto;
    try {
      return await firstValueFrom(this.api.get(this.commitment().id));
    } catch {
      return null;
    }
  }

  private startFrom(commitment: CommitmentDetailDto): void {
    const value = editValueOf(commitment);
    this.base.set(value);
    this.baseVersion.set(commitment.version);
    this.patch(value);
    this.form.markAsPristine();
    this.form.markAsUntouched();
    this.formErrors.set([]);
  }

  private patch(value: CommitmentEditValue): void {
    this.form.reset({
      title: value.title,
      description: value.description,
      responsibleBody: value.responsibleBody,
      sourceQuote: value.sourceQuote,
      sourceLocator: value.sourceLocator,
      sourceUrl: value.sourceUrl,
      partyCodes: [...value.partyCodes],
      areaSlugs: [...value.areaSlugs],
      deadline: deadlineFormValue(value.deadline),
    });
  }

  private value(): CommitmentEditValue {
    const v = this.form.getRawValue();
    return {
      title: v.title,
      description: v.description,
      responsibleBody: v.responsibleBody,
      sourceQuote: v.sourceQuote,
      sourceLocator: v.sourceLocator,
      sourceUrl: v.sourceUrl,
      partyCodes: v.partyCodes,
      areaSlugs: v.areaSlugs,
      deadline: specOf(v.deadline),
    };
  }
}
