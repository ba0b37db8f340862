import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogTitle } from '@angular/material/dialog';
import { MatTab, MatTabGroup } from '@angular/material/tabs';
import type { DeliveryDto } from '@pactwatch/shared/contracts';
import { AdminApi, toProblem } from '@pactwatch/web/data-access';
import { ErrorState, LoadingState } from '@pactwatch/web/ui';

/** One delivery as the recipient sees it: the HTML in a sandboxed frame (no scripts), and the text. */
@Component({
  selector: 'pw-outbox-preview-dialog',
  imports: [MatDialogTitle, MatDialogContent, MatDialogActions, MatDialogClose, MatButton, MatTabGroup, MatTab, LoadingState, ErrorState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ delivery.subject }}</h2>
    <mat-dialog-content>
      <p class="pw-muted">To {{ delivery.recipient }} · {{ delivery.reason }}</p>
      @if (problem(); as problem) {
        <pw-error-state title="The preview could not be loaded" [message]="problem.detail || problem.title" (retry)="preview.reload()" />
      } @else if (previewValue(); as p) {
        <mat-tab-group>
          <mat-tab label="HTML">
            <iframe class="pw-frame" sandbox="" [srcdoc]="p.html" title="HTML version of the email"></iframe>
          </mat-tab>
          <mat-tab label="Plain text">
            <pre class="pw-text">{{ p.text }}</pre>
          </mat-tab>
        </mat-tab-group>
      } @else {
        <pw-loading-state />
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button mat-dialog-close type="button">Close</button>
    </mat-dialog-actions>
  `,
  styles: `
    .pw-frame {
      width: 100%;
      height: 420px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      background: #fff;
    }
    .pw-text {
      white-space: pre-wrap;
      font-size: 13px;
    }
  `,
})
export class OutboxPreviewDialog {
  private readonly api = inject(AdminApi);
  protected readonly delivery = inject<DeliveryDto>(MAT_DIALOG_DATA);
  protected readonly preview = rxResource({ stream: () => this.api.outboxPreview(this.delivery.id) });
  /** The value, or undefined while loading or after an error (value() throws in the error state). */
  protected readonly previewValue = computed(() => (this.preview.hasValue() ? this.preview.value() : undefined));
  protected readonly problem = computed(() => (this.preview.error() ? toProblem(this.preview.error()) : null));
}
