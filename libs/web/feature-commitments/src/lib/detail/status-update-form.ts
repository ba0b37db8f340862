import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { FormArray, FormControl, FormGroup, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel, MatSuffix } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { toSignal } from '@angular/core/rxjs-interop';
import type {
  CommitmentDetailDto,
  CreateStatusUpdateRequest,
  ImplementationStatus,
  IsoDate,
  StatusUpdateDto,
} from '@pactwatch/shared/contracts';
import { IMPLEMENTATION_STATUSES, STATUS_LABELS } from '@pactwatch/shared/deadlines';
import { CommitmentsApi, SessionStore, toProblem } from '@pactwatch/web/data-access';
import { StatusChip, applyServerErrors, errorMessage, isoDate, webUrl, wholeNumber } from '@pactwatch/web/ui';
import { formatDay, formatInstant } from '@pactwatch/web/util';
import { firstValueFrom, map, startWith } from 'rxjs';

export const EVIDENCE_KINDS = [
  { value: 'official_document', label: 'Official document' },
  { value: 'official_statement', label: 'Official statement' },
  { value: 'news_report', label: 'News report' },
  { value: 'dataset', label: 'Dataset' },
  { value: 'analysis', label: 'Analysis' },
  { value: 'other', label: 'Other' },
];

type EvidenceGroup = FormGroup<{
  url: FormControl<string>;
  title: FormControl<string>;
  kind: FormControl<string>;
  publishedOn: FormControl<string>;
}>;

interface Conflict {
  current: CommitmentDetailDto;
  seenVersion: number;
}

/** The entries that count: an entry corrected by another no longer does. */
export function countedEntries(history: readonly StatusUpdateDto[], excluding: string | null = null): StatusUpdateDto[] {
  const corrected = new Set(history.flatMap((u) => (u.correctsId ? [u.correctsId] : [])));
  return history
    .filter((u) => !corrected.has(u.id) && u.id !== excluding)
    .sort((a, b) => b.effectiveOn.localeCompare(a.effectiveOn) || b.createdAt.localeCompare(a.createdAt));
}

/**
 * The entry that stays current if an update effective on `day` is recorded now, or null when the new one becomes
 * current (it is recorded last, so it wins over entries of the same day).
 */
export function laterEntry(history: readonly StatusUpdateDto[], day: string, excluding: string | null = null): StatusUpdateDto | null {
  return countedEntries(history, excluding).find((u) => u.effectiveOn > day) ?? null;
}

/** The entry in effect on `day`, which a new update effective that day would follow. */
export function entryInEffect(history: readonly StatusUpdateDto[], day: string, excluding: string | null = null): StatusUpdateDto | null {
  return countedEntries(history, excluding).find((u) => u.effectiveOn <= day) ?? null;
}

/**
 * Records a status update (status, progress, note, evidence). The analyst's input is never lost:
 * on a 409 the form keeps every value, shows what changed, and offers to record it on top.
 */
