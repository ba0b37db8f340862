/**
 * The commitments CSV: one row per commitment, self-contained, so an export imports into an
 * empty database and gives the same commitments back. Reference data travels by natural key:
 * the agreement by title (with its kind and date), parties by code (with names), areas by slug
 * (with names), the anchor event by name within the agreement (with its date).
 */
import {
  AGREEMENT_KIND_LABELS,
  AgreementKindCode,
  COMMITMENT_CSV_COLUMNS,
  COMMITMENT_CSV_COMPUTED_COLUMNS,
  CommitmentCsvColumn,
  CommitmentSummaryDto,
} from '@pactwatch/shared/contracts';
import { DeadlineSpec, IMPLEMENTATION_STATUSES, ImplementationStatus, isIsoDate, validateDeadlineSpec } from '@pactwatch/shared/deadlines';
import { parse } from 'csv-parse/sync';

export const LIST_SEPARATOR = ';';
export const REQUIRED_COLUMNS: readonly CommitmentCsvColumn[] = ['ref_code', 'title', 'agreement'];
const REF_CODE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;
const PARTY_CODE = /^[A-Z0-9][A-Z0-9-]{1,15}$/;
const AREA_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const URL = /^https?:\/\/\S+$/i;
const AGREEMENT_KINDS = Object.keys(AGREEMENT_KIND_LABELS) as AgreementKindCode[];

/** What an export knows about a commitment beyond its summary. */
export interface CsvExtra {
  description: string;
  sourceQuote: string;
  sourceLocator: string;
  sourceUrl: string | null;
  parentRefCode: string | null;
  anchorName: string | null;
  anchorDate: string | null;
}

export type CsvRecord = Record<CommitmentCsvColumn, string>;

/**
 * Formula injection: a spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or their full-width forms,
 * which some apps fold into them), and one that starts with a tab or carriage return may be read as one. The export
 * prefixes such a cell with an apostrophe, which spreadsheets take as "text follows" and do not show. So that the
 * import can always take that apostrophe off again, a value that itself starts with an apostrophe gets one too.
 * Leading spaces do not hide a formula from every app, so the first character after them counts.
 *
 * The rule, both ways: export adds one `'` in front of a value whose first character is a tab or CR, or whose
 * first non-space character is one of `= + - @ '` (or `＝ ＋ － ＠`); import removes one leading `'` from every
 * cell (after trimming it). Every value therefore reads back exactly as exported; a hand-written file that means a
 * value starting with an apostrophe writes two.
 */
