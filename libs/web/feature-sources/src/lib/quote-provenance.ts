import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatIcon } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { SourcesApi } from '@pactwatch/web/data-access';

/** "Quote verified in version N of …", linking to the highlighted place; or "quote not tied to a source". */
@Component({
  selector: 'pw-quote-provenance',
  imports: [RouterLink, MatIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (provenance.hasValue()) {
      @let p = provenance.value();
      <p class="pw-provenance" [attr.data-state]="p.state">
        @switch (p.state) {
          @case ('verified') {
            <mat-icon aria-hidden="true">verified</mat-icon>
            Quote verified in
            <a [routerLink]="['/sources', p.documentId, 'versions', p.versionNumber]" [queryParams]="{ start: p.start, end: p.end }" [fragment]="'q-' + p.start">version {{ p.versionNumber }} of {{ p.documentTitle }}</a>
          }
          @case ('moved') {
            <mat-icon aria-hidden="true">find_replace</mat-icon>
            Quote found elsewhere in <a [routerLink]="['/sources', p.documentId, 'versions', p.versionNumber]">version {{ p.versionNumber }} of {{ p.documentTitle }}</a>
          }
          @case ('not_found') {
            <mat-icon aria-hidden="true">error</mat-icon>
            Quote not found in <a [routerLink]="['/sources', p.documentId, 'versions', p.versionNumber]">version {{ p.versionNumber }} of {{ p.documentTitle }}</a>
          }
          @default {
            <mat-icon aria-hidden="true">link_off</mat-icon> Quote not tied to a source
          }
        }
        @if (p.pendingReview; as review) {
          <span class="pw-changed" role="status"> · the quote {{ review.recheck === 'changed' ? 'changed' : 'disappeared' }} in version {{ review.toVersionNumber }}</span>
        }
      </p>
    }
  `,
  styles: `
    .pw-provenance { display: flex; align-items: center; gap: 4px; flex-wrap: wrap; margin: 4px 0; }
    .pw-changed { color: #b3261e; }
  `,
})
export class QuoteProvenance {
  private readonly api = inject(SourcesApi);
  readonly commitmentId = input.required<string>();
  protected readonly provenance = rxResource({ params: () => this.commitmentId(), stream: ({ params }) => this.api.provenance(params) });
  protected readonly state = computed(() => (this.provenance.hasValue() ? this.provenance.value().state : null));
}
