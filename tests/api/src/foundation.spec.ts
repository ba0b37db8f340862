import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startTestApp, TestApp } from '../../support/test-app';

describe('foundation slice', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ demo: true, now: '2026-01-15T09:00:00Z', users: ['viewer'] });
  });
  afterAll(() => t.close());

  it('reports the database up on /api/health', async () => {
    const response = await t.request({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json().info.database.status).toBe('up');
  });

  it('lists the Strategic Partnership Charter due six months after the MoU was signed', async () => {
    const response = await t.request({ method: 'GET', url: '/api/commitments', headers: t.headers.viewer });
    expect(response.statusCode).toBe(200);
    const charter = response.json().items.find((c: { refCode: string }) => c.refCode === 'AZ-US-2025-01');
    expect(charter).toMatchObject({
      dueDate: '2026-02-08',
      deadline: { kind: 'relative', duration: 'P6M' },
      deadlineText: '6 months after MoU signed (8 Aug 2025) → 8 Feb 2026',
      status: 'in_progress',
    });
    // On 15 January 2026 the Charter is 24 days away.
    expect(charter.flags).toContain('upcoming');
  });

  it('answers unknown API paths with a problem+json 404', async () => {
    const response = await t.request({ method: 'GET', url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('compresses answers for clients that accept it, and leaves small ones and other clients alone', async () => {
    const get = (encoding?: string) =>
      t.request({
        method: 'GET',
        url: '/api/commitments',
        headers: { ...t.headers.viewer, ...(encoding ? { 'accept-encoding': encoding } : {}) },
      });
    const plain = await get();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(1024);
    const brotli = await get('gzip, deflate, br, zstd');
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['vary']).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(brotli.rawPayload).toString()).toBe(plain.body);
    const gzip = await get('gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(plain.body);

    const small = await t.request({ method: 'GET', url: '/api/health/live', headers: { 'accept-encoding': 'br' } });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json()).toEqual({ status: 'ok' });
  });
});
