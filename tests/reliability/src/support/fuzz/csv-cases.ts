/**
 * Generated CSV files for POST /api/commitments/import.csv: good files, files with one bad cell, an
 * unknown or missing column, a reference code twice, broken CSV, and dry runs. A refusal must name the
 * column; an accepted file's texts must read back as sent (cells are trimmed, and lose one leading apostrophe).
 */
import { IMPLEMENTATION_STATUSES } from '@pactwatch/shared/deadlines';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { goodDate, Verdict, worst } from './fields';
import type { FuzzContext } from './fixtures';
import { HOSTILE_STRINGS } from './hostile';
import type { Draft } from './runner';

const CSV_TYPE = 'text/csv';

interface Column {
  good: fc.Arbitrary<string>;
  values: fc.Arbitrary<string>;
  judge(cell: string): Verdict;
  /** A text kept as the cell says (trimmed), read back after import. */
  stored?: boolean;
}

/** What the server receives: the text as UTF-8 (a lone surrogate cannot be encoded and arrives as U+FFFD). */
const received = (cell: string) => Buffer.from(cell, 'utf8').toString('utf8');
/** The value the import keeps: the received cell trimmed, then one leading apostrophe (the export's formula guard) taken off. */
const kept = (cell: string) => received(cell).trim().replace(/^'/, '');

function textColumn(max: number, required: boolean): Column {
  const judge = (cell: string): Verdict => {
    const value = kept(cell);
    if (value.includes('\u0000') || value.length > max || (required && value.trim() === '')) return 'reject';
    return 'accept';
  };
  const values = fc.oneof(
    fc.constantFrom(...HOSTILE_STRINGS),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.string({ unit: 'binary', maxLength: 30 }),
  );
  return { good: values.filter((cell) => judge(cell) === 'accept' && kept(cell).trim() !== ''), values, judge, stored: true };
}

function choice(good: readonly string[], bad: readonly string[], optional = true): Column {
  return {
    good: fc.constantFrom(...good),
    values: fc.constantFrom(...good, ...bad),
    judge: (cell) => (good.includes(cell) || (optional && cell.trim() === '') ? 'accept' : 'reject'),
  };
}

const hex = fc.stringMatching(/^[0-9a-f]{12}$/);

function columns(): Record<string, Column> {
  return {
    ref_code: {
      good: hex.map((h) => `FZC-${h}`),
      values: fc.oneof(
        hex.map((h) => `FZC-${h}`),
        fc.constantFrom('', '-lead', 'has space', 'x'.repeat(65), 'NUL\u0000', 'AZ-US-2025-01'),
      ),
      judge: (cell) => (/^FZC-[0-9a-f]{12}$/.test(cell) ? 'accept' : cell === 'AZ-US-2025-01' ? 'either' : 'reject'),
    },
    title: textColumn(300, true),
    description: textColumn(20000, false),
    responsible_body: textColumn(300, false),
    source_quote: textColumn(20000, false),
    agreement_kind: choice(['mou'], ['weird', 'MOU']),
    parties: choice(['', 'AZ', 'AZ;US'], ['a b', 'TOO-LONG-PARTY-CODE-X', 'A_B']),
    status: choice(IMPLEMENTATION_STATUSES, ['done', 'In progress']),
    progress: choice(['0', '40', '100'], ['101', '-1', '1.5', 'x']),
    source_url: choice(['', 'https://example.org/source'], ['ftp://example.org', 'not a url']),
    last_verified_on: {
      good: goodDate(2000, 2025),
      values: fc.oneof(goodDate(2000, 2025), fc.constantFrom('2026-02-30', '2026-1-1', 'yesterday')),
      judge: (cell) => (cell === '' || (/^\d{4}-\d{2}-\d{2}$/.test(cell) && !['2026-02-30'].includes(cell)) ? 'accept' : 'reject'),
    },
  };
}

/** Deadline columns travel together: a good combination, or a broken one (blamed on the column it breaks). */
const DEADLINE_COLUMNS = [
  'deadline_kind',
  'deadline_date',
  'deadline_precision',
  'deadline_duration',
  'deadline_interval',
  'deadline_start',
  'anchor_event',
  'anchor_event_date',
];
const deadlineCells = (cells: Record<string, string>) => ({ ...Object.fromEntries(DEADLINE_COLUMNS.map((c) => [c, ''])), ...cells });
const DEADLINES: { cells: Record<string, string>; culprit?: string }[] = [
  { cells: deadlineCells({ deadline_kind: 'none' }) },
  { cells: deadlineCells({ deadline_kind: 'absolute', deadline_date: '2026-12-31', deadline_precision: 'year' }) },
  { cells: deadlineCells({ deadline_kind: 'recurring', deadline_interval: 'P1Y', deadline_start: '2025-01-01' }) },
  {
    cells: deadlineCells({ deadline_kind: 'relative', deadline_duration: 'P6M', anchor_event: 'Signing', anchor_event_date: '2025-08-08' }),
  },
  { cells: deadlineCells({ deadline_kind: 'weekly' }), culprit: 'deadline_kind' },
  { cells: deadlineCells({ deadline_kind: 'absolute', deadline_precision: 'day' }), culprit: 'deadline_date' },
  { cells: deadlineCells({ deadline_kind: 'absolute', deadline_date: '2026-02-30', deadline_precision: 'day' }), culprit: 'deadline_date' },
  {
    cells: deadlineCells({ deadline_kind: 'recurring', deadline_interval: 'P0D', deadline_start: '2025-01-01' }),
    culprit: 'deadline_interval',
  },
  // Counted from an anchor at the very end of the calendar, the due date would fall after the year 9999.
  {
    cells: deadlineCells({
      deadline_kind: 'relative',
      deadline_duration: 'P1Y',
      anchor_event: 'Far future',
      anchor_event_date: '9999-12-31',
    }),
    culprit: 'anchor_event_date',
  },
];

interface Row {
  cells: Record<string, string>;
  culprits: string[];
  verdict: Verdict;
}

function row(all: Record<string, Column>, agreement: string, mutate: boolean): fc.Arbitrary<Row> {
  const names = Object.keys(all);
  const good = fc.record(Object.fromEntries(names.map((name) => [name, all[name].good]))) as fc.Arbitrary<Record<string, string>>;
  const changed = mutate
    ? fc.oneof(
        fc.constantFrom(...names).chain((name) => all[name].values.map((value) => ({ [name]: value }))),
        fc.constantFrom(...DEADLINES.filter((d) => d.culprit)).map((d) => d.cells),
      )
    : fc.constant({});
  return fc.tuple(good, fc.constantFrom(...DEADLINES.filter((d) => !d.culprit)), changed).map(([cells, deadline, change]) => {
    const merged: Record<string, string> = { ...cells, agreement, ...deadline.cells, ...change };
    const broken = DEADLINES.find((d) => d.culprit && JSON.stringify(d.cells) === JSON.stringify(change));
    const culprits = names.filter((name) => all[name].judge(merged[name] ?? '') === 'reject');
    if (broken?.culprit) culprits.push(broken.culprit);
    return {
      cells: merged,
      culprits,
      verdict: culprits.length > 0 ? 'reject' : worst(names.map((name) => all[name].judge(merged[name] ?? ''))),
    };
  });
}

function csvText(header: string[], rows: Record<string, string>[]): string {
  return stringify([header, ...rows.map((cells) => header.map((name) => cells[name] ?? ''))]);
}

type FileKind = 'good' | 'bad-cell' | 'unknown-column' | 'missing-column' | 'duplicate' | 'broken' | 'dry-run';

export function csvImportCases(_ctx: FuzzContext): fc.Arbitrary<Draft> {
  const all = columns();
  const header = [
    'ref_code',
    'title',
    'agreement',
    ...Object.keys(all).filter((n) => !['ref_code', 'title'].includes(n)),
    ...DEADLINE_COLUMNS,
  ];
  const kinds = fc.constantFrom<FileKind>(
    'good',
    'good',
    'good',
    'bad-cell',
    'bad-cell',
    'bad-cell',
    'unknown-column',
    'missing-column',
    'duplicate',
    'broken',
    'dry-run',
  );
  return fc.tuple(kinds, hex, fc.integer({ min: 1, max: 4 })).chain(([kind, agreementId, count]) => {
    const agreement = `Fuzz import ${agreementId}`;
    return fc
      .tuple(fc.array(row(all, agreement, false), { minLength: count, maxLength: count }), row(all, agreement, kind === 'bad-cell'))
      .map(([goodRows, lastRow]): Draft => {
        const rows = [...goodRows, lastRow];
        const cells = rows.map((r) => r.cells);
        const base: Draft = { verdict: 'reject', culprits: [], stored: {}, raw: { text: '', contentType: CSV_TYPE } };
        switch (kind) {
          case 'unknown-column':
            return {
              ...base,
              culprits: ['favourite_colour'],
              raw: { text: csvText([...header, 'favourite_colour'], cells), contentType: CSV_TYPE },
            };
          case 'missing-column':
            return {
              ...base,
              culprits: ['title'],
              raw: {
                text: csvText(
                  header.filter((n) => n !== 'title'),
                  cells,
                ),
                contentType: CSV_TYPE,
              },
            };
          case 'duplicate':
            return { ...base, culprits: ['ref_code'], raw: { text: csvText(header, [...cells, cells[0]]), contentType: CSV_TYPE } };
          case 'broken':
            return { ...base, culprits: ['body'], raw: { text: `${csvText(header, cells)}"unclosed,quote\n`, contentType: CSV_TYPE } };
          case 'dry-run':
            return { ...base, verdict: 'either', query: { dryRun: 'true' }, raw: { text: csvText(header, cells), contentType: CSV_TYPE } };
          default: {
            const verdict = worst(rows.map((r) => r.verdict));
            const first = rows[0].cells;
            const stored =
              verdict === 'reject'
                ? {}
                : Object.fromEntries(
                    Object.entries({
                      title: 'title',
                      description: 'description',
                      responsibleBody: 'responsible_body',
                      sourceQuote: 'source_quote',
                    }).map(([field, column]) => [field, kept(first[column] ?? '')]),
                  );
            return {
              verdict,
              culprits: [...new Set(rows.flatMap((r) => r.culprits))],
              stored,
              subject: first['ref_code'],
              raw: { text: csvText(header, cells), contentType: CSV_TYPE },
            };
          }
        }
      });
  });
}