@Component({
  selector: 'pw-status-update-form',
  imports: [
    ReactiveFormsModule,
    MatFormField,
    MatLabel,
    MatError,
    MatHint,
    MatSuffix,
    MatInput,
    MatSelect,
    MatOption,
    MatButton,
    MatIconButton,
    MatIcon,
    StatusChip,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './status-update-form.html',
  styleUrl: './status-update-form.scss',
})
export class StatusUpdateForm {
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly api = inject(CommitmentsApi);
  private readonly session = inject(SessionStore);

  readonly commitment = input.required<CommitmentDetailDto>();
  /** The history entry being corrected, if any: the form records a correction of it. */
  readonly correcting = input<StatusUpdateDto | null>(null);
  readonly saved = output<CommitmentDetailDto>();
  /** The analyst left correction mode. */
  readonly correctionCancelled = output<void>();
  /** Someone else changed the commitment first; here is the current version. */
  readonly conflicted = output<CommitmentDetailDto>();

  protected readonly statuses = IMPLEMENTATION_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] }));
  protected readonly evidenceKinds = EVIDENCE_KINDS;
  protected readonly errorMessage = errorMessage;

  protected readonly form = this.fb.group({
    status: this.fb.control<ImplementationStatus>('not_started', Validators.required),
    progress: this.fb.control<number>(0, [Validators.required, Validators.min(0), Validators.max(100), wholeNumber]),
    effectiveOn: this.fb.control<string>('', [Validators.required, isoDate]),
    note: this.fb.control('', [Validators.maxLength(4000)]),
    evidence: this.fb.array<EvidenceGroup>([]),
  });

  /** The version the analyst saw when they began: what the API compares against. */
  private readonly baseVersion = signal(0);
  protected readonly submitting = signal(false);
  protected readonly conflict = signal<Conflict | null>(null);
  protected readonly formErrors = signal<string[]>([]);
  protected readonly success = signal<string | null>(null);

  /** Verification: "checked, nothing changed", with a note. */
  protected readonly verifying = signal(false);
  protected readonly verifyNote = this.fb.control('', [Validators.maxLength(4000)]);

  private readonly value = toSignal(
    this.form.valueChanges.pipe(
      startWith(null),
      map(() => this.form.getRawValue()),
    ),
    { requireSync: true },
  );

  /** When the update will not become current: the entry that stays current, in words. */
  protected readonly notCurrent = computed(() => {
    const day = this.value().effectiveOn;
    if (!day) return null;
    const later = laterEntry(this.commitment().history, day, this.correcting()?.id ?? null);
    if (!later) return null;
    return {
      effective: formatDay(later.effectiveOn),
      status: STATUS_LABELS[later.statusAfter],
      progress: later.progressAfter,
      id: later.id,
    };
  });

  /** An update that changes nothing: same status and progress as the entry it follows (or corrects), no note, no evidence. */
  protected readonly unchanged = computed(() => {
    const value = this.value();
    if (value.note.trim() || value.evidence.length > 0) return false;
    const correcting = this.correcting();
    const base = correcting ?? entryInEffect(this.commitment().history, value.effectiveOn || this.today());
    if (!base) return false;
    const sameDay = !correcting || correcting.effectiveOn === value.effectiveOn;
    return base.statusAfter === value.status && base.progressAfter === Number(value.progress) && sameDay;
  });

  protected readonly statusLabel = computed(() => STATUS_LABELS[this.commitment().status]);

  protected readonly title = computed(() => {
    const correcting = this.correcting();
    return correcting ? `Correct the entry effective ${formatDay(correcting.effectiveOn)}` : 'Record a status update';
  });

  protected readonly conflictSummary = computed(() => {
    const conflict = this.conflict();
    if (!conflict) return null;
    const latest = [...conflict.current.history].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0] ?? null;
    return {
      status: conflict.current.status,
      progress: conflict.current.progress,
      latest: latest ? { ...latest, when: formatInstant(latest.createdAt, this.session.timeZone()) } : null,
    };
  });

  constructor() {
    // A fresh commitment resets a pristine form; a form the analyst is typing in is left alone.
    effect(() => {
      const commitment = this.commitment();
      untracked(() => {
        if (this.form.pristine && !this.conflict() && !this.correcting()) this.resetTo(commitment);
      });
    });
    // "Correct this entry": the form starts from the entry's values, on its day.
    effect(() => {
      const entry = this.correcting();
      untracked(() => {
        if (entry) this.startCorrection(entry);
        else if (this.form.pristine) this.resetTo(this.commitment());
      });
    });
  }

  protected cancelCorrection(): void {
    this.resetTo(this.commitment());
    this.correctionCancelled.emit();
  }

  protected async markVerified(): Promise<void> {
    this.success.set(null);
    this.formErrors.set([]);
    this.submitting.set(true);
    try {
      const note = this.verifyNote.value.trim();
      const updated = await firstValueFrom(this.api.verify(this.commitment().id, { note: note || undefined, version: this.baseVersion() }));
      this.verifying.set(false);
      this.verifyNote.reset('');
      this.resetTo(updated);
      this.success.set(`Marked verified today, no change: ${STATUS_LABELS[updated.status]}, ${updated.progress}%.`);
      this.saved.emit(updated);
    } catch (error: unknown) {
      const problem = toProblem(error);
      if (problem.status === 409) {
        const current = await this.currentVersion(problem.current);
        this.formErrors.set(['Someone else changed this commitment meanwhile. Check their update, then mark it verified again.']);
        if (current) this.conflicted.emit(current);
      } else {
        this.formErrors.set([`${problem.title}${problem.detail ? `: ${problem.detail}` : ''}`]);
      }
    } finally {
      this.submitting.set(false);
    }
  }

  protected get evidence(): FormArray<EvidenceGroup> {
    return this.form.controls.evidence;
  }

  protected addEvidence(): void {
    this.evidence.push(
      this.fb.group({
        url: this.fb.control('', [Validators.required, webUrl, Validators.maxLength(2000)]),
        title: this.fb.control('', [Validators.required, Validators.maxLength(300)]),
        kind: this.fb.control('official_document'),
        publishedOn: this.fb.control('', [isoDate]),
      }),
    );
    this.form.markAsDirty();
  }

  protected removeEvidence(index: number): void {
    this.evidence.removeAt(index);
    this.form.markAsDirty();
  }

  protected async submit(): Promise<void> {
    this.success.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.formErrors.set(['Some fields need attention; see the messages beside them.']);
      return;
    }
    if (this.unchanged()) {
      this.formErrors.set(['This update changes nothing. Change the status or progress, add a note or evidence — or use “Mark verified”.']);
      return;
    }
    await this.send(this.baseVersion());
  }

  /** After a conflict: record the analyst's update, unchanged, on top of the current version. */
  protected async applyOnTop(): Promise<void> {
    const conflict = this.conflict();
    if (!conflict) return;
    this.baseVersion.set(conflict.current.version);
    this.conflict.set(null);
    await this.submit();
  }

  /** After a conflict: drop the analyst's update and start again from the current version. */
  protected discard(): void {
    const conflict = this.conflict();
    this.conflict.set(null);
    if (conflict) this.resetTo(conflict.current);
  }

  private async send(version: number): Promise<void> {
    const value = this.form.getRawValue();
    const request: CreateStatusUpdateRequest = {
      status: value.status,
      progress: Number(value.progress),
      note: value.note.trim() || undefined,
      effectiveOn: value.effectiveOn || undefined,
      evidence: value.evidence.map((e) => ({ url: e.url.trim(), title: e.title.trim(), kind: e.kind, publishedOn: e.publishedOn || null })),
      correctsId: this.correcting()?.id ?? undefined,
      version,
    };
    const notCurrent = this.notCurrent();
    const correcting = this.correcting();
    this.submitting.set(true);
    this.formErrors.set([]);
    try {
      const updated = await firstValueFrom(this.api.addStatusUpdate(this.commitment().id, request));
      this.resetTo(updated);
      const what = correcting ? 'Correction recorded' : 'Status update recorded';
      this.success.set(
        notCurrent
          ? `${what} in the history. The entry effective ${notCurrent.effective} stays current: ${STATUS_LABELS[updated.status]}, ${updated.progress}%.`
          : `${what}: ${STATUS_LABELS[updated.status]}, ${updated.progress}%.`,
      );
      if (correcting) this.correctionCancelled.emit();
      this.saved.emit(updated);
    } catch (error: unknown) {
      const problem = toProblem(error);
      if (problem.status === 409) {
        const current = await this.currentVersion(problem.current);
        if (current) {
          this.conflict.set({ current, seenVersion: version });
          this.conflicted.emit(current);
        } else {
          this.formErrors.set([
            'Someone else changed this commitment. Reload the page to see their change; your update is still in the form.',
          ]);
        }
      } else if (problem.status === 400 && problem.errors?.length) {
        this.formErrors.set(applyServerErrors(this.form, problem));
        if (!this.formErrors().length) this.formErrors.set(['Some fields need attention; see the messages beside them.']);
      } else {
        this.formErrors.set([`${problem.title}${problem.detail ? `: ${problem.detail}` : ''}. Your update is still in the form.`]);
      }
    } finally {
      this.submitting.set(false);
    }
  }

  /** The 409 body carries the current commitment; if it doesn't, ask for it. */
  private async currentVersion(current: unknown): Promise<CommitmentDetailDto | null> {
    if (current && typeof current === 'object' && 'version' in current) return current as CommitmentDetailDto;
    try {
      return await firstValueFrom(this.api.get(this.commitment().id));
    } catch {
      return null;
    }
  }

  private resetTo(commitment: CommitmentDetailDto): void {
    this.evidence.clear();
    this.form.reset({
      status: commitment.status,
      progress: commitment.progress,
      effectiveOn: this.today(),
      note: '',
    });
    this.baseVersion.set(commitment.version);
    this.formErrors.set([]);
  }

  private startCorrection(entry: StatusUpdateDto): void {
    this.evidence.clear();
    this.form.reset({ status: entry.statusAfter, progress: entry.progressAfter, effectiveOn: entry.effectiveOn, note: entry.note });
    this.baseVersion.set(this.commitment().version);
    this.formErrors.set([]);
    this.success.set(null);
  }

  private today(): IsoDate {
    return this.session.today();
  }
}
