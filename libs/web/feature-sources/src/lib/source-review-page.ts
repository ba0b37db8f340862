import { afterRenderEffect, ChangeDetectionStrategy, Component, computed, inject, input, numberAttribute, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { ActivatedRoute, RouterLink } from '@angular/router';
import type { DraftDeadline, ExtractionCandidateDto, UpdateCandidateRequest } from '@pactwatch/shared/contracts';
import { AgreementsApi, CommitmentsApi, ReferenceApi, SessionStore, SourcesApi, toProblem } from '@pactwatch/web/data-access';
import { CandidateEditor } from './candidate-editor';
import type { Observable } from 'rxjs';

interface Piece {
  text: string;
  candidate: ExtractionCandidateDto | null;
  quote: boolean;
}

function deadlineText(deadline: DraftDeadline, anchor: ExtractionCandidateDto['anchor']): string {
  switch (deadline.kind) {
    case 'none':
      return 'no deadline';
    case 'absolute':
      return `${deadline.date} (${deadline.precision})`;
    case 'relative':
      return `${deadline.duration} after ${anchor ? (anchor.kind === 'existing' ? `"${anchor.name}"` : `new pending event "${anchor.name}"`) : 'an event to choose'}`;
    case 'recurring':
      return `every ${deadline.interval}${deadline.start ? ` from ${deadline.start}` : ''}`;
  }
}

/** A version's text with each draft highlighted; beside it each draft, to edit, accept or reject. */
@Component({
  selector: 'pw-source-review-page',
  imports: [RouterLink, MatButton, CandidateEditor],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (version.hasValue()) {
      @let v = version.value();
      <nav class="pw-crumbs" aria-label="Breadcrumb"><a [routerLink]="['/agreements', v.agreementId]">Agreement</a></nav>
      <h1>{{ v.documentTitle }} — version {{ v.number }} of {{ v.latestNumber }}</h1>
      <p class="pw-meta">{{ v.mediaType }} · {{ v.byteSize }} bytes · SHA-256 {{ v.sha256.slice(0, 12) }}… · added by {{ v.addedBy }}</p>
      <div class="pw-review">
        <article class="pw-text" aria-label="Document text" tabindex="0">
          @for (piece of pieces(); track $index) {
            @if (piece.candidate) {
              <mark
                [id]="'q-' + piece.candidate.id"
                [class]="'pw-mark pw-mark--' + piece.candidate.status"
                [class.pw-mark--quote]="piece.quote"
                >{{ piece.text }}</mark
              >
            } @else {
              <span>{{ piece.text }}</span>
            }
          }
        </article>
        <aside class="pw-drafts" aria-label="Drafted commitments">
          @if (candidates.hasValue() && candidates.value().length === 0) {
            @if (session.canEdit()) {
              <button mat-flat-button type="button" (click)="extract()" [disabled]="busy()">Draft commitments from this version</button>
            } @else {
              <p>No commitments have been drafted from this version yet.</p>
            }
          }
          @if (remaining() > 0 && session.canEdit()) {
            <button mat-stroked-button type="button" (click)="acceptAll()" [disabled]="busy()">
              Accept all remaining ({{ remaining() }})
            </button>
          }
          @if (error()) {
            <p class="pw-error" role="alert">{{ error() }}</p>
          }
          @for (c of candidates.hasValue() ? candidates.value() : []; track c.id) {
            <section class="pw-draft" [class]="'pw-draft pw-draft--' + c.status" [attr.aria-label]="'Draft ' + c.ordinal">
              <p class="pw-status">
                {{ c.status }}
                @if (c.commitmentRefCode) {
                  · <a [routerLink]="['/commitments', c.commitmentRefCode]">{{ c.commitmentRefCode }}</a>
                }
              </p>
              <blockquote>
                <button type="button" class="pw-quote-link" (click)="show(c)" [attr.aria-label]="'Show in the text: ' + c.quote">
                  {{ c.quote }}
                </button>
              </blockquote>
              @if (editing() === c.id) {
                <pw-candidate-editor
                  [candidate]="c"
                  [anchors]="anchors()"
                  [parties]="parties.hasValue() ? parties.value() : []"
                  [areas]="areas.hasValue() ? areas.value() : []"
                  [parents]="parents()"
                  [busy]="busy()"
                  (saved)="save(c, $event)"
                  (cancelled)="editing.set(null)"
                />
              } @else {
                <h3>{{ c.title }}</h3>
                <p>Deadline: {{ deadlineOf(c) }}</p>
                @if (c.responsibleBody) {
                  <p>Owed by: {{ c.responsibleBody }}</p>
                }
                @if (c.partyCodes.length) {
                  <p>Parties: {{ c.partyCodes.join(', ') }}</p>
                }
                @if (c.areaSlugs.length) {
                  <p>Areas: {{ c.areaSlugs.join(', ') }}</p>
                }
                @if (c.article) {
                  <p>{{ articleLabel(c.article) }}</p>
                }
                @if (c.parentId) {
                  <p>Under {{ parentLabel(c.parentId) }}</p>
                }
                @if (c.status === 'proposed' && session.canEdit()) {
                  <div class="pw-actions">
                    <button mat-flat-button type="button" (click)="accept(c)" [disabled]="busy()">Accept</button>
                    <button mat-stroked-button type="button" (click)="editing.set(c.id)" [disabled]="busy()">Edit</button>
                    <button mat-stroked-button type="button" (click)="reject(c)" [disabled]="busy()">Reject</button>
                  </div>
                }
              }
            </section>
          }
        </aside>
      </div>
    } @else if (version.error()) {
      <p role="alert">The document could not be loaded.</p>
    }
  `,
  styles: `
    .pw-review {
      display: grid;
      grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
      gap: 16px;
      align-items: start;
    }
    .pw-text {
      position: sticky;
      top: 8px;
      max-height: calc(100vh - 160px);
      overflow: auto;
      white-space: pre-wrap;
      line-height: 1.6;
      background: var(--mat-sys-surface, #fff);
      padding: 16px;
      border: 1px solid #ddd;
      border-radius: 8px;
    }
    .pw-mark--proposed {
      background: #fff3bf;
    }
    .pw-mark--accepted {
      background: #c3f0c8;
    }
    .pw-mark--rejected {
      background: #eee;
      text-decoration: line-through;
    }
    .pw-mark--quote {
      outline: 2px solid #1a73e8;
    }
    .pw-draft {
      border: 1px solid #ddd;
      border-radius: 8px;
      padding: 8px 12px;
      margin: 8px 0;
    }
    .pw-draft--accepted {
      border-color: #2e7d32;
    }
    .pw-status {
      text-transform: uppercase;
      font-size: 0.75rem;
      margin: 0;
    }
    blockquote {
      margin: 4px 0 8px;
      padding-left: 8px;
      border-left: 3px solid var(--mat-sys-outline-variant, #ccc);
    }
    .pw-quote-link {
      all: unset;
      cursor: pointer;
      color: var(--mat-sys-primary, #0b57d0);
      text-decoration: underline;
    }
    .pw-quote-link:focus-visible {
      outline: 2px solid currentColor;
    }
    mark:focus {
      outline: 2px solid #1a73e8;
    }
    .pw-actions {
      display: flex;
      gap: 8px;
    }
    .pw-error {
      color: #b3261e;
    }
    @media (max-width: 900px) {
      .pw-review {
        grid-template-columns: 1fr;
      }
    }
  `,
})
export class SourceReviewPage {
  private readonly api = inject(SourcesApi);
  private readonly route = inject(ActivatedRoute);
  protected readonly session = inject(SessionStore);
  readonly documentId = input.required<string>();
  readonly number = input.required({ transform: numberAttribute });

  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  /** A quote to highlight (from the commitment page's link: ?start=&end=). */
  private readonly focus = computed(() => {
    const params = this.route.snapshot.queryParamMap;
    return params.has('start') ? { start: Number(params.get('start')), end: Number(params.get('end')) } : null;
  });

  protected readonly version = rxResource({
    params: () => ({ id: this.documentId(), n: this.number() }),
    stream: ({ params }) => this.api.version(params.id, params.n),
  });
  protected readonly candidates = rxResource({
    params: () => ({ id: this.documentId(), n: this.number() }),
    stream: ({ params }) => this.api.candidates(params.id, params.n),
  });
  private readonly agreementsApi = inject(AgreementsApi);
  private readonly commitmentsApi = inject(CommitmentsApi);
  private readonly referenceApi = inject(ReferenceApi);
  protected readonly editing = signal<string | null>(null);
  private readonly agreementId = computed(() => (this.version.hasValue() ? this.version.value().agreementId : null));
  protected readonly agreement = rxResource({
    params: () => this.agreementId() ?? undefined,
    stream: ({ params }) => this.agreementsApi.get(params),
  });
  protected readonly anchors = computed(() => (this.agreement.hasValue() ? this.agreement.value().anchorEvents : []));
  private readonly commitments = rxResource({
    params: () => this.agreementId() ?? undefined,
    stream: ({ params }) => this.commitmentsApi.list({ agreement: [params], pageSize: 200, sort: 'ref_code' }),
  });
  protected readonly parents = computed(() => (this.commitments.hasValue() ? this.commitments.value().items : []));
  protected readonly parties = rxResource({ stream: () => this.referenceApi.parties() });
  protected readonly areas = rxResource({ stream: () => this.referenceApi.areas() });
  protected readonly remaining = computed(() =>
    this.candidates.hasValue() ? this.candidates.value().filter((c) => c.status === 'proposed').length : 0,
  );

  /** The text cut at every draft's offsets (drafts do not overlap: the extractor proposes sentences). */
  protected readonly pieces = computed<Piece[]>(() => {
    if (!this.version.hasValue()) return [];
    const text = this.version.value().text;
    const focus = this.focus();
    const marks = [...(this.candidates.hasValue() ? this.candidates.value() : [])].sort((a, b) => a.start - b.start);
    const out: Piece[] = [];
    let at = 0;
    for (const candidate of marks) {
      if (candidate.start < at) continue;
      out.push({ text: text.slice(at, candidate.start), candidate: null, quote: false });
      out.push({ text: text.slice(candidate.start, candidate.end), candidate, quote: focus?.start === candidate.start });
      at = candidate.end;
    }
    out.push({ text: text.slice(at), candidate: null, quote: false });
    return out;
  });

  private scrolled = false;

  constructor() {
    // Arriving from a commitment's quote link: bring its highlighted place into view, once.
    afterRenderEffect(() => {
      if (this.scrolled || !this.focus() || !this.candidates.hasValue() || this.pieces().length === 0) return;
      const mark = document.querySelector<HTMLElement>('mark.pw-mark--quote');
      if (!mark) return;
      this.scrolled = true;
      mark.scrollIntoView({ block: 'center' });
      mark.focus();
    });
  }

  protected deadlineOf(candidate: ExtractionCandidateDto): string {
    return deadlineText(candidate.deadline, candidate.anchor);
  }

  protected extract(): void {
    this.run(this.api.extract(this.documentId(), this.number()));
  }

  protected acceptAll(): void {
    this.run(this.api.acceptRemaining(this.documentId(), this.number()));
  }

  protected accept(candidate: ExtractionCandidateDto): void {
    this.run(this.api.accept(candidate.id, candidate.version));
  }

  protected reject(candidate: ExtractionCandidateDto): void {
    this.run(this.api.reject(candidate.id, candidate.version));
  }

  protected save(candidate: ExtractionCandidateDto, request: UpdateCandidateRequest): void {
    this.run(this.api.updateCandidate(candidate.id, request), () => this.editing.set(null));
  }

  /** Scrolls the text to the draft's quote and moves the focus there. */
  protected show(candidate: ExtractionCandidateDto): void {
    const mark = document.getElementById(`q-${candidate.id}`);
    mark?.scrollIntoView({ block: 'center' });
    mark?.focus();
  }

  protected articleLabel(article: string): string {
    return /^([0-9]|[IVXLC]+\b)/.test(article) ? `Article ${article}` : article;
  }

  protected parentLabel(id: string): string {
    const parent = this.parents().find((c) => c.id === id);
    return parent ? `${parent.refCode} · ${parent.title}` : 'another commitment';
  }

  private run(request: Observable<unknown>, done?: () => void): void {
    this.busy.set(true);
    this.error.set(null);
    request.subscribe({
      next: () => {
        this.busy.set(false);
        done?.();
        this.candidates.reload();
        this.commitments.reload();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const problem = toProblem(error);
        this.error.set(problem.detail || problem.title);
      },
    });
  }
}
