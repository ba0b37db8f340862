import { COMMITMENT_CSV_COLUMNS, CommitmentDetailDto, CommitmentSummaryDto, ImportReportDto } from '@pactwatch/shared/contracts';
import { parse } from 'csv-parse/sync';
import { startTestApp, TestApp } from '../../../support/test-app';
import { Api, expectStatus, listAll, signedIn, snapshotCounts } from './fixtures';

const importCsv = (api: Api, csv: string, dryRun = false) =>
  api.request('POST', `/api/commitments/import.csv${dryRun ? '?dryRun=true' : ''}`, csv, { 'content-type': 'text/csv' });

/** What a commitment is, without the ids and versions a database assigns. */
function comparable(items: CommitmentSummaryDto[], details: Map<string, CommitmentDetailDto>) {
  const refById = new Map(items.map((item) => [item.id, item.refCode]));
  return items
    .map((item) => {
      const detail = details.get(item.refCode) as CommitmentDetailDto;
      const { anchorEventId: _anchor, ...deadline } = item.deadline as Record<string, unknown>;
      return {
        refCode: item.refCode,
        title: item.title,
        description: detail.description,
        sourceQuote: detail.sourceQuote,
        sourceLocator: detail.sourceLocator,
        sourceUrl: detail.sourceUrl,
        agreement: { title: item.agreement.title, kind: item.agreement.kind, signedOn: item.agreement.signedOn },
        parent: item.parentId ? refById.get(item.parentId) : null,
        responsibleBody: item.responsibleBody,
        parties: item.parties.map((p) => [p.code, p.name]),
        areas: item.areas.map((a) => [a.slug, a.name]),
        deadline,
        anchor: detail.anchorEvent ? [detail.anchorEvent.name, detail.anchorEvent.occurredOn] : null,
        dueDate: item.dueDate,
        anchorPending: item.anchorPending,
        deadlineText: item.deadlineText,
        status: item.status,
        progress: item.progress,
        rolledUpProgress: item.rolledUpProgress,
        flags: item.flags,
        lastVerifiedOn: item.lastVerifiedOn,
        isExample: item.isExample,
      };
    })
    .sort((a, b) => a.refCode.localeCompare(b.refCode));
}

async function everything(api: Api) {
  const items = await listAll(api, 'sort=ref_code');
  const details = new Map<string, CommitmentDetailDto>();
  for (const item of items) details.set(item.refCode, await api.json<CommitmentDetailDto>(`/api/commitments/${item.id}`));
  return comparable(items, details);
}

