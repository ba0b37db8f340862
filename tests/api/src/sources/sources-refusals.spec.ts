import type { AgreementDto, ExtractionCandidateDto, SourceDocumentDto } from '@pactwatch/shared/contracts';
import { Api, signedIn } from '../commitments/fixtures';
import { startTestApp, TestApp } from '../../../support/test-app';
import { FLOW_TEXT } from './source-fixtures';

/** Requests the bad-input fuzzer found answered with a 500: each now gets a 4xx problem document. */
describe('source documents: refusals found by fuzzing', () => {
  let t: TestApp;
  let analyst: Api;
  let agreement: AgreementDto;

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    analyst = (await signedIn(t, 'analyst')).api;
    [agreement] = await analyst.json<AgreementDto[]>('/api/agreements');
  });
  afterAll(() => t?.close());

  const drafts = async (title: string) => {
    const document = (
      await analyst.post(`/api/agreements/${agreement.id}/sources`, { title, text: FLOW_TEXT })
    ).json() as SourceDocumentDto;
    return (await analyst.post(`/api/sources/${document.id}/versions/1/extract`)).json() as ExtractionCandidateDto[];
  };

  it('answers 409 naming the state when a draft that was already rejected is rejected again', async () => {
    const [draft] = await drafts('Rejected twice');
    expect((await analyst.post(`/api/candidates/${draft.id}/reject`, { version: draft.version })).statusCode).toBe(201);
    const again = await analyst.post(`/api/candidates/${draft.id}/reject`, { version: draft.version });
    expect({ status: again.statusCode, body: again.json() }).toMatchObject({ status: 409, body: { status: 409, state: 'rejected' } });
  });

  it('answers 409 naming the state when a draft that was already accepted is accepted again', async () => {
    const [draft] = await drafts('Accepted twice');
    expect((await analyst.post(`/api/candidates/${draft.id}/accept`, { version: draft.version })).statusCode).toBe(201);
    const again = await analyst.post(`/api/candidates/${draft.id}/accept`, { version: draft.version });
    expect({ status: again.statusCode, body: again.json() }).toMatchObject({ status: 409, body: { status: 409, state: 'accepted' } });
  });

  it('refuses a draft parent that names no commitment, naming parentId', async () => {
    const [draft] = await drafts('Orphan parent');
    const response = await analyst.patch(`/api/candidates/${draft.id}`, {
      version: draft.version,
      parentId: 'fffffff5-9b46-3144-bfff-fffbf3a40bca',
    });
    expect({ status: response.statusCode, fields: response.json().errors?.map((error: { field: string }) => error.field) }).toEqual({
      status: 400,
      fields: ['parentId'],
    });
  });

  it.each(['partyCodes', 'areaSlugs', 'deadline'])('refuses a draft edit that sets %s to null, naming it', async (field) => {
    const [draft] = await drafts(`Null ${field}`);
    const response = await analyst.patch(`/api/candidates/${draft.id}`, { version: draft.version, [field]: null });
    expect({ status: response.statusCode, fields: response.json().errors?.map((error: { field: string }) => error.field) }).toEqual({
      status: 400,
      fields: [field],
    });
  });

  it('reads an uploaded HTML file that is only text, without tags', async () => {
    const response = await t.request({
      method: 'POST',
      url: `/api/agreements/${agreement.id}/sources/upload`,
      headers: { ...analyst.headers, 'content-type': 'multipart/form-data; boundary=b' },
      payload:
        '--b\r\nContent-Disposition: form-data; name="file"; filename="note.html"\r\nContent-Type: text/html\r\n\r\nThe Parties shall meet.\r\n--b--\r\n',
    });
    expect(response.statusCode).toBe(201);
    const document = response.json() as SourceDocumentDto;
    const version = await analyst.json<{ text: string }>(`/api/sources/${document.id}/versions/1`);
    expect(version.text).toBe('The Parties shall meet.');
  });

  it('refuses text and url together, naming url', async () => {
    const response = await analyst.post(`/api/agreements/${agreement.id}/sources`, { text: 42, url: 'http://127.0.0.1/x' });
    expect(response.statusCode).toBe(400);
    expect([...new Set(response.json().errors.map((error: { field: string }) => error.field))].sort()).toEqual(['text', 'url']);
  });

  it.each([
    [
      'a form whose closing boundary never comes',
      'multipart/form-data; boundary=b',
      '--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nabc',
    ],
    [
      'a form with another boundary than its header',
      'multipart/form-data; boundary=b',
      '--other\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nabc\r\n--other--\r\n',
    ],
    ['a form without a boundary', 'multipart/form-data', 'abc'],
    ['a PDF sent as the request body', 'application/pdf', '%PDF-1.7 abc'],
    ['plain text sent as the request body', 'text/plain', 'The Parties shall meet.'],
  ])('refuses %s with a 4xx problem document', async (_name, contentType, payload) => {
    const response = await t.request({
      method: 'POST',
      url: `/api/agreements/${agreement.id}/sources/upload`,
      headers: { ...analyst.headers, 'content-type': contentType },
      payload,
    });
    expect({ status: response.statusCode >= 400 && response.statusCode < 500, type: response.headers['content-type'] }).toEqual({
      status: true,
      type: expect.stringContaining('application/problem+json'),
    });
  });
});
