import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatAnchor } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { AGREEMENT_KIND_LABELS } from '@pactwatch/shared/contracts';
import { AgreementsApi, SessionStore, toProblem } from '@pactwatch/web/data-access';
import { EmptyState, ErrorState, LoadingState, PageHeader, ProgressBar } from '@pactwatch/web/ui';
import { formatDay } from '@pactwatch/web/util';

@Component({
  selector: 'pw-agreements-page',
  imports: [RouterLink, MatAnchor, MatIcon, PageHeader, LoadingState, ErrorState, EmptyState, ProgressBar],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <pw-page-header title="Agreements" subtitle="The source documents, their parties, and how far their commitments have come">
      @if (session.canEdit()) {
        <a mat-flat-button routerLink="/agreements/new">
          <mat-icon>add</mat-icon>
          New agreement
        </a>
      }
    </pw-page-header>
    @if (problem(); as problem) {
      <pw-error-state title="Agreements could not be loaded" [message]="problem.detail || problem.title" (retry)="agreements.reload()" />
    } @else if (agreements.isLoading() && !agreements.hasValue()) {
      <pw-loading-state label="Loading agreements…" />
    } @else if (cards().length) {
      <ul class="pw-agreements">
        @for (a of cards(); track a.id) {
          <li class="pw-card pw-agreement">
            <p class="pw-agreement__kind">
              <mat-icon aria-hidden="true">description</mat-icon>
              {{ a.kindLabel }}
              @if (a.signed) {
                · signed {{ a.signed }}
              }
            </p>
            <h2 class="pw-agreement__title">
              <a [routerLink]="['/agreements', a.id]">{{ a.title }}</a>
            </h2>
            <p class="pw-agreement__parties">
              @for (p of a.parties; track p.id) {
                <abbr [title]="p.name">{{ p.code }}</abbr>
              }
            </p>
            <div class="pw-agreement__progress">
              <span>{{ a.commitmentCount }} {{ a.commitmentCount === 1 ? 'commitment' : 'commitments' }}</span>
              <pw-progress [value]="a.progress" [label]="'Progress of ' + a.title" />
            </div>
          </li>
        }
      </ul>
    } @else {
      <pw-empty-state
        icon="handshake"
        title="No agreements yet"
        [message]="session.canEdit() ? 'Record the first one with New agreement.' : ''"
      />
    }
  `,
  styles: `
    .pw-agreements {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 16px;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 380px), 1fr));
    }
    .pw-agreement {
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    .pw-agreement__kind {
      display: flex;
      align-items: center;
      gap: 6px;
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-large);
    }
    .pw-agreement__kind mat-icon {
      font-size: 18px;
      width: 18px;
      height: 18px;
    }
    .pw-agreement__title {
      margin: 0;
      font: var(--mat-sys-title-medium);
    }
    .pw-agreement__parties {
      display: flex;
      gap: 8px;
      margin: 0;
      font: var(--mat-sys-label-large);
    }
    .pw-agreement__parties abbr {
      text-decoration: none;
      padding: 0 8px;
      border-radius: 6px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .pw-agreement__progress {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 12px;
      align-items: center;
      margin-top: auto;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class AgreementsPage {
  private readonly api = inject(AgreementsApi);
  protected readonly session = inject(SessionStore);

  protected readonly agreements = rxResource({ stream: () => this.api.list() });
  /** The value, or undefined while loading or after an error (value() throws in the error state). */
  protected readonly agreementsValue = computed(() => (this.agreements.hasValue() ? this.agreements.value() : undefined));
  protected readonly problem = computed(() => (this.agreements.error() ? toProblem(this.agreements.error()) : null));
  protected readonly cards = computed(() =>
    (this.agreementsValue() ?? []).map((a) => ({
      ...a,
      kindLabel: AGREEMENT_KIND_LABELS[a.kind] ?? a.kind,
      signed: a.signedOn ? formatDay(a.signedOn) : '',
    })),
  );
}
