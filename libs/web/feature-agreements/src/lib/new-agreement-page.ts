import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatAnchor, MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { AGREEMENT_KIND_LABELS, type AgreementKindCode, type CreateAgreementRequest } from '@pactwatch/shared/contracts';
import { AgreementsApi, ReferenceApi, toProblem } from '@pactwatch/web/data-access';
import { PageHeader, NEEDS_ATTENTION, errorMessage, submissionErrors, isoDate, webUrl } from '@pactwatch/web/ui';
import { catchError, firstValueFrom, of } from 'rxjs';

/** Records a new agreement (the source document); on success it opens the agreement's page. */
@Component({
  selector: 'pw-new-agreement-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatFormField,
    MatLabel,
    MatError,
    MatHint,
    MatInput,
    MatSelect,
    MatOption,
    MatButton,
    MatAnchor,
    MatIcon,
    PageHeader,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nav class="pw-crumbs" aria-label="Breadcrumb">
      <a routerLink="/agreements">Agreements</a>
      <mat-icon aria-hidden="true">chevron_right</mat-icon>
      <span aria-current="page">New agreement</span>
    </nav>
    <pw-page-header title="New agreement" subtitle="The source document that commitments come from" />

    <form class="pw-card" [formGroup]="form" (ngSubmit)="save()" novalidate aria-label="New agreement">
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
          <mat-select formControlName="kind" required data-field="kind">
            @for (k of kinds; track k.value) {
              <mat-option [value]="k.value">{{ k.label }}</mat-option>
            }
          </mat-select>
          @if (form.controls.kind.invalid) {
            <mat-error>{{ errorMessage(form.controls.kind, 'The kind') }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>Signed or published on</mat-label>
          <input matInput type="date" formControlName="signedOn" data-field="signedOn" />
          <mat-hint>Leave empty if not known yet</mat-hint>
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
          @if (form.controls.partyCodes.invalid) {
            <mat-error>{{ errorMessage(form.controls.partyCodes, 'Parties') }}</mat-error>
          }
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
          @if (form.controls.summary.invalid) {
            <mat-error>{{ errorMessage(form.controls.summary, 'The summary') }}</mat-error>
          }
        </mat-form-field>
      </div>
      <div class="pw-actions">
        <button mat-flat-button type="submit" [disabled]="submitting()">{{ submitting() ? 'Recording…' : 'Record agreement' }}</button>
        <a mat-button routerLink="/agreements">Cancel</a>
      </div>
    </form>
  `,
  styles: `
    :host {
      display: block;
      max-width: 900px;
    }
  `,
})
export class NewAgreementPage {
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly router = inject(Router);
  private readonly api = inject(AgreementsApi);

  protected readonly errorMessage = errorMessage;
  protected readonly kinds = (Object.entries(AGREEMENT_KIND_LABELS) as [AgreementKindCode, string][]).map(([value, label]) => ({
    value,
    label,
  }));
  /** A failure only leaves the menu empty; the agreement can be recorded without parties. */
  protected readonly parties = toSignal(
    inject(ReferenceApi)
      .parties()
      .pipe(catchError(() => of([]))),
    { initialValue: [] },
  );

  protected readonly form = this.fb.group({
    title: this.fb.control('', [Validators.required, Validators.maxLength(300)]),
    kind: this.fb.control<AgreementKindCode | ''>('', [Validators.required]),
    signedOn: this.fb.control('', [isoDate]),
    partyCodes: this.fb.control<string[]>([]),
    sourceUrl: this.fb.control('', [webUrl, Validators.maxLength(2000)]),
    summary: this.fb.control('', [Validators.maxLength(20000)]),
  });
  protected readonly submitting = signal(false);
  protected readonly formErrors = signal<string[]>([]);

  protected async save(): Promise<void> {
    this.formErrors.set([]);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.formErrors.set([NEEDS_ATTENTION]);
      return;
    }
    this.submitting.set(true);
    try {
      const created = await firstValueFrom(this.api.create(this.request()));
      await this.router.navigate(['/agreements', created.id], { state: { notice: `Agreement recorded: ${created.title}.` } });
    } catch (error: unknown) {
      this.formErrors.set(submissionErrors(this.form, toProblem(error)));
    } finally {
      this.submitting.set(false);
    }
  }

  private request(): CreateAgreementRequest {
    const v = this.form.getRawValue();
    return {
      title: v.title.trim(),
      kind: v.kind as AgreementKindCode,
      signedOn: v.signedOn || null,
      partyCodes: v.partyCodes,
      sourceUrl: v.sourceUrl.trim() || null,
      summary: v.summary.trim(),
    };
  }
}
