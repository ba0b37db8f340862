import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { AnchorEventsApi, SessionStore, toProblem } from '@pactwatch/web/data-access';
import { formatDay, formatInstant } from '@pactwatch/web/util';

/** The recorded changes of one anchor event's date, newest first, each with who, when and why. */
@Component({
  selector: 'pw-anchor-history',
  imports: [MatButton, MatIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h3 class="pw-history__title" [id]="headingId()">Date history</h3>
    @if (problem(); as problem) {
      <p class="pw-history__error" role="alert">
        The history could not be loaded: {{ problem.detail || problem.title }}
        <button mat-button type="button" (click)="history.reload()">Try again</button>
      </p>
    } @else if (!history.hasValue()) {
      <p class="pw-history__loading" role="status">Loading the date history…</p>
    } @else if (changes().length) {
      <ol class="pw-history" [attr.aria-labelledby]="headingId()">
        @for (change of changes(); track change.id) {
          <li>
            <span class="pw-history__dates">
              @if (change.previous) {
                <span>{{ change.previous }}</span>
                <mat-icon aria-hidden="true">arrow_forward</mat-icon>
                <span class="cdk-visually-hidden">changed to</span>
              }
              <strong>{{ change.next }}</strong>
            </span>
            <span class="pw-history__who">{{ change.when }} · {{ change.changedBy || 'unknown' }}</span>
            @if (change.reason) {
              <span class="pw-history__reason">{{ change.reason }}</span>
            }
            @if (change.moved.length) {
              <span class="pw-history__moved" data-testid="anchor-moves"
                >Moved:
                @for (m of change.moved; track m.commitmentId; let last = $last) {
                  {{ m.refCode }} {{ m.before }} → {{ m.after }}{{ last ? '' : '; ' }}
                }
              </span>
            }
          </li>
        }
      </ol>
    } @else {
      <p class="pw-history__note">No date changes recorded.</p>
    }
  `,
  styles: `
    :host {
      display: block;
      margin: 8px 0 0 32px;
    }
    .pw-history__title {
      margin: 0 0 4px;
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
    }
    .pw-history {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .pw-history li {
      display: flex;
      flex-wrap: wrap;
      gap: 2px 12px;
      padding: 4px 0;
      font: var(--mat-sys-body-small);
    }
    .pw-history__dates {
      display: inline-flex;
      align-items: center;
      gap: 4px;
    }
    .pw-history__dates mat-icon {
      font-size: 14px;
      width: 14px;
      height: 14px;
    }
    .pw-history__who,
    .pw-history__note,
    .pw-history__loading {
      color: var(--mat-sys-on-surface-variant);
    }
    .pw-history__note,
    .pw-history__loading,
    .pw-history__error {
      margin: 0;
      font: var(--mat-sys-body-small);
    }
    .pw-history__error {
      color: var(--mat-sys-error);
    }
    .pw-history__reason,
    .pw-history__moved {
      flex-basis: 100%;
    }
    .pw-history__reason {
      font-style: italic;
    }
  `,
})
export class AnchorHistory {
  private readonly api = inject(AnchorEventsApi);
  private readonly session = inject(SessionStore);

  readonly anchorEventId = input.required<string>();
  /** The anchor's version: a new one (after a change of date) reloads the history. */
  readonly version = input(0);

  protected readonly headingId = computed(() => `pw-anchor-history-${this.anchorEventId()}`);
  protected readonly history = rxResource({
    params: () => ({ id: this.anchorEventId(), version: this.version() }),
    stream: ({ params }) => this.api.get(params.id),
  });
  protected readonly problem = computed(() => (this.history.error() ? toProblem(this.history.error()) : null));
  /** Newest first; a change with no previous date was the first recording (the oldest) or a pending event getting its date. */
  protected readonly changes = computed(() =>
    (this.history.hasValue() ? this.history.value().history : []).map((change, index, all) => ({
      ...change,
      previous: change.previousDate ? formatDay(change.previousDate) : index === all.length - 1 ? null : 'pending',
      next: change.newDate ? formatDay(change.newDate) : 'pending',
      when: formatInstant(change.changedAt, this.session.timeZone()),
      // An answer from before moves were kept has none.
      moved: (change.moves ?? []).map((m) => ({
        ...m,
        before: m.dueDateBefore ? formatDay(m.dueDateBefore) : 'pending',
        after: m.dueDateAfter ? formatDay(m.dueDateAfter) : 'pending',
      })),
    })),
  );
}
