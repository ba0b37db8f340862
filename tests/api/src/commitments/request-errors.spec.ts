import type { ImportReportDto } from '@pactwatch/shared/contracts';
import { startTestApp, TestApp } from '../../../support/test-app';
import { Api, expectStatus, signedIn, snapshotCounts } from './fixtures';

const CSV = 'ref_code,title,agreement\nERR-1,Error messages,Error agreement\n';

/** A multipart/form-data body with one file part, as a browser's file upload sends it. */
function formUpload(content: Buffer | string, filename = 'commitments.csv'): { payload: Buffer; contentType: string } {
  const boundary = '----pactwatch-test-boundary';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`,
      'utf8',
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
    Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('error messages name the field or the real problem', () => {
  let t: TestApp;
  let api: Api;

  beforeAll(async () => {
    t = await startTestApp();
    api = (await signedIn(t, 'analyst')).api;
  });
  afterAll(() => t.close());

  const send = (url: string, payload: string | Buffer, contentType: string) =>
    t.request({ method: 'POST', url, headers: { ...api.headers, 'content-type': contentType }, payload });

  describe('missing fields', () => {
    it('says "is required" once for a missing field, instead of every constraint it fails', async () => {
      const response = await api.post('/api/agreements', { summary: 'No title, no kind' });
      expectStatus(response, 400);
      expect(response.json().errors).toEqual([
        { field: 'title', message: 'is required' },
        { field: 'kind', message: 'is required' },
      ]);
    });

    it('still names the broken constraint of a field that is present', async () => {
      const response = await api.post('/api/agreements', { title: 'x'.repeat(301), kind: 'mou' });
      expectStatus(response, 400);
      expect(response.json().errors).toEqual([{ field: 'title', message: expect.stringContaining('300 characters') }]);
    });

    it('says a required field given as null must not be null', async () => {
      const response = await api.post('/api/agreements', { title: null, kind: 'mou' });
      expectStatus(response, 400);
      expect(response.json().errors).toEqual([{ field: 'title', message: 'must not be null' }]);
    });
  });

  describe('media types', () => {
    it('answers 415 naming application/json to a JSON body sent as text/plain, writing nothing', async () => {
      const counts = await snapshotCounts(t);
      const response = await send('/api/agreements', JSON.stringify({ title: 'Sent as text', kind: 'mou' }), 'text/plain');
      expectStatus(response, 415);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ code: 'unsupported_media_type', accepted: ['application/json'] });
      expect(response.json().detail).toContain('send application/json');
      expect(await snapshotCounts(t)).toEqual(counts);
    });

    it('answers 415 naming application/json to a body of a type nothing parses', async () => {
      const response = await send('/api/agreements', '<agreement/>', 'application/xml');
      expectStatus(response, 415);
      expect(response.json()).toMatchObject({
        code: 'unsupported_media_type',
        received: 'application/xml',
        detail: 'A body of type application/xml is not accepted here: send application/json',
      });
    });

    it('refuses text/plain, JSON and XML at the CSV import with 415 naming text/csv and multipart/form-data', async () => {
      const counts = await snapshotCounts(t);
      for (const [payload, type] of [
        [CSV, 'text/plain'],
        [JSON.stringify({ csv: CSV }), 'application/json'],
        ['<csv/>', 'application/xml'],
      ]) {
        const response = await send('/api/commitments/import.csv', payload, type);
        expectStatus(response, 415);
        expect(response.json()).toMatchObject({
          code: 'unsupported_media_type',
          received: type,
          accepted: ['text/csv', 'multipart/form-data'],
          detail: `A body of type ${type} is not accepted here: send text/csv or multipart/form-data`,
        });
      }
      expect(await snapshotCounts(t)).toEqual(counts);
    });

    it('imports a CSV sent as text/csv or uploaded as a form file', async () => {
      const dry = await send('/api/commitments/import.csv?dryRun=true', CSV, 'text/csv; charset=utf-8');
      expectStatus(dry, 200);
      expect((dry.json() as ImportReportDto).imported).toBe(1);
      const upload = formUpload(CSV.replace(/ERR-1/g, 'ERR-2').replace('Error agreement', 'Upload agreement'));
      const response = await send('/api/commitments/import.csv', upload.payload, upload.contentType);
      expectStatus(response, 200);
      expect(response.json()).toMatchObject({ dryRun: false, imported: 1, errors: [] });
      expectStatus(await api.get('/api/commitments/ERR-2'), 200);
    });
  });

  describe('invalid UTF-8', () => {
    // "Zürich" in Latin-1, as a spreadsheet saves "CSV" on some systems: 0xFC is not UTF-8.
    const latin1 = Buffer.concat([
      Buffer.from('ref_code,title,agreement\nERR-3,Office in Z', 'utf8'),
      Buffer.from([0xfc]),
      Buffer.from('rich,A\n'),
    ]);
    const where = 'is not valid UTF-8: byte 43 (line 2) is 0xfc, which UTF-8 does not allow there. Save the file as "CSV UTF-8".';

    it('reports a CSV body that is not UTF-8 as such, with the line and byte, and imports nothing', async () => {
      const counts = await snapshotCounts(t);
      const response = await send('/api/commitments/import.csv', latin1, 'text/csv');
      expectStatus(response, 400);
      expect(response.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'body', message: where }] });
      expect(response.body).not.toContain('Content-Length');
      expect(await snapshotCounts(t)).toEqual(counts);
    });

    it('reports an uploaded file that is not UTF-8 the same way', async () => {
      const upload = formUpload(latin1);
      const response = await send('/api/commitments/import.csv?dryRun=true', upload.payload, upload.contentType);
      expectStatus(response, 400);
      expect(response.json().errors).toEqual([{ field: 'body', message: where }]);
    });
  });
});
