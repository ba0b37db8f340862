import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogTitle } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';

export interface ConfirmDialogData {
  /** The question, e.g. "Revoke the token “Outlook calendar”?" */
  title: string;
  /** What will happen, in a sentence or two. */
  message: string;
  /** The button that does it, named for the action ("Revoke token"), never "OK". */
  confirmLabel: string;
  cancelLabel?: string;
  /** A destructive action: its button is drawn in the error colour. */
  destructive?: boolean;
}

/**
 * Asks before an action that cannot be undone. Closes with true when confirmed; Escape, a click outside
 * and the cancel button close it with false. Cancel has the initial focus, so Enter never confirms by
 * accident. Open it with `confirmAction`.
 */
@Component({
  selector: 'pw-confirm-dialog',
  imports: [MatDialogTitle, MatDialogContent, MatDialogActions, MatDialogClose, MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      <p class="pw-confirm__message">{{ data.message }}</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false" cdkFocusInitial>{{ data.cancelLabel ?? 'Cancel' }}</button>
      <button mat-flat-button type="button" [class.pw-confirm--destructive]="data.destructive" [mat-dialog-close]="true">
        {{ data.confirmLabel }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .pw-confirm__message {
      margin: 0;
      max-width: 52ch;
    }
    .pw-confirm--destructive {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
})
export class ConfirmDialog {
  protected readonly data = inject<ConfirmDialogData>(MAT_DIALOG_DATA);
}

/** Opens the confirmation and resolves to true only when the user confirmed. */
export async function confirmAction(dialog: MatDialog, data: ConfirmDialogData): Promise<boolean> {
  const ref = dialog.open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
    data,
    role: 'alertdialog',
    autoFocus: 'first-tabbable',
    restoreFocus: true,
  });
  return (await firstValueFrom(ref.afterClosed())) === true;
}
