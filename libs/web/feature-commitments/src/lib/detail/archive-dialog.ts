import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogTitle } from '@angular/material/dialog';

export interface ArchiveDialogData {
  refCode: string;
  title: string;
  children: number;
}

/** Confirms archiving a commitment, saying what it does and that an admin can undo it. */
@Component({
  selector: 'pw-archive-dialog',
  imports: [MatDialogTitle, MatDialogContent, MatDialogActions, MatDialogClose, MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Archive {{ data.refCode }}?</h2>
    <mat-dialog-content>
      <p>“{{ data.title }}” will leave every list, count, calendar, feed, export and reminder.</p>
      <p>Its status history and evidence are kept, and an admin can restore it from Administration → Archive.</p>
      @if (data.children > 0) {
        <p>Its {{ data.children }} sub-commitment(s) stay, and show as top-level while it is archived.</p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false">Keep it</button>
      <button mat-flat-button type="button" [mat-dialog-close]="true" data-testid="archive-confirm">Archive</button>
    </mat-dialog-actions>
  `,
})
export class ArchiveDialog {
  protected readonly data = inject<ArchiveDialogData>(MAT_DIALOG_DATA);
}
