import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogTitle } from '@angular/material/dialog';
import type { ArchivedCommitmentDto } from '@pactwatch/shared/contracts';

/** Confirms deleting an archived commitment for good. */
@Component({
  selector: 'pw-purge-dialog',
  imports: [MatDialogTitle, MatDialogContent, MatDialogActions, MatDialogClose, MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Delete {{ data.refCode }} for good?</h2>
    <mat-dialog-content>
      <p>“{{ data.title }}” and its {{ data.statusUpdates }} status update(s) leave the database. This cannot be undone here.</p>
      <p>The audit log keeps the whole record, with its history and evidence, in the delete entry.</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false">Keep it archived</button>
      <button mat-flat-button type="button" [mat-dialog-close]="true" data-testid="purge-confirm">Delete for good</button>
    </mat-dialog-actions>
  `,
})
export class PurgeDialog {
  protected readonly data = inject<ArchivedCommitmentDto>(MAT_DIALOG_DATA);
}
