import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatAnchor, MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatIcon } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { COMMITMENT_CSV_COLUMN_HELP, type ImportOptions, type ImportReportDto } from '@pactwatch/shared/contracts';
import { CommitmentsApi, toProblem } from '@pactwatch/web/data-access';
import { PageHeader } from '@pactwatch/web/ui';
import { firstValueFrom } from 'rxjs';
import { TEMPLATE_COLUMNS, templateCsv } from './import-template';

/** At most this many bytes in one file, as the API takes. */
const MAX_BYTES = 5 * 1024 * 1024;

type Step = 'choose' | 'checked' | 'imported';

/**
 * Imports commitments from a CSV file in three steps: choose the file (and what the import may do besides adding
 * commitments), check it (a dry run reports every row and column, and what each row would do), then confirm.
 */
@Component({
  selector: 'pw-import-page',
  imports: [RouterLink, MatButton, MatAnchor, MatCheckbox, MatIcon, PageHeader],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './import-page.html',
  styleUrl: './import-page.scss',
})
export class ImportPage {
  private readonly api = inject(CommitmentsApi);

  protected readonly columns = TEMPLATE_COLUMNS.map((name) => ({ name, help: COMMITMENT_CSV_COLUMN_HELP[name] }));
  protected readonly fileName = signal<string | null>(null);
  private readonly text = signal<string | null>(null);
  protected readonly createMissing = signal(false);
  protected readonly updateExisting = signal(false);
  protected readonly busy = signal(false);
  protected readonly step = signal<Step>('choose');
  protected readonly report = signal<ImportReportDto | null>(null);
  protected readonly failure = signal<string | null>(null);

  /** Problems grouped by row, in file order. */
  protected readonly problemRows = computed(() => {
    const groups = new Map<number, { row: number; problems: { column: string; message: string }[] }>();
    for (const error of this.report()?.errors ?? []) {
      const group = groups.get(error.row) ?? { row: error.row, problems: [] };
      group.problems.push({ column: error.column || '(whole row)', message: error.message });
      groups.set(error.row, group);
    }
    return [...groups.values()];
  });
  protected readonly results = computed(() =>
    (this.report()?.results ?? []).map((result) => ({
      ...result,
      label: result.action === 'create' ? 'New' : result.action === 'update' ? `Update: ${result.changes.join(', ')}` : 'Unchanged',
    })),
  );
  protected readonly toImport = computed(() => {
    const report = this.report();
    return report ? report.created + report.updated : 0;
  });

  protected downloadTemplate(): void {
    const url = URL.createObjectURL(new Blob([templateCsv()], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'pactwatch-import-template.csv';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url));
  }

  protected async chosen(input: HTMLInputElement): Promise<void> {
    this.reset();
    const file = input.files?.[0];
    if (!file) {
      this.fileName.set(null);
      this.text.set(null);
      return;
    }
    this.fileName.set(file.name);
    if (file.size > MAX_BYTES) {
      this.text.set(null);
      this.failure.set(
        `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; one import takes at most 5 MB. Split it into smaller files.`,
      );
      return;
    }
    this.text.set(await file.text());
  }

  protected setOption(option: 'createMissing' | 'updateExisting', value: boolean): void {
    this[option].set(value);
    this.reset();
  }

  /** The dry run: what the import would do, row by row, changing nothing. */
  protected async check(): Promise<void> {
    await this.send(true);
  }

  protected async confirm(): Promise<void> {
    await this.send(false);
  }

  protected startOver(): void {
    this.reset();
    this.fileName.set(null);
    this.text.set(null);
  }

  private async send(dryRun: boolean): Promise<void> {
    const text = this.text();
    if (text === null) {
      this.failure.set('Choose a CSV file first.');
      return;
    }
    const options: ImportOptions = { dryRun, createMissing: this.createMissing(), updateExisting: this.updateExisting() };
    this.busy.set(true);
    this.failure.set(null);
    try {
      const report = await firstValueFrom(this.api.importCsv(text, options));
      this.report.set(report);
      this.step.set(dryRun ? 'checked' : 'imported');
    } catch (error: unknown) {
      const problem = toProblem(error);
      const report = error instanceof HttpErrorResponse ? (error.error as { report?: ImportReportDto } | null)?.report : undefined;
      if (problem.status === 400 && report) {
        // The file changed in between, or the database did: the real import refused it; show why.
        this.report.set(report);
        this.step.set('checked');
      } else {
        this.failure.set(`${problem.title}${problem.detail ? `: ${problem.detail}` : ''}`);
      }
    } finally {
      this.busy.set(false);
    }
  }

  private reset(): void {
    this.report.set(null);
    this.failure.set(null);
    this.step.set('choose');
  }
}
