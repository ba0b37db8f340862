import { startTestApp, TestApp } from '../../../support/test-app';
import { Api, expectStatus, signedIn } from './fixtures';

const RANGE = 'must be a date from 1900-01-01 to 9999-12-31';

describe('date parameters in query strings are bounded', () => {
  let t: TestApp;
  let api: Api;
  let admin: Api;

  beforeAll(async () => {
    t = await startTestApp({ demo: true, now: '2026-01-15T09:00:00Z' });
    api = (await signedIn(t, 'viewer')).api;
    admin = (await signedIn(t, 'admin')).api;
  });
  afterAll(() => t.close());

  /** Every read that takes a date in its query string, with the parameter's name. */
  const reads = [
    ['/api/dashboard/summary?asOf=', 'asOf'],
    ['/api/commitments?flag=stale&asOf=', 'asOf'],
    ['/api/commitments/export.csv?flag=stale&asOf=', 'asOf'],
    ['/api/commitments/AZ-US-2025-01?asOf=', 'asOf'],
    ['/api/commitments?dueFrom=', 'dueFrom'],
    ['/api/commitments?dueTo=', 'dueTo'],
    ['/api/commitments/export.csv?dueFrom=', 'dueFrom'],
    ['/api/feeds/deadlines.ics?dueFrom=', 'dueFrom'],
    ['/api/feeds/deadlines.ics?dueTo=', 'dueTo'],
    ['/api/feeds/changes.atom?dueTo=', 'dueTo'],
    ['/api/audit?from=', 'from'],
    ['/api/audit?to=', 'to'],
  ] as const;

  it.each(reads)('answers 400 naming the parameter for a day before 1900: %s0001-01-02', async (url, field) => {
    const response = await admin.get(`${url}0001-01-02`);
    expectStatus(response, 400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'validation_failed', errors: [{ field, message: RANGE }] });
  });

  it('refuses the reported cases: the dashboard, the list and the export with flag=stale as of 0001-01-02', async () => {
    for (const url of [
      '/api/dashboard/summary?asOf=0001-01-02',
      '/api/commitments?flag=stale&asOf=0001-01-02',
      '/api/commitments/export.csv?flag=stale&asOf=0001-01-02',
    ]) {
      const response = await api.get(url);
      expectStatus(response, 400);
      expect(response.json().errors).toEqual([{ field: 'asOf', message: RANGE }]);
    }
  });

  it('answers the first day of the range, whose staleness cut-off falls ten years earlier', async () => {
    const settings = await admin.json<{ version: number }>('/api/settings');
    expectStatus(await admin.patch('/api/settings', { staleAfterDays: 3650, version: settings.version }), 200);
    for (const url of [
      '/api/dashboard/summary?asOf=1900-01-01',
      '/api/commitments?flag=stale&asOf=1900-01-01',
      '/api/commitments/export.csv?flag=stale&asOf=1900-01-01',
    ]) {
      expectStatus(await api.get(url), 200);
    }
    // Nothing existed then: the commitment is not found as of that day.
    expectStatus(await api.get('/api/commitments/AZ-US-2025-01?asOf=1900-01-01'), 404);
  });

  it('answers the last day of the range for due-date bounds and the audit range', async () => {
    expectStatus(await api.get('/api/commitments?dueFrom=1900-01-01&dueTo=9999-12-31'), 200);
    expectStatus(await api.get('/api/feeds/deadlines.ics?dueTo=9999-12-31'), 200);
    expectStatus(await admin.get('/api/audit?from=1900-01-01&to=9999-12-31'), 200);
  });

  it('still says "YYYY-MM-DD" for text that is not a date, and refuses days after 9999 and five-digit years', async () => {
    const response = await api.get('/api/dashboard/summary?asOf=2025-02-30');
    expectStatus(response, 400);
    expect(response.json().errors).toEqual([{ field: 'asOf', message: 'must be a date in YYYY-MM-DD format' }]);
    const far = await api.get('/api/commitments?dueTo=10000-01-01');
    expectStatus(far, 400);
    expect(far.json().errors).toEqual([{ field: 'dueTo', message: 'must be a date in YYYY-MM-DD format' }]);
  });
});
