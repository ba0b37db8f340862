import { ChangeDetectionStrategy, Component, type OnInit, computed, inject, input, output, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { AGREEMENT_KIND_LABELS, type AgreementDto, type AgreementKindCode, type UpdateAgreementRequest } from '@pactwatch/shared/contracts';
import { AgreementsApi, ReferenceApi, toProblem } from '@pactwatch/web/data-access';
import { NEEDS_ATTENTION, errorMessage, isoDate, submissionErrors, webUrl } from '@pactwatch/web/ui';
import { formatDay } from '@pactwatch/web/util';
import { catchError, firstValueFrom, of } from 'rxjs';

/**
 * Edits an agreement in place: title, kind, signing date, parties, source and summary. Only the changed fields are
 * sent, with the version the analyst started from; a 409 keeps what they typed.
 */
@Component({
  selector: 'pw-agreement-edit-form',
  imports: [ReactiveFormsModule, MatFormField, MatLabel, MatError, MatHint, MatInput, MatSelect, MatOption, MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="save()" novalidate aria-labelledby="pw-agreement-edit-title">
      <h2 id="pw-agreement-edit-title" class="pw-section-title">Edit the agreement</h2>
      @if (formErrors().length) {
        <div class="pw-form-errors" role="alert">
          @for (message of formErrors(); track message) {
            <p>{{ message }}</p>
          }
        </div>
      }
      <div class="pw-form-grid">
        <mat-form-field class="pw-full">
          <mat-label>Title</mat-label>
          <input matInput formControlName="title" required data-field="title" />
          @if (form.controls.title.invalid) {
            <mat-error>{{ errorMessage(form.controls.title, 'The title') }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>Kind</mat-label>
          <mat-select formControlName="kind" data-field="kind">
            @for (k of kinds; track k.value) {
              <mat-option [value]="k.value">{{ k.label }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Signed or published on</mat-label>
          <input matInput type="date" formControlName="signedOn" data-field="signedOn" />
          @if (signingAnchor(); as anchor) {
            <mat-hint>Follows “{{ anchor.name }}” ({{ anchor.date }}) when that date is corrected</mat-hint>
          } @else {
            <mat-hint>Leave empty if not known yet</mat-hint>
          }
          @if (form.controls.signedOn.invalid) {
            <mat-error>{{ errorMessage(form.controls.signedOn, 'The date') }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>Parties</mat-label>
          <mat-select multiple formControlName="partyCodes" data-field="partyCodes">
            @for (p of parties(); track p.code) {
              <mat-option [value]="p.code">{{ p.name }} ({{ p.code }})</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field class="pw-full">
          <mat-label>Source URL</mat-label>
          <input matInput type="url" formControlName="sourceUrl" placeholder="https://" data-field="sourceUrl" />
          @if (form.controls.sourceUrl.invalid) {
            <mat-error>{{ errorMessage(form.controls.sourceUrl, 'The URL') }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field class="pw-full">
          <mat-label>Summary</mat-label>
          <textarea matInput rows="4" formControlName="summary" data-field="summary"></textarea>
        </mat-form-field>
      </div>
      <div class="pw-actions">
        <button mat-flat-button type="submit" [disabled]="submitting()">{{ submitting() ? 'Saving…' : 'Save changes' }}</button>
        <button mat-button type="button" (click)="cancelled.emit()">Cancel</button>
      </div>
    </form>
  `,
})
export class AgreementEditForm implements OnInit {
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly api = inject(AgreementsApi);

  readonly agreement = input.required<AgreementDto>();
  readonly saved = output<AgreementDto>();
  readonly cancelled = output<void>();

  protected readonly errorMessage = errorMessage;
  protected readonly kinds = (Object.entries(AGREEMENT_KIND_LABELS) as [AgreementKindCode, string][]).map(([value, label]) => ({
    value,
    label,
  }));
  protected readonly parties = toSignal(
    inject(ReferenceApi)
      .parties()
      .pipe(catchError(() => of([]))),
    { initialValue: [] },
  );
  /** The anchor event that is the agreement's signing: same date as the agreement. */
  protected readonly signingAnchor = computed(() => {
    const agreement = this.agreement();
    const anchor = agreement.anchorEvents.find((a) => a.occurredOn !== null && a.occurredOn === agreement.signedOn);
    return anchor?.occurredOn ? { name: anchor.name, date: formatDay(anchor.occurredOn) } : null;
  });

  protected readonly form = this.fb.group({
    title: this.fb.control('', [Validators.required, Validators.maxLength(300)]),
    kind: this.fb.control<AgreementKindCode>('other'),
    signedOn: this.fb.control('', [isoDate]),
    partyCodes: this.fb.control<string[]>([]),
    sourceUrl: this.fb.control('', [webUrl, Validators.maxLength(2000)]),
    summary: this.fb.control('', [Validators.maxLength(20000)]),
  });
  protected readonly submitting = signal(false);
  protected readonly formErrors = signal<string[]>([]);

  ngOnInit(): void {
    const a = this.agreement();
    this.form.reset({
      title: a.title,
      kind: a.kind,
      signedOn: a.signedOn ?? '',
      partyCodes: a.parties.map((p) => p.code),
      sourceUrl: a.sourceUrl ?? '',
      summary: a.summary,
    });
  }

  protected async save(): Promise<void> {
    this.formErrors.set([]);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.formErrors.set([NEEDS_ATTENTION]);
      return;
    }
    const request = this.changes();
    if (Object.keys(request).length === 1) {
      this.cancelled.emit();
      return;
    }
    this.submitting.set(true);
    try {
      this.saved.emit(await firstValueFrom(this.api.update(this.agreement().id, request)));
    } catch (error: unknown) {
      const problem = toProblem(error);
      this.formErrors.set(
        problem.status === 409
          ? ['Someone else changed this agreement meanwhile. Cancel and open it again to see their change; your edits are still here.']
          : submissionErrors(this.form, problem),
      );
    } finally {
      this.submitting.set(false);
    }
  }

  /** Only what changed, with the version the analyst started from. */
  private changes(): UpdateAgreementRequest {
    const a = this.agreement();
    const v = this.form.getRawValue();
    const request: UpdateAgreementRequest = { version: a.version };
    if (v.title.trim() !== a.title) request.title = v.title.trim();
    if (v.kind !== a.kind) request.kind = v.kind;
    if ((v.signedOn || null) !== a.signedOn) request.signedOn = v.signedOn || null;
    const codes = [...v.partyCodes].sort();
    if (
      codes.join() !==
      a.parties
        .map((p) => p.code)
        .sort()
        .join()
    )
      request.partyCodes = codes;
    if ((v.sourceUrl.trim() || null) !== a.sourceUrl) request.sourceUrl = v.sourceUrl.trim() || null;
    if (v.summary.trim() !== a.summary) request.summary = v.summary.trim();
    return request;
  }
}
