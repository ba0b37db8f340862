import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatAnchor, MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import type { AgreementDto, CreateCommitmentRequest, ImplementationStatus } from '@pactwatch/shared/contracts';
import { IMPLEMENTATION_STATUSES, STATUS_LABELS } from '@pactwatch/shared/deadlines';
import { AgreementsApi, AnchorEventsApi, CommitmentsApi, ReferenceApi, toProblem } from '@pactwatch/web/data-access';
import {
  ErrorState,
  LoadingState,
  PageHeader,
  NEEDS_ATTENTION,
  errorMessage,
  submissionErrors,
  refCode,
  webUrl,
  wholeNumber,
} from '@pactwatch/web/ui';
import { catchError, firstValueFrom, of, startWith } from 'rxjs';
import { deadlineGroup, specOf } from '../deadline/deadline-form';
import { type AnchorOption, DeadlineFields } from '../deadline/deadline-fields';

/**
 * Records a new commitment. Opened from the commitments list, or from an agreement's page with
 * `?agreement=<id>`, which preselects the agreement and its parties. On success it opens the new
 * commitment; the API's field errors (including a reference code already in use) go beside the fields.
 */
@Component({
  selector: 'pw-new-commitment-page',
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
    LoadingState,
    ErrorState,
    DeadlineFields,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './new-commitment-page.html',
  styleUrl: './new-commitment-page.scss',
})
export class NewCommitmentPage {
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly router = inject(Router);
  private readonly commitmentsApi = inject(CommitmentsApi);
  private readonly agreementsApi = inject(AgreementsApi);
  private readonly anchorEventsApi = inject(AnchorEventsApi);
  private readonly referenceApi = inject(ReferenceApi);

  /** ?agreement=<id>: the agreement to record the commitment under. */
  readonly agreement = input<string>();

  protected readonly errorMessage = errorMessage;
  protected readonly statuses = IMPLEMENTATION_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] }));

  protected readonly form = this.fb.group({
    agreementId: this.fb.control('', [Validators.required]),
    refCode: this.fb.control('', [Validators.required, refCode]),
    title: this.fb.control('', [Validators.required, Validators.maxLength(300)]),
    parentId: this.fb.control(''),
    description: this.fb.control('', [Validators.maxLength(20000)]),
    responsibleBody: this.fb.control('', [Validators.maxLength(300)]),
    partyCodes: this.fb.control<string[]>([]),
    areaSlugs: this.fb.control<string[]>([]),
    deadline: deadlineGroup(this.fb),
    status: this.fb.control<ImplementationStatus>('not_started'),
    progress: this.fb.control<number>(0, [Validators.required, Validators.min(0), Validators.max(100), wholeNumber]),
    sourceQuote: this.fb.control('', [Validators.maxLength(20000)]),
    sourceLocator: this.fb.control('', [Validators.maxLength(300)]),
    sourceUrl: this.fb.control('', [webUrl, Validators.maxLength(2000)]),
  });

  protected readonly agreements = rxResource({ stream: () => this.agreementsApi.list() });
  protected readonly agreementsValue = computed<AgreementDto[] | undefined>(() =>
    this.agreements.hasValue() ? this.agreements.value() : undefined,
  );
  protected readonly agreementsProblem = computed(() => (this.agreements.error() ? toProblem(this.agreements.error()) : null));

  // Reference lists; a failure only leaves a menu shorter.
  protected readonly parties = toSignal(this.referenceApi.parties().pipe(catchError(() => of([]))), { initialValue: [] });
  protected readonly areas = toSignal(this.referenceApi.areas().pipe(catchError(() => of([]))), { initialValue: [] });
  private readonly anchorEvents = toSignal(this.anchorEventsApi.list().pipe(catchError(() => of([]))), { initialValue: [] });

  private readonly agreementId = toSignal(this.form.controls.agreementId.valueChanges.pipe(startWith('')), { initialValue: '' });
  protected readonly chosenAgreement = computed(() => this.agreementsValue()?.find((a) => a.id === this.agreementId()) ?? null);

  /** Possible parents: the commitments of the chosen agreement. */
  private readonly siblings = rxResource({
    params: () => this.agreementId() || undefined,
    stream: ({ params }) =>
      this.commitmentsApi.list({ agreement: [params], sort: 'ref_code', pageSize: 200 }).pipe(catchError(() => of(null))),
  });
  protected readonly parentOptions = computed(() => (this.siblings.hasValue() ? (this.siblings.value()?.items ?? []) : []));

  /** Anchor events under their agreement's title, the chosen agreement's first. */
  protected readonly anchorOptions = computed<AnchorOption[]>(() => {
    const titles = new Map((this.agreementsValue() ?? []).map((a) => [a.id, a.title]));
    const chosen = this.agreementId();
    const options = this.anchorEvents().map((anchor) => ({
      ...anchor,
      group: anchor.agreementId ? (titles.get(anchor.agreementId) ?? 'Another agreement') : 'Not tied to an agreement',
    }));
    return [...options.filter((a) => a.agreementId === chosen), ...options.filter((a) => a.agreementId !== chosen)];
  });

  protected readonly submitting = signal(false);
  protected readonly formErrors = signal<string[]>([]);
  protected readonly cancelLink = computed(() => {
    const agreement = this.chosenAgreement();
    return agreement ? ['/agreements', agreement.id] : ['/commitments'];
  });

  constructor() {
    // Preselect the agreement named in the URL once the list has it.
    effect(() => {
      const wanted = this.agreement();
      const list = this.agreementsValue();
      untracked(() => {
        if (wanted && list?.some((a) => a.id === wanted) && !this.form.controls.agreementId.value) {
          this.form.controls.agreementId.setValue(wanted);
        }
      });
    });
    // A new agreement: a parent from the old one no longer fits; its parties are a good first guess.
    effect(() => {
      const agreement = this.chosenAgreement();
      untracked(() => {
        this.form.controls.parentId.setValue('');
        if (agreement && this.form.controls.partyCodes.pristine) {
          this.form.controls.partyCodes.setValue(agreement.parties.map((p) => p.code));
        }
      });
    });
  }

  protected async save(): Promise<void> {
    this.formErrors.set([]);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.formErrors.set([NEEDS_ATTENTION]);
      return;
    }
    this.submitting.set(true);
    try {
      const created = await firstValueFrom(this.commitmentsApi.create(this.request()));
      await this.router.navigate(['/commitments', created.refCode], {
        state: { notice: `Commitment ${created.refCode} recorded.` },
      });
    } catch (error: unknown) {
      this.formErrors.set(submissionErrors(this.form, toProblem(error)));
    } finally {
      this.submitting.set(false);
    }
  }

  private request(): CreateCommitmentRequest {
    const v = this.form.getRawValue();
    return {
      refCode: v.refCode.trim(),
      title: v.title.trim(),
      agreementId: v.agreementId,
      parentId: v.parentId || null,
      description: v.description.trim(),
      responsibleBody: v.responsibleBody.trim(),
      partyCodes: v.partyCodes,
      areaSlugs: v.areaSlugs,
      deadline: specOf(v.deadline),
      status: v.status,
      progress: Number(v.progress),
      sourceQuote: v.sourceQuote.trim(),
      sourceLocator: v.sourceLocator.trim(),
      sourceUrl: v.sourceUrl.trim() || null,
    };
  }
}
