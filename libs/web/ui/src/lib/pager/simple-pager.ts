import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';

/** Previous / Next paging under a short table, with "Page 2 of 7 · 312 entries" between the buttons. */
@Component({
  selector: 'pw-simple-pager',
  imports: [MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button mat-stroked-button type="button" [disabled]="page() <= 1" (click)="pageChange.emit(page() - 1)">Previous</button>
    <span>Page {{ page() }} of {{ pages() }} · {{ total() }} {{ noun() }}</span>
    <button mat-stroked-button type="button" [disabled]="page() >= pages()" (click)="pageChange.emit(page() + 1)">Next</button>
  `,
  styles: `
    :host {
      display: flex;
      align-items: center;
      gap: 8px;
      margin-top: 12px;
    }
  `,
})
export class SimplePager {
  readonly page = input.required<number>();
  readonly pages = input.required<number>();
  readonly total = input<number | undefined>();
  /** What is counted, plural: "entries", "deliveries". */
  readonly noun = input.required<string>();
  readonly pageChange = output<number>();
}
