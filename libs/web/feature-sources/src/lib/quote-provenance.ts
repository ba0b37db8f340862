import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { SessionStore, SourcesApi, toProblem } from '@pactwatch/web/data-access';

/** "Quote verified in version N of …", linking to the highlighted place; or "quote not tied to a source". */
@Component({
  selector: 'pw-quote-provenance',
  imports: [RouterLink, MatIcon, MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (provenance.hasValue()) {
      @let p = provenance.value();
      <p class="pw-provenance" [attr.data-state]="p.state">
        @switch (p.state) {
          @case ('verified') {
            <mat-icon aria-hidden="true">verified</mat-icon>
            Quote verified in
            <a [routerLink]="['/sources', p.documentId, 'versions', p.versionNumber]" [queryParams]="{ start: p.start, end: p.end }"
              >version {{ p.versionNumber }} of {{ p.documentTitle }}</a
            >
          }
          @case ('moved') {
            <mat-icon aria-hidden="true">find_replace</mat-icon>
            Quote found elsewhere in
            <a [routerLink]="['/sources', p.documentId, 'versions', p.versionNumber]"
              >version {{ p.versionNumber }} of {{ p.documentTitle }}</a
            >
          }
          @case ('not_found') {
            <mat-icon aria-hidden="true">error</mat-icon>
            Quote not found in
            <a [routerLink]="['/sources', p.documentId, 'versions', p.versionNumber]"
              >version {{ p.versionNumber }} of {{ p.documentTitle }}</a
            >
          }
          @default {
            <mat-icon aria-hidden="true">link_off</mat-icon> Quote not tied to a source
          }
        }
        @if (p.pendingReview; as review) {
          <span class="pw-changed" role="status">
            · the quote {{ review.recheck === 'changed' ? 'changed' : 'disappeared' }} in version {{ review.toVersionNumber }}</span
          >
        }
      </p>
      @if (p.pendingReview; as review) {
        <div class="pw-review-box">
          @if (review.suggestion) {
            <p>
              Version {{ review.toVersionNumber }} reads: <q>{{ review.suggestion.text }}</q>
            </p>
          } @else {
            <p>No similar passage in version {{ review.toVersionNumber }}.</p>
          }
          @if (session.canEdit()) {
            <div class="pw-actions">
              @if (review.suggestion) {
                <button mat-flat-button type="button" [disabled]="busy()" (click)="resolve('move')">
                  Move the quote to version {{ review.toVersionNumber }}
                </button>
              }
              <button mat-stroked-button type="button" [disabled]="busy()" (click)="resolve('keep')">
                Keep version {{ review.fromVersionNumber }}
              </button>
            </div>
          }
          @if (error()) {
            <p class="pw-changed" role="alert">{{ error() }}</p>
          }
        </div>
      }
    }
  `,
  styles: `
    .pw-provenance {
      display: flex;
      align-items: center;
      gap: 4px;
      flex-wrap: wrap;
      margin: 4px 0;
    }
    .pw-changed {
      color: #b3261e;
    }
    .pw-review-box {
      border-left: 3px solid #b3261e;
      padding: 4px 12px;
      margin: 4px 0 8px;
    }
    .pw-actions {
      display: flex;
      gap: 8px;
      flex-wrap: wrap;
    }
  `,
})
export class QuoteProvenance {
  private readonly api = inject(SourcesApi);
  readonly commitmentId = input.required<string>();
  protected readonly provenance = rxResource({ params: () => this.commitmentId(), stream: ({ params }) => this.api.provenance(params) });
  protected readonly state = computed(() => (this.provenance.hasValue() ? this.provenance.value().state : null));
  protected readonly session = inject(SessionStore);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  /** Emitted when the quote moved (the commitment's quote text changed with it). */
  readonly changed = output<void>();

  protected resolve(decision: 'move' | 'keep'): void {
    this.busy.set(true);
    this.error.set(null);
    this.api.resolveQuote(this.commitmentId(), { decision }).subscribe({
      next: () => {
        this.busy.set(false);
        this.provenance.reload();
        if (decision === 'move') this.changed.emit();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const problem = toProblem(error);
        this.error.set(problem.detail || problem.title);
      },
    });
  }
}