const FORMULA_START = /^[\t\r]|^\s*[=+\-@'\uFF1D\uFF0B\uFF0D\uFF20]/;

/** The cell as exported: prefixed with `'` when a spreadsheet could take it for a formula (see FORMULA_START). */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The value of an imported cell: the export's apostrophe (one leading `'`) taken off. */
export function restoreCell(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}

/** Every cell of an exported record, neutralised. */
export function neutraliseRecord(record: CsvRecord): CsvRecord {
  return Object.fromEntries(Object.entries(record).map(([column, value]) => [column, neutraliseCell(value)])) as CsvRecord;
}

export function toCsvRecord(item: CommitmentSummaryDto, extra: CsvExtra): CsvRecord {
  const spec = item.deadline as Partial<Record<'date' | 'precision' | 'duration' | 'interval' | 'start', string>>;
  return {
    ref_code: item.refCode,
    title: item.title,
    description: extra.description,
    agreement: item.agreement.title,
    agreement_kind: item.agreement.kind,
    agreement_signed_on: item.agreement.signedOn ?? '',
    parent_ref_code: extra.parentRefCode ?? '',
    responsible_body: item.responsibleBody,
    parties: item.parties.map((p) => p.code).join(LIST_SEPARATOR),
    party_names: item.parties.map((p) => p.name).join(LIST_SEPARATOR),
    areas: item.areas.map((a) => a.slug).join(LIST_SEPARATOR),
    area_names: item.areas.map((a) => a.name).join(LIST_SEPARATOR),
    deadline_kind: item.deadline.kind,
    deadline_date: spec.date ?? '',
    deadline_precision: spec.precision ?? '',
    deadline_duration: spec.duration ?? '',
    deadline_interval: spec.interval ?? '',
    deadline_start: spec.start ?? '',
    anchor_event: extra.anchorName ?? '',
    anchor_event_date: extra.anchorDate ?? '',
    due_date: item.dueDate ?? '',
    anchor_pending: String(item.anchorPending),
    deadline_text: item.deadlineText,
    flags: item.flags.join(LIST_SEPARATOR),
    status: item.status,
    progress: String(item.progress),
    rolled_up_progress: String(item.rolledUpProgress),
    last_verified_on: item.lastVerifiedOn ?? '',
    source_quote: extra.sourceQuote,
    source_locator: extra.sourceLocator,
    source_url: extra.sourceUrl ?? '',
    is_example: String(item.isExample),
  };
}

export interface CsvError {
  row: number;
  column: string;
  message: string;
}

/** One row of an import, checked on its own (references are resolved later, against the file and the database). */
export interface CommitmentDraft {
  row: number;
  refCode: string;
  title: string;
  description: string;
  agreement: { title: string; kind: AgreementKindCode | null; signedOn: string | null };
  parentRefCode: string | null;
  responsibleBody: string;
  parties: { code: string; name: string | null }[];
  areas: { slug: string; name: string | null }[];
  /** The deadline with the anchor still by name; anchorEventId is filled in when the anchor is resolved. */
  deadline: DeadlineSpec;
  anchor: { name: string; date: string | null } | null;
  status: ImplementationStatus;
  progress: number;
  lastVerifiedOn: string | null;
  sourceQuote: string;
  sourceLocator: string;
  sourceUrl: string | null;
  isExample: boolean;
}

/** Checks the header row: every column known, none twice, the required ones present. */
export function checkHeader(header: string[]): CsvError[] {
  const errors: CsvError[] = [];
  const seen = new Set<string>();
  for (const name of header) {
    if (!(COMMITMENT_CSV_COLUMNS as readonly string[]).includes(name)) {
      errors.push({ row: 1, column: name, message: `is not a known column (known: ${COMMITMENT_CSV_COLUMNS.join(', ')})` });
    } else if (seen.has(name)) {
      errors.push({ row: 1, column: name, message: 'appears more than once' });
    }
    seen.add(name);
  }
  for (const name of REQUIRED_COLUMNS) {
    if (!seen.has(name)) errors.push({ row: 1, column: name, message: 'is a required column and is missing' });
  }
  return errors;
}

const SPEC_COLUMNS: Record<string, CommitmentCsvColumn> = {
  kind: 'deadline_kind',
  date: 'deadline_date',
  precision: 'deadline_precision',
  duration: 'deadline_duration',
  interval: 'deadline_interval',
  start: 'deadline_start',
  anchorEventId: 'anchor_event',
};

/** A placeholder the anchor name stands in for until it is resolved. */
export const UNRESOLVED_ANCHOR = 'unresolved-anchor';

/** Parses one data row. `row` is the spreadsheet row number (the header is row 1). */
export function parseRow(
  header: string[],
  cells: string[],
  row: number,
): { draft: CommitmentDraft | null; refCode: string; errors: CsvError[] } {
  const errors: CsvError[] = [];
  const fail = (column: CommitmentCsvColumn | '', message: string) => errors.push({ row, column, message });
  if (cells.length > header.length) fail('', `has ${cells.length} cells but the header has ${header.length} columns`);
  const raw: Partial<Record<CommitmentCsvColumn, string>> = {};
  header.forEach((name, index) => {
    if ((COMMITMENT_CSV_COLUMNS as readonly string[]).includes(name))
      raw[name as CommitmentCsvColumn] = restoreCell((cells[index] ?? '').trim());
  });
  // PostgreSQL text cannot hold NUL.
  for (const [column, value] of Object.entries(raw))
    if (value.includes('\u0000')) fail(column as CommitmentCsvColumn, 'must not contain NUL characters');
  const get = (column: CommitmentCsvColumn): string => (COMMITMENT_CSV_COMPUTED_COLUMNS.includes(column) ? '' : (raw[column] ?? ''));
  const text = (column: CommitmentCsvColumn, max: number, required = false): string => {
    const value = get(column);
    if (required && value.trim() === '') fail(column, 'is required');
    else if (value.length > max) fail(column, `must be at most ${max} characters`);
    return value;
  };
  const date = (column: CommitmentCsvColumn): string | null => {
    const value = get(column);
    if (value === '') return null;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !isIsoDate(value)) fail(column, 'must be a date in YYYY-MM-DD format');
    return value;
  };
  const list = (column: CommitmentCsvColumn): string[] =>
    get(column)
      .split(LIST_SEPARATOR)
      .map((item) => item.trim())
      .filter(Boolean);

  const refCode = text('ref_code', 64, true);
  if (refCode && !REF_CODE.test(refCode)) fail('ref_code', 'must be 1–64 letters, digits, dots, slashes or hyphens, e.g. AZ-US-2025-01');
  const title = text('title', 300, true);
  const description = text('description', 20000);
  const agreementTitle = text('agreement', 300, true);
  const kindText = get('agreement_kind');
  if (kindText && !(AGREEMENT_KINDS as string[]).includes(kindText)) fail('agreement_kind', `must be one of ${AGREEMENT_KINDS.join(', ')}`);
  const signedOn = date('agreement_signed_on');
  const parentRefCode = get('parent_ref_code') || null;
  if (parentRefCode && parentRefCode === refCode) fail('parent_ref_code', 'must not be the commitment itself');
  const responsibleBody = text('responsible_body', 300);

  const partyCodes = list('parties').map((code) => code.toUpperCase());
  const partyNames = list('party_names');
  for (const code of partyCodes)
    if (!PARTY_CODE.test(code)) fail('parties', `"${code}" is not a party code (2–16 letters, digits or hyphens)`);
  if (partyNames.length > 0 && partyNames.length !== partyCodes.length)
    fail('party_names', `has ${partyNames.length} names for ${partyCodes.length} parties`);
  const areaSlugs = list('areas');
  const areaNames = list('area_names');
  for (const slug of areaSlugs)
    if (!AREA_SLUG.test(slug)) fail('areas', `"${slug}" is not an area slug (lower-case words joined by hyphens)`);
  if (areaNames.length > 0 && areaNames.length !== areaSlugs.length)
    fail('area_names', `has ${areaNames.length} names for ${areaSlugs.length} areas`);

  const anchorName = text('anchor_event', 200);
  const anchorDate = date('anchor_event_date');
  const kind = get('deadline_kind') || 'none';
  const candidate: Record<string, unknown> = {
    kind,
    date: get('deadline_date') || undefined,
    precision: get('deadline_precision') || undefined,
    duration: get('deadline_duration') || undefined,
    interval: get('deadline_interval') || undefined,
    start: get('deadline_start') || undefined,
    anchorEventId: anchorName ? UNRESOLVED_ANCHOR : undefined,
  };
  const checked = validateDeadlineSpec(candidate);
  if (!checked.ok) {
    for (const error of checked.errors) {
      const column = SPEC_COLUMNS[error.path] ?? 'deadline_kind';
      const message =
        error.path === 'anchorEventId' && !anchorName ? 'is required for this deadline kind (the anchor event’s name)' : error.message;
      fail(column, message);
    }
  }
  const usesAnchor =
    checked.ok && (checked.spec.kind === 'relative' || (checked.spec.kind === 'recurring' && Boolean(checked.spec.anchorEventId)));
  if (!usesAnchor && anchorDate) fail('anchor_event_date', 'is only used with an anchor event');

  const statusText = get('status') || 'not_started';
  if (!(IMPLEMENTATION_STATUSES as readonly string[]).includes(statusText))
    fail('status', `must be one of ${IMPLEMENTATION_STATUSES.join(', ')}`);
  const progressText = get('progress') || '0';
  const progress = /^\d{1,3}$/.test(progressText) ? Number(progressText) : NaN;
  if (!(progress >= 0 && progress <= 100)) fail('progress', 'must be a whole number from 0 to 100');
  const lastVerifiedOn = date('last_verified_on');
  const sourceQuote = text('source_quote', 20000);
  const sourceLocator = text('source_locator', 300);
  const sourceUrl = text('source_url', 2000) || null;
  if (sourceUrl && !URL.test(sourceUrl)) fail('source_url', 'must be an http(s) URL');
  const exampleText = get('is_example').toLowerCase();
  if (!['', 'true', 'false'].includes(exampleText)) fail('is_example', 'must be true or false');

  if (errors.length > 0 || !checked.ok) return { draft: null, refCode, errors };
  return {
    errors,
    refCode,
    draft: {
      row,
      refCode,
      title,
      description,
      agreement: { title: agreementTitle, kind: (kindText || null) as AgreementKindCode | null, signedOn },
      parentRefCode,
      responsibleBody,
      parties: partyCodes.map((code, index) => ({ code, name: partyNames[index] ?? null })),
      areas: areaSlugs.map((slug, index) => ({ slug, name: areaNames[index] ?? null })),
      deadline: checked.spec,
      anchor: usesAnchor ? { name: anchorName, date: anchorDate } : null,
      status: statusText as ImplementationStatus,
      progress,
      lastVerifiedOn,
      sourceQuote,
      sourceLocator,
      sourceUrl,
      isExample: exampleText === 'true',
    },
  };
}

/** Parent links inside the file that go round in a circle. */
export function cycleErrors(drafts: CommitmentDraft[], byRef: Map<string, CommitmentDraft>): CsvError[] {
  const errors: CsvError[] = [];
  for (const draft of drafts) {
    const seen = new Set<string>([draft.refCode]);
    let parent = draft.parentRefCode ? byRef.get(draft.parentRefCode) : undefined;
    while (parent) {
      if (seen.has(parent.refCode)) {
        errors.push({ row: draft.row, column: 'parent_ref_code', message: 'makes the commitment tree go round in a circle' });
        break;
      }
      seen.add(parent.refCode);
      parent = parent.parentRefCode ? byRef.get(parent.parentRefCode) : undefined;
    }
  }
  return errors;
}

/** Splits CSV text into the header and numbered rows (row numbers as a spreadsheet shows them: header = 1). */
export function parseCsv(text: string): { header: string[]; rows: { row: number; cells: string[] }[]; errors: CsvError[] } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false, trim: false }) as string[][];
  } catch (error) {
    const failure = error as { records?: number; message?: string };
    return {
      header: [],
      rows: [],
      errors: [{ row: (failure.records ?? 0) + 1, column: '', message: `is not valid CSV: ${failure.message ?? 'parse error'}` }],
    };
  }
  if (records.length === 0 || records[0].every((cell) => cell.trim() === ''))
    return { header: [], rows: [], errors: [{ row: 1, column: '', message: 'the file is empty; it needs a header row' }] };
  const [header, ...rest] = records;
  return {
    header: header.map((name) => name.trim()),
    rows: rest.map((cells, index) => ({ row: index + 2, cells })).filter(({ cells }) => cells.some((cell) => cell.trim() !== '')),
    errors: [],
  };
}
