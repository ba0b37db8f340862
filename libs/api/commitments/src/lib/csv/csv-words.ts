/**
 * The words a CSV may use for coded values: the codes the export writes (`relative`, `in_progress`, `mou`)
 * and the labels the forms show ("A period after an event", "In progress", "Memorandum of understanding"),
 * with a few common synonyms ("By a date", "After an event", "MoU"). Compared without case or extra spaces.
 */
import { AGREEMENT_KIND_LABELS, DATE_PRECISION_LABELS, DEADLINE_KIND_LABELS, DEADLINE_KIND_SYNONYMS } from '@pactwatch/shared/contracts';
import { isValidIsoDuration, parseDurationWords, STATUS_LABELS } from '@pactwatch/shared/deadlines';

const fold = (text: string) => text.trim().replace(/\s+/g, ' ').replace(/_/g, ' ').toLowerCase();

function vocabulary(labels: Record<string, string>, synonyms: Record<string, readonly string[]> = {}): Map<string, string> {
  const words = new Map<string, string>();
  for (const [code, label] of Object.entries(labels)) {
    words.set(fold(code), code);
    words.set(fold(label), code);
    for (const synonym of synonyms[code] ?? []) words.set(fold(synonym), code);
  }
  return words;
}

const VOCABULARIES = {
  deadline_kind: vocabulary(DEADLINE_KIND_LABELS, DEADLINE_KIND_SYNONYMS),
  deadline_precision: vocabulary(DATE_PRECISION_LABELS, { day: ['Day'], month: ['Month'], quarter: ['Quarter'], year: ['Year'] }),
  status: vocabulary(STATUS_LABELS),
  agreement_kind: vocabulary(AGREEMENT_KIND_LABELS, { mou: ['MoU', 'Memorandum'], communique: ['Communique'] }),
} as const;

export type CodedColumn = keyof typeof VOCABULARIES;

/** The code a cell means; the cell as it is when it is empty or matches nothing (the usual checks then name it). */
export function codeOf(column: CodedColumn, cell: string): string {
  if (cell.trim() === '') return cell;
  return VOCABULARIES[column].get(fold(cell)) ?? cell;
}

/** A period cell: ISO-8601 (P6M) as it is, plain words ("6 months", "90 days") in ISO form; empty is undefined. */
export function durationOf(cell: string): string | undefined {
  if (cell === '') return undefined;
  return isValidIsoDuration(cell) ? cell : (parseDurationWords(cell) ?? cell);
}