describe('CSV export and import', () => {
  let source: TestApp;
  let target: TestApp;
  let sourceApi: Api;
  let targetApi: Api;
  let exported: string;

  beforeAll(async () => {
    source = await startTestApp({ demo: true, now: '2026-01-15T09:00:00Z' });
    target = await startTestApp({ now: '2026-01-15T09:00:00Z' });
    sourceApi = (await signedIn(source, 'analyst')).api;
    targetApi = (await signedIn(target, 'analyst')).api;
  }, 60_000);
  afterAll(async () => {
    await source.close();
    await target.close();
  });

  it('exports any filtered list as CSV with every column', async () => {
    const response = await sourceApi.get('/api/commitments/export.csv?sort=ref_code');
    expectStatus(response, 200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toBe('attachment; filename="pactwatch-commitments-2026-01-15.csv"');
    exported = response.body;
    const records = parse(exported, { columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0])).toEqual([...COMMITMENT_CSV_COLUMNS]);
    expect(records).toHaveLength(11);
    expect(records.find((r) => r.ref_code === 'AZ-US-2025-01')).toMatchObject({
      agreement_kind: 'mou',
      deadline_kind: 'relative',
      deadline_duration: 'P6M',
      anchor_event: 'MoU signed',
      anchor_event_date: '2025-08-08',
      due_date: '2026-02-08',
      parties: 'AZ;US',
      party_names: 'Azerbaijan;United States',
      status: 'in_progress',
      flags: 'upcoming;stale',
    });

    const energy = parse((await sourceApi.get('/api/commitments/export.csv?area=energy&flag=due_soon')).body, { columns: true }) as Record<
      string,
      string
    >[];
    expect(energy.map((r) => r.ref_code)).toEqual(['EX-02']);
  });

  it('round-trips: importing the export into an empty database gives the same commitments, and the same CSV back', async () => {
    const dry = await importCsv(targetApi, exported, true);
    expectStatus(dry, 200);
    expect(dry.json()).toEqual({ dryRun: true, imported: 11, rows: 11, errors: [] });
    expect(await listAll(targetApi)).toEqual([]);

    const response = await importCsv(targetApi, exported);
    expectStatus(response, 200);
    expect(response.json()).toEqual({ dryRun: false, imported: 11, rows: 11, errors: [] });

    expect(await everything(targetApi)).toEqual(await everything(sourceApi));
    const again = await targetApi.get('/api/commitments/export.csv?sort=ref_code');
    expect(again.body).toBe(exported);

    // Everything the import created is in the audit trail, once, with what it was created as.
    const audited = await target.db.dataSource.query(
      `SELECT entity_type, count(*)::int AS n FROM audit_log WHERE action = 'create' GROUP BY entity_type ORDER BY entity_type`,
    );
    const created = await target.db.dataSource.query(
      `SELECT 'agreement' AS entity_type, count(*)::int AS n FROM agreements
       UNION ALL SELECT 'anchor_event', count(*)::int FROM anchor_events
       UNION ALL SELECT 'commitment', count(*)::int FROM commitments
       UNION ALL SELECT 'party', count(*)::int FROM parties
       UNION ALL SELECT 'policy_area', count(*)::int FROM policy_areas ORDER BY entity_type`,
    );
    expect(audited).toEqual(created);
    const [area] = await target.db.dataSource.query(
      `SELECT after, summary FROM audit_log WHERE entity_type = 'policy_area' AND after->>'slug' = 'energy'`,
    );
    expect(area).toEqual({ after: { slug: 'energy', name: 'Energy' }, summary: 'Added policy area energy (CSV import)' });
  });

  it('imports nothing from a file with bad rows, and reports every bad row and column', async () => {
    const header =
      'ref_code,title,agreement,agreement_kind,deadline_kind,deadline_duration,deadline_date,deadline_precision,anchor_event,anchor_event_date,status,progress,parties,parent_ref_code';
    const csv = [
      header,
      'NEW-01,Fine row,New agreement,treaty,absolute,,2026-06-30,month,,,in_progress,10,AZ,',
      'NEW-02,,New agreement,treaty,relative,six months,,,,,,,,',
      'NEW-03,Bad status,New agreement,treaty,none,,,,,,finished,150,,',
      'AZ-US-2025-01,Already there,New agreement,treaty,none,,,,,,,,,',
      'NEW-04,Wrong kind,New agreement,law,none,,,,,,,,,',
      'NEW-05,Orphan,New agreement,treaty,none,,,,,,,,,NO-SUCH-PARENT',
      'NEW-01,Duplicate,New agreement,treaty,absolute,,2026-02-31,day,,,,,,',
    ].join('\n');
    const counts = await snapshotCounts(target);
    const response = await importCsv(targetApi, csv);
    expectStatus(response, 400);
    const body = response.json() as { code: string; report: ImportReportDto; errors: { field: string }[] };
    expect(body.code).toBe('validation_failed');
    expect(body.report.imported).toBe(0);
    expect(body.report.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'anchor_event'],
      [3, 'deadline_duration'],
      [3, 'title'],
      [4, 'progress'],
      [4, 'status'],
      [5, 'ref_code'],
      [6, 'agreement_kind'],
      [7, 'parent_ref_code'],
      [8, 'deadline_date'],
      [8, 'ref_code'],
    ]);
    expect(body.errors).toContainEqual({ field: 'row 4: status', message: expect.stringContaining('must be one of') });
    expect(await snapshotCounts(target)).toEqual(counts);

    const dry = await importCsv(targetApi, csv, true);
    expectStatus(dry, 200);
    expect((dry.json() as ImportReportDto).errors).toEqual(body.report.errors);
    expect(await snapshotCounts(target)).toEqual(counts);
  });

  it('reports a header with unknown or missing columns, and a file that is not CSV', async () => {
    const response = await importCsv(targetApi, 'ref_code,colour\nX-1,red\n', true);
    expect((response.json() as ImportReportDto).errors).toEqual([
      { row: 1, column: 'agreement', message: 'is a required column and is missing' },
      { row: 1, column: 'colour', message: expect.stringContaining('is not a known column') },
      { row: 1, column: 'title', message: 'is a required column and is missing' },
    ]);
    const broken = await importCsv(targetApi, 'ref_code,title,agreement\n"X-1,unclosed\n', true);
    expect((broken.json() as ImportReportDto).errors[0]).toMatchObject({
      row: 2,
      column: '',
      message: expect.stringContaining('is not valid CSV'),
    });
  });

  it('refuses a file with too many rows (413) and a body that is not CSV (415)', async () => {
    const rows = Array.from({ length: 5001 }, (_, i) => `R-${i},Row ${i},A`);
    expectStatus(await importCsv(targetApi, ['ref_code,title,agreement', ...rows].join('\n'), true), 413);
    expectStatus(await targetApi.post('/api/commitments/import.csv', { csv: 'nope' }), 415);
  });
});
