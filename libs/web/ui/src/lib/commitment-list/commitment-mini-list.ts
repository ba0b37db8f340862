import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { CommitmentSummaryDto, IsoDate } from '@pactwatch/shared/contracts';
import { DeadlineText } from '../deadline/deadline-text';
import { FlagList } from '../flags/flag-list';
import { StatusChip } from '../status/status-chip';

/**
 * A compact list of commitments: reference, title, due date, status and flags. With `fixedRows`, every row
 * is one line each, at the height `--pw-row-height` (88px by default; long titles end in an ellipsis), so
 * a `pw-loading-state` skeleton with as many rows takes exactly its room.
 */
@Component({
  selector: 'pw-commitment-mini-list',
  imports: [RouterLink, DeadlineText, FlagList, StatusChip],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class.pw-mini-list--fixed]': 'fixedRows()' },
  template: `
    <ul class="pw-mini-list" [attr.aria-label]="label() || null">
      @for (item of items(); track item.id) {
        <li class="pw-mini-list__item">
          <div class="pw-mini-list__head">
            <a class="pw-mini-list__ref" [routerLink]="['/commitments', item.refCode]">{{ item.refCode }}</a>
            <pw-flag-list [flags]="item.flags" />
          </div>
          <div class="pw-mini-list__title" [attr.title]="fixedRows() ? item.title : null">{{ item.title }}</div>
          <div class="pw-mini-list__meta">
            <pw-deadline-text [dueDate]="item.dueDate" [today]="today()" [text]="item.deadlineText" noDateText="No due date" />
            @if (showStatus()) {
              <pw-status-chip [status]="item.status" />
            }
          </div>
        </li>
      }
    </ul>
  `,
  styles: `
    .pw-mini-list {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .pw-mini-list__item {
      padding: 10px 0;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    .pw-mini-list__item:first-child {
      border-top: 0;
      padding-top: 0;
    }
    .pw-mini-list__head {
      display: flex;
      flex-wrap: wrap;
      gap: 6px 10px;
      align-items: center;
    }
    .pw-mini-list__ref {
      font-weight: 500;
    }
    .pw-mini-list__title {
      margin: 2px 0 4px;
    }
    .pw-mini-list__meta {
      display: flex;
      flex-wrap: wrap;
      gap: 6px 12px;
      align-items: center;
      font: var(--mat-sys-body-small);
    }
    :host(.pw-mini-list--fixed) .pw-mini-list__item {
      box-sizing: border-box;
      height: var(--pw-row-height, 88px);
      padding: 0;
      display: flex;
      flex-direction: column;
      justify-content: center;
      overflow: hidden;
    }
    :host(.pw-mini-list--fixed) .pw-mini-list__meta {
      flex-wrap: nowrap;
      overflow: hidden;
      white-space: nowrap;
    }
    :host(.pw-mini-list--fixed) .pw-mini-list__ref {
      white-space: nowrap;
    }
    :host(.pw-mini-list--fixed) .pw-mini-list__title {
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
  `,
})
export class CommitmentMiniList {
  readonly items = input.required<readonly CommitmentSummaryDto[]>();
  readonly today = input<IsoDate | null>(null);
  readonly showStatus = input(true);
  readonly label = input('');
  /** One line per part and a fixed row height (see above). */
  readonly fixedRows = input(false);
}
