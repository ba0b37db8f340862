import { ChangeDetectionStrategy, Component, computed, effect, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import type {
  AnchorEventDto,
  CandidateAnchorDto,
  CommitmentSummaryDto,
  DraftDeadline,
  ExtractionCandidateDto,
  PartyDto,
  PolicyAreaDto,
  UpdateCandidateRequest,
} from '@pactwatch/shared/contracts';

type Kind = DraftDeadline['kind'];

/** One draft's fields as an editable form: title, quote, deadline, anchor, parties, areas and parent. */
@Component({
  selector: 'pw-candidate-editor',
  imports: [FormsModule, MatButton, MatFormField, MatLabel, MatHint, MatInput, MatSelect, MatOption],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="pw-editor" (ngSubmit)="submit()" [attr.aria-label]="'Edit draft ' + candidate().ordinal">
      <mat-form-field
        ><mat-label>Title</mat-label><input matInput name="title" [(ngModel)]="title" required maxlength="300"
      /></mat-form-field>
      <mat-form-field>
        <mat-label>Quote</mat-label>
        <textarea matInput name="quote" rows="3" [(ngModel)]="quote"></textarea>
        <mat-hint>Verbatim text of the document; a shorter part of it is fine</mat-hint>
      </mat-form-field>
      <mat-form-field><mat-label>Owed by</mat-label><input matInput name="body" [(ngModel)]="body" maxlength="300" /></mat-form-field>
      <div class="pw-row">
        <mat-form-field>
          <mat-label>Deadline</mat-label>
          <mat-select name="kind" [(ngModel)]="kind">
            <mat-option value="none">None</mat-option>
            <mat-option value="absolute">A date</mat-option>
            <mat-option value="relative">After an event</mat-option>
            <mat-option value="recurring">Recurring</mat-option>
          </mat-select>
        </mat-form-field>
        @switch (kind()) {
          @case ('absolute') {
            <mat-form-field><mat-label>Date</mat-label><input matInput type="date" name="date" [(ngModel)]="date" /></mat-form-field>
            <mat-form-field>
              <mat-label>Precision</mat-label>
              <mat-select name="precision" [(ngModel)]="precision">
                <mat-option value="day">Day</mat-option>
                <mat-option value="month">Month</mat-option>
                <mat-option value="quarter">Quarter</mat-option>
                <mat-option value="year">Year</mat-option>
              </mat-select>
            </mat-form-field>
          }
          @case ('relative') {
            <mat-form-field
              ><mat-label>Period (ISO, e.g. P6M)</mat-label><input matInput name="duration" [(ngModel)]="duration"
            /></mat-form-field>
          }
          @case ('recurring') {
            <mat-form-field
              ><mat-label>Every (ISO, e.g. P1Y)</mat-label><input matInput name="interval" [(ngModel)]="interval"
            /></mat-form-field>
            <mat-form-field><mat-label>From</mat-label><input matInput type="date" name="start" [(ngModel)]="start" /></mat-form-field>
          }
        }
      </div>
      @if (kind() === 'relative') {
        <div class="pw-row">
          <mat-form-field>
            <mat-label>Counted from</mat-label>
            <mat-select name="anchor" [(ngModel)]="anchorChoice">
              @for (a of anchors(); track a.id) {
                <mat-option [value]="a.id">{{ a.name }}{{ a.occurredOn ? ' (' + a.occurredOn + ')' : ' (pending)' }}</mat-option>
              }
              <mat-option value="new">A new pending event…</mat-option>
            </mat-select>
          </mat-form-field>
          @if (anchorChoice() === 'new') {
            <mat-form-field
              ><mat-label>New event's name</mat-label><input matInput name="anchorName" [(ngModel)]="anchorName" maxlength="200"
            /></mat-form-field>
          }
        </div>
      }
      <div class="pw-row">
        <mat-form-field>
          <mat-label>Parties</mat-label>
          <mat-select name="parties" multiple [(ngModel)]="partyCodes">
            @for (p of parties(); track p.id) {
              <mat-option [value]="p.code">{{ p.name }} ({{ p.code }})</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Policy areas</mat-label>
          <mat-select name="areas" multiple [(ngModel)]="areaSlugs">
            @for (a of areas(); track a.id) {
              <mat-option [value]="a.slug">{{ a.name }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      </div>
      <mat-form-field>
        <mat-label>Parent commitment</mat-label>
        <mat-select name="parent" [(ngModel)]="parentId">
          <mat-option [value]="null">None (top level)</mat-option>
          @for (c of parents(); track c.id) {
            <mat-option [value]="c.id">{{ c.refCode }} · {{ c.title }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <div class="pw-actions">
        <button mat-flat-button type="submit" [disabled]="busy() || !title().trim()">Save draft</button>
        <button mat-button type="button" (click)="cancelled.emit()">Cancel</button>
      </div>
    </form>
  `,
  styles: `
    .pw-editor {
      display: flex;
      flex-direction: column;
      gap: 2px;
    }
    .pw-row {
      display: flex;
      gap: 8px;
      flex-wrap: wrap;
    }
    .pw-row mat-form-field {
      flex: 1 1 140px;
    }
    .pw-actions {
      display: flex;
      gap: 8px;
    }
  `,
})
export class CandidateEditor {
  readonly candidate = input.required<ExtractionCandidateDto>();
  readonly anchors = input<AnchorEventDto[]>([]);
  readonly parties = input<PartyDto[]>([]);
  readonly areas = input<PolicyAreaDto[]>([]);
  readonly parents = input<CommitmentSummaryDto[]>([]);
  readonly busy = input(false);
  readonly saved = output<UpdateCandidateRequest>();
  readonly cancelled = output<void>();

  protected readonly title = signal('');
  protected readonly quote = signal('');
  protected readonly body = signal('');
  protected readonly kind = signal<Kind>('none');
  protected readonly date = signal('');
  protected readonly precision = signal<'day' | 'month' | 'quarter' | 'year'>('day');
  protected readonly duration = signal('');
  protected readonly interval = signal('');
  protected readonly start = signal('');
  protected readonly anchorChoice = signal<string>('new');
  protected readonly anchorName = signal('');
  protected readonly partyCodes = signal<string[]>([]);
  protected readonly areaSlugs = signal<string[]>([]);
  protected readonly parentId = signal<string | null>(null);
  protected readonly hasAnchors = computed(() => this.anchors().length > 0);

  constructor() {
    // The form starts from the draft as it is each time the draft changes (e.g. after a save).
    effect(() => {
      const c = this.candidate();
      this.title.set(c.title);
      this.quote.set(c.quote);
      this.body.set(c.responsibleBody);
      this.kind.set(c.deadline.kind);
      if (c.deadline.kind === 'absolute') {
        this.date.set(c.deadline.date);
        this.precision.set(c.deadline.precision);
      }
      if (c.deadline.kind === 'relative') this.duration.set(c.deadline.duration);
      if (c.deadline.kind === 'recurring') {
        this.interval.set(c.deadline.interval);
        this.start.set(c.deadline.start ?? '');
      }
      this.anchorChoice.set(c.anchor?.kind === 'existing' ? c.anchor.anchorEventId : 'new');
      this.anchorName.set(c.anchor?.kind === 'new' ? c.anchor.name : (c.anchorPhrase ?? ''));
      this.partyCodes.set(c.partyCodes);
      this.areaSlugs.set(c.areaSlugs);
      this.parentId.set(c.parentId);
    });
  }

  protected submit(): void {
    const c = this.candidate();
    const deadline = this.deadline();
    const anchor: CandidateAnchorDto | null =
      this.kind() !== 'relative'
        ? null
        : this.anchorChoice() === 'new'
          ? { kind: 'new', name: this.anchorName().trim() || 'Pending event' }
          : { kind: 'existing', anchorEventId: this.anchorChoice(), name: '' };
    const request: UpdateCandidateRequest = {
      version: c.version,
      title: this.title().trim(),
      responsibleBody: this.body().trim(),
      partyCodes: this.partyCodes(),
      areaSlugs: this.areaSlugs(),
      deadline,
      anchor,
      parentId: this.parentId(),
    };
    if (this.quote() !== c.quote) request.quote = this.quote();
    this.saved.emit(request);
  }

  private deadline(): DraftDeadline {
    switch (this.kind()) {
      case 'absolute':
        return { kind: 'absolute', date: this.date(), precision: this.precision() };
      case 'relative':
        return { kind: 'relative', duration: this.duration().trim().toUpperCase() };
      case 'recurring':
        return { kind: 'recurring', interval: this.interval().trim().toUpperCase(), ...(this.start() ? { start: this.start() } : {}) };
      default:
        return { kind: 'none' };
    }
  }
}
