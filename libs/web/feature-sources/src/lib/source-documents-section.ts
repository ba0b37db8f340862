import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { SessionStore, SourcesApi, toProblem } from '@pactwatch/web/data-access';
import type { Observable } from 'rxjs';

/** The agreement page's "Source documents": each document with its versions, and adding text, a file or a URL. */
@Component({
  selector: 'pw-source-documents-section',
  imports: [FormsModule, RouterLink, MatButton, MatFormField, MatLabel, MatInput],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="pw-card" aria-labelledby="pw-sources-title">
      <h2 id="pw-sources-title" class="pw-section-title">Source documents</h2>
      @if (documents.hasValue()) {
        @for (doc of documents.value(); track doc.id) {
          <article class="pw-source">
            <h3>
              {{ doc.title }} <small>({{ doc.kind === 'text' ? 'pasted text' : doc.kind === 'file' ? 'file' : 'URL' }})</small>
            </h3>
            @if (doc.quotesToReview > 0) {
              <p class="pw-warn" role="status">{{ doc.quotesToReview }} quote(s) changed in a newer version and wait for review</p>
            }
            <ul>
              @for (v of doc.versions; track v.id) {
                <li>
                  <a [routerLink]="['/sources', doc.id, 'versions', v.number]">Version {{ v.number }}</a>
                  · {{ v.mediaType }} · {{ v.byteSize }} bytes · added by {{ v.addedBy }} · {{ v.candidates.accepted }} accepted,
                  {{ v.candidates.proposed }} to review, {{ v.candidates.rejected }} rejected
                </li>
              }
            </ul>
            @if (session.canEdit()) {
              <label class="pw-file">New version (file): <input type="file" (change)="newVersion(doc.id, $event)" /></label>
            }
          </article>
        } @empty {
          <p>No source documents yet.</p>
        }
      }
      @if (session.canEdit()) {
        <form class="pw-add" (ngSubmit)="addText()">
          <h3>Add a document</h3>
          <mat-form-field><mat-label>Title</mat-label><input matInput name="title" [(ngModel)]="title" /></mat-form-field>
          <mat-form-field class="pw-wide"
            ><mat-label>Pasted text</mat-label><textarea matInput name="text" rows="5" [(ngModel)]="text"></textarea>
          </mat-form-field>
          <button mat-flat-button type="submit" [disabled]="!text().trim() || busy()">Add pasted text</button>
          <label class="pw-file">or upload a file (PDF, DOCX, HTML, text): <input type="file" (change)="upload($event)" /></label>
          <mat-form-field class="pw-wide"
            ><mat-label>or a URL to fetch once</mat-label><input matInput name="url" [(ngModel)]="url"
          /></mat-form-field>
          <button mat-stroked-button type="button" [disabled]="!url().trim() || busy()" (click)="addUrl()">Fetch URL</button>
        </form>
      }
      @if (error()) {
        <p class="pw-error" role="alert">{{ error() }}</p>
      }
    </section>
  `,
  styles: `
    .pw-source {
      border-top: 1px solid var(--mat-sys-outline-variant, #ddd);
      padding: 8px 0;
    }
    .pw-source h3 {
      margin: 0;
      font-size: 1rem;
    }
    .pw-add {
      display: flex;
      flex-direction: column;
      gap: 4px;
      margin-top: 12px;
    }
    .pw-wide {
      width: 100%;
    }
    .pw-error,
    .pw-warn {
      color: var(--mat-sys-error, #b3261e);
    }
    .pw-file {
      display: block;
      margin: 8px 0;
    }
  `,
})
export class SourceDocumentsSection {
  private readonly api = inject(SourcesApi);
  protected readonly session = inject(SessionStore);
  readonly agreementId = input.required<string>();

  protected readonly documents = rxResource({ params: () => this.agreementId(), stream: ({ params }) => this.api.list(params) });
  protected readonly title = signal('');
  protected readonly text = signal('');
  protected readonly url = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected addText(): void {
    this.run(this.api.addText(this.agreementId(), this.title(), this.text()), () => this.text.set(''));
  }

  protected addUrl(): void {
    this.run(this.api.addUrl(this.agreementId(), this.url(), this.title() || undefined), () => this.url.set(''));
  }

  protected upload(event: Event): void {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file) this.run(this.api.upload(this.agreementId(), file, this.title() || undefined), () => undefined);
  }

  protected newVersion(documentId: string, event: Event): void {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file) this.run(this.api.uploadVersion(documentId, file), () => undefined);
  }

  private run(request: Observable<unknown>, done: () => void): void {
    this.busy.set(true);
    this.error.set(null);
    request.subscribe({
      next: () => {
        this.busy.set(false);
        done();
        this.documents.reload();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const problem = toProblem(error);
        this.error.set(problem.detail || problem.title);
      },
    });
  }
}
