import type { CommitmentDetailDto, ImportReportDto } from '@pactwatch/shared/contracts';
import { startTestApp, TestApp } from '../../../support/test-app';
import { Api, expectStatus, signedIn, snapshotCounts } from './fixtures';

const importCsv = (api: Api, csv: string, options = '') =>
  api.request('POST', `/api/commitments/import.csv?${options}`, csv, { 'content-type': 'text/csv' });

const MOU = 'Memorandum of Understanding between Azerbaijan and the United States on a Strategic Partnership Charter';

/** Importing into the reference case: the forms' words, the catalogue as it is, and updates by reference code. */
describe('CSV import: words, unknown parties and areas, verification dates and updates', () => {
  let t: TestApp;
  let analyst: Api;

  beforeAll(async () => {
    t = await startTestApp({ demo: true, now: '2026-01-15T09:00:00Z' });
    analyst = (await signedIn(t, 'analyst', 'Ana Analyst')).api;
  });
  afterAll(() => t.close());

  it('takes the words the forms show for deadline kinds, precisions, statuses, agreement kinds and periods', async () => {
    const csv = [
      'ref_code,title,agreement,agreement_kind,deadline_kind,deadline_date,deadline_precision,deadline_duration,anchor_event,anchor_event_date,status,progress,parties',
      `W-01,By a date,${JSON.stringify(MOU)},MoU,By a date,2026-06-30,End of month,,,,In progress,10,AZ`,
      `W-02,After an event,${JSON.stringify(MOU)},,After an event,,,P90D,MoU signed,2025-08-08,at risk,20,US`,
      `W-03,Form label,${JSON.stringify(MOU)},Memorandum of understanding,A period after an anchor event,,,six months,MoU signed,2025-08-08,Not started,0,`,
    ].join('\n');
    const response = await importCsv(analyst, csv);
    expectStatus(response, 200);
    expect(response.json()).toMatchObject({ created: 3, errors: [] });
    expect(await analyst.json<CommitmentDetailDto>('/api/commitments/W-01')).toMatchObject({
      deadline: { kind: 'absolute', date: '2026-06-30', precision: 'month' },
      status: 'in_progress',
    });
    expect(await analyst.json<CommitmentDetailDto>('/api/commitments/W-02')).toMatchObject({
      deadline: { kind: 'relative', duration: 'P90D' },
      dueDate: '2025-11-06',
      status: 'at_risk',
    });
    expect((await analyst.json<CommitmentDetailDto>('/api/commitments/W-03')).deadline).toMatchObject({
      kind: 'relative',
      duration: 'P6M',
    });
  });

  it('names the words a coded column takes when a cell matches none', async () => {
    const response = await importCsv(
      analyst,
      `ref_code,title,agreement,deadline_kind\nW-09,Odd,${JSON.stringify(MOU)},Sometime\n`,
      'dryRun=true',
    );
    expect((response.json() as ImportReportDto).errors).toEqual([
      {
        row: 2,
        column: 'deadline_kind',
        message: expect.stringContaining('No deadline, A date, A period after an anchor event, Recurring'),
      },
    ]);
  });

  it('refuses unknown party codes and area slugs unless the analyst allows creating them', async () => {
    const csv = `ref_code,title,agreement,parties,areas\nU-01,Unknown party,${JSON.stringify(MOU)},AZ;XX,energy;space\n`;
    const counts = await snapshotCounts(t);
    const dry = await importCsv(analyst, csv, 'dryRun=true');
    expectStatus(dry, 200);
    expect((dry.json() as ImportReportDto).errors).toEqual([
      { row: 2, column: 'areas', message: expect.stringContaining('unknown policy area: space') },
      { row: 2, column: 'parties', message: expect.stringContaining('unknown party code: XX') },
    ]);
    expectStatus(await importCsv(analyst, csv), 400);
    expect(await snapshotCounts(t)).toEqual(counts);

    const allowed = await importCsv(analyst, csv, 'dryRun=true&createMissing=true');
    expect(allowed.json()).toMatchObject({ errors: [], created: 1, createdParties: ['XX'], createdAreas: ['space'] });
  });

  it('marks imported rows verified on the day of the import unless the file gives a date', async () => {
    const csv = [
      'ref_code,title,agreement,last_verified_on',
      `V-01,No date,${JSON.stringify(MOU)},`,
      `V-02,A date,${JSON.stringify(MOU)},2025-12-01`,
      `V-03,Never,${JSON.stringify(MOU)},never`,
    ].join('\n');
    expectStatus(await importCsv(analyst, csv), 200);
    expect((await analyst.json<CommitmentDetailDto>('/api/commitments/V-01')).lastVerifiedOn).toBe('2026-01-15');
    expect((await analyst.json<CommitmentDetailDto>('/api/commitments/V-01')).flags).not.toContain('stale');
    expect((await analyst.json<CommitmentDetailDto>('/api/commitments/V-02')).lastVerifiedOn).toBe('2025-12-01');
    expect((await analyst.json<CommitmentDetailDto>('/api/commitments/V-03')).lastVerifiedOn).toBeNull();
  });

  it('refuses existing reference codes unless updates are allowed, then updates only the columns the file has', async () => {
    const before = await analyst.json<CommitmentDetailDto>('/api/commitments/AZ-US-2025-01');
    const csv = [
      'ref_code,title,agreement,status,progress',
      `AZ-US-2025-01,${before.title},${JSON.stringify(MOU)},At risk,${before.progress}`,
      `W-01,By a date,${JSON.stringify(MOU)},In progress,10`,
    ].join('\n');
    const refused = await importCsv(analyst, csv, 'dryRun=true');
    expect((refused.json() as ImportReportDto).errors.map((error) => [error.row, error.column])).toEqual([
      [2, 'ref_code'],
      [3, 'ref_code'],
    ]);

    const dry = await importCsv(analyst, csv, 'dryRun=true&updateExisting=true');
    expect(dry.json()).toMatchObject({
      errors: [],
      created: 0,
      updated: 1,
      unchanged: 1,
      results: [
        { row: 2, refCode: 'AZ-US-2025-01', action: 'update', changes: ['status'] },
        { row: 3, refCode: 'W-01', action: 'unchanged', changes: [] },
      ],
    });
    expectStatus(await importCsv(analyst, csv, 'updateExisting=true'), 200);
    const after = await analyst.json<CommitmentDetailDto>('/api/commitments/AZ-US-2025-01');
    // The status change is a new entry in the history; the columns the file does not have are as they were.
    expect(after).toMatchObject({
      status: 'at_risk',
      description: before.description,
      deadline: before.deadline,
      dueDate: before.dueDate,
      lastVerifiedOn: '2026-01-15',
      version: before.version + 1,
    });
    expect(after.history.length).toBe(before.history.length + 1);
    expect(after.history[0]).toMatchObject({ statusBefore: before.status, statusAfter: 'at_risk', note: 'Updated from CSV (row 2).' });
  });

  it('refuses a row that names an archived commitment', async () => {
    const target = await analyst.json<CommitmentDetailDto>('/api/commitments/V-03');
    expectStatus(await analyst.delete(`/api/commitments/${target.id}?version=${target.version}`), 204);
    const response = await importCsv(
      analyst,
      `ref_code,title,agreement\nV-03,Again,${JSON.stringify(MOU)}\n`,
      'dryRun=true&updateExisting=true',
    );
    expect((response.json() as ImportReportDto).errors).toEqual([
      { row: 2, column: 'ref_code', message: 'names an archived commitment; an admin can restore it first' },
    ]);
  });
});
