import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../../../support/test-app';
import { expectStatus } from './fixtures';

/** Overload is not an outage: waiting too long for a pooled connection says "busy", not "the database is unavailable". */
describe('a server whose database connections are all busy', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ demo: true, publicPortal: true, env: { DATABASE_POOL_SIZE: '1' } });
  });
  afterAll(() => t.close());

  it('answers 503 server_busy with a short Retry-After while no connection frees up, then serves again', async () => {
    const held = t.app.get(DataSource).query('SELECT pg_sleep(4)');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const response = await t.request({ method: 'GET', url: '/api/dashboard/summary' });
    expectStatus(response, 503);
    expect(response.json()).toMatchObject({ code: 'server_busy', detail: 'The server is busy. Try again in a moment.' });
    expect(response.headers['retry-after']).toBe('1');
    await held;
    expectStatus(await t.request({ method: 'GET', url: '/api/dashboard/summary' }), 200);
  });
});
