import { createHash } from 'node:crypto';
import { ApiTokenEntity } from '@pactwatch/api/auth';
import { AuthHeaders, createUser, signInAs, TestUser } from '../../../support/auth';
import { nestRoutes } from '../../../support/routes';
import { startTestApp, TestApp } from '../../../support/test-app';

describe('personal API tokens', () => {
  let a: TestApp;
  let b: TestApp;
  let user: TestUser;
  let headers: AuthHeaders;

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({ db: a.db, clock: a.clock });
    user = await createUser(a, { role: 'analyst' });
    headers = await signInAs(a, user.email);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  const createToken = async (name: string, scope: 'read' | 'read-write' = 'read-write') => {
    const response = await a.request({ method: 'POST', url: '/api/me/tokens', headers, payload: { name, scope } });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; token: string; prefix: string; name: string };
  };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('shows a new token once and stores only its SHA-256', async () => {
    const created = await createToken('script');
    expect(created.token).toMatch(/^pw_[\w-]{43}$/);
    expect(created.token.startsWith(created.prefix)).toBe(true);
    const row = await a.db.dataSource.getRepository(ApiTokenEntity).findOneByOrFail({ id: created.id });
    expect(row.tokenHash).toBe(createHash('sha256').update(created.token).digest('hex'));
    const list = await a.request({ method: 'GET', url: '/api/me/tokens', headers });
    expect(list.statusCode).toBe(200);
    const listed = list.json().find((token: { id: string }) => token.id === created.id);
    expect(listed).toMatchObject({ name: 'script', prefix: created.prefix, revokedAt: null });
    expect(JSON.stringify(list.json())).not.toContain(created.token);
  });

  it('authenticates Authorization: Bearer as its owner, with the owner’s role, and needs no CSRF token for writes', async () => {
    const { token } = await createToken('bearer');
    const read = await b.request({ method: 'GET', url: '/api/me', headers: bearer(token) });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: user.id, role: 'analyst' });
    const write = await b.request({ method: 'PATCH', url: '/api/me', headers: bearer(token), payload: { displayName: 'Via token' } });
    expect(write.statusCode).toBe(200);
    const adminOnly = await b.request({ method: 'GET', url: '/api/users', headers: bearer(token) });
    expect(adminOnly.statusCode).toBe(403);
  });

  it('stops a revoked token at once, on every instance', async () => {
    const { id, token } = await createToken('to revoke');
    expect((await a.request({ method: 'GET', url: '/api/me', headers: bearer(token) })).statusCode).toBe(200);
    expect((await b.request({ method: 'GET', url: '/api/me', headers: bearer(token) })).statusCode).toBe(200);
    const revoked = await a.request({ method: 'DELETE', url: `/api/me/tokens/${id}`, headers });
    expect(revoked.statusCode).toBe(204);
    for (const t of [a, b]) {
      const response = await t.request({ method: 'GET', url: '/api/me', headers: bearer(token) });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ code: 'unauthenticated' });
    }
    const listed = (await a.request({ method: 'GET', url: '/api/me/tokens', headers })).json().find((t: { id: string }) => t.id === id);
    expect(listed.revokedAt).not.toBeNull();
  });

  it('stops the token and the session of a user disabled behind the API’s back, and works again when re-enabled', async () => {
    const { token } = await createToken('disabled owner');
    await a.db.dataSource.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [user.id]);
    try {
      expect((await a.request({ method: 'GET', url: '/api/me', headers: bearer(token) })).statusCode).toBe(401);
      expect((await a.request({ method: 'GET', url: '/api/me', headers })).statusCode).toBe(401);
    } finally {
      await a.db.dataSource.query(`UPDATE users SET disabled_at = NULL WHERE id = $1`, [user.id]);
    }
    expect((await a.request({ method: 'GET', url: '/api/me', headers: bearer(token) })).statusCode).toBe(200);
  });

  it('names the id when asked to revoke something that is not a token id', async () => {
    const response = await a.request({ method: 'DELETE', url: '/api/me/tokens/not-a-uuid', headers });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'id', message: 'must be a token id' }] });
  });

  it('refuses an unknown bearer token with 401, even on a public route', async () => {
    const response = await a.request({ method: 'GET', url: '/api/auth/session', headers: bearer('pw_not-a-real-token') });
    expect(response.statusCode).toBe(401);
  });

  it('does not let a token mint more tokens or change the password', async () => {
    const { token } = await createToken('limited');
    const mint = await a.request({
      method: 'POST',
      url: '/api/me/tokens',
      headers: bearer(token),
      payload: { name: 'more', scope: 'read' },
    });
    expect(mint.statusCode).toBe(403);
    const password = await a.request({
      method: 'POST',
      url: '/api/auth/password',
      headers: bearer(token),
      payload: { currentPassword: 'x', newPassword: 'yyyyyyyyyyyy' },
    });
    expect(password.statusCode).toBe(403);
  });

  it('cannot revoke someone else’s token', async () => {
    const { id } = await createToken('mine');
    const other = await createUser(a);
    const otherHeaders = await signInAs(a, other.email);
    const response = await a.request({ method: 'DELETE', url: `/api/me/tokens/${id}`, headers: otherHeaders });
    expect(response.statusCode).toBe(404);
  });

  it('refuses a token in the URL outside the feeds with 403', async () => {
    const { token } = await createToken('url elsewhere');
    const response = await a.request({ method: 'GET', url: `/api/me?token=${token}` });
    expect(response.statusCode).toBe(403);
  });

  it('refuses an API token in the URL of every feed (token) route: feeds take feed links only', async () => {
    const feeds = nestRoutes(a.app).filter((route) => route.rule === 'token' && route.method === 'GET');
    expect(feeds.length).toBeGreaterThanOrEqual(2);
    const { token } = await createToken('calendar');
    for (const feed of feeds) {
      const url = feed.url.replace(/:[A-Za-z]\w*/g, 'x');
      expect((await a.request({ method: 'GET', url })).statusCode).toBe(401);
      expect((await a.request({ method: 'GET', url: `${url}?token=${token}` })).statusCode).toBe(401);
    }
  });
});
