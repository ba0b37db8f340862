import { createHash } from 'node:crypto';
import { FeedTokenEntity } from '@pactwatch/api/auth';
import type { CreatedApiTokenDto, CreatedFeedTokenDto, FeedTokenDto } from '@pactwatch/shared/contracts';
import { AuthHeaders, createUser, signInAs, TestUser } from '../../../support/auth';
import { PRODUCTION_SESSIONS, startTestApp, TestApp } from '../../../support/test-app';

const DAY = 86_400_000;

describe('feed tokens and API token scopes', () => {
  let t: TestApp;
  let admin: TestUser;
  let adminSession: AuthHeaders;

  beforeAll(async () => {
    t = await startTestApp({ demo: true, env: { ...PRODUCTION_SESSIONS, PUBLIC_URL: 'https://pactwatch.example.org' } });
    admin = await createUser(t, { role: 'admin' });
    adminSession = await signInAs(t, admin.email);
  });
  afterAll(() => t.close());

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const feedToken = async (payload: object, headers = adminSession): Promise<CreatedFeedTokenDto> => {
    const response = await t.request({ method: 'POST', url: '/api/me/feed-tokens', headers, payload });
    expect(response.statusCode).toBe(201);
    return response.json();
  };
  const apiToken = async (scope: 'read' | 'read-write', extra: object = {}, headers = adminSession): Promise<CreatedApiTokenDto> => {
    const response = await t.request({
      method: 'POST',
      url: '/api/me/tokens',
      headers,
      payload: { name: `${scope} script`, scope, ...extra },
    });
    expect(response.statusCode).toBe(201);
    return response.json();
  };
  const newAdmin = () => ({ email: `made-${Math.random().toString(36).slice(2)}@example.org`, displayName: 'Made', role: 'admin' });

  describe('an admin’s feed token', () => {
    let feed: CreatedFeedTokenDto;
    beforeAll(async () => {
      feed = await feedToken({ name: 'Outlook', feed: 'deadlines', filter: { area: 'energy' } });
    });

    it('is a token of its own kind, stored as a SHA-256, with its feed and filter', async () => {
      expect(feed.token).toMatch(/^pwf_[\w-]{43}$/);
      expect(feed).toMatchObject({ feed: 'deadlines', filter: { area: 'energy' }, expiresAt: null, revokedAt: null });
      expect(feed.url).toBe(`https://pactwatch.example.org/api/feeds/deadlines.ics?area=energy&token=${feed.token}`);
      const row = await t.db.dataSource.getRepository(FeedTokenEntity).findOneByOrFail({ id: feed.id });
      expect(row.tokenHash).toBe(createHash('sha256').update(feed.token).digest('hex'));
    });

    it('reads its calendar, with its filter, from the URL it was given', async () => {
      const response = await t.request({ method: 'GET', url: feed.url.replace('https://pactwatch.example.org', '') });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
      const short = await t.request({ method: 'GET', url: `/api/feeds/deadlines.ics?token=${feed.token}` });
      expect(short.body).toBe(response.body);
    });

    it('cannot read another filter or another feed', async () => {
      const other = await t.request({ method: 'GET', url: `/api/feeds/deadlines.ics?area=trade&token=${feed.token}` });
      expect(other.statusCode).toBe(403);
      const atom = await t.request({ method: 'GET', url: `/api/feeds/changes.atom?token=${feed.token}` });
      expect(atom.statusCode).toBe(403);
    });

    it('cannot create an admin, change settings or read the audit log as a bearer token (the reviewed attack)', async () => {
      const created = await t.request({
        method: 'POST',
        url: '/api/users',
        headers: bearer(feed.token),
        payload: { ...newAdmin(), password: 'a strong enough passphrase' },
      });
      expect(created.statusCode).toBe(403);
      expect(created.json()).toMatchObject({ code: 'forbidden' });
      expect(
        (
          await t.request({
            method: 'PATCH',
            url: '/api/settings',
            headers: bearer(feed.token),
            payload: { workspaceName: 'x', version: 0 },
          })
        ).statusCode,
      ).toBe(403);
      expect((await t.request({ method: 'GET', url: '/api/audit', headers: bearer(feed.token) })).statusCode).toBe(403);
      expect((await t.request({ method: 'GET', url: '/api/feeds/deadlines.ics', headers: bearer(feed.token) })).statusCode).toBe(403);
    });

    it('is refused in the URL of every route that is not a feed', async () => {
      for (const url of ['/api/users', '/api/audit', '/api/me', '/api/commitments', '/api/settings']) {
        expect((await t.request({ method: 'GET', url: `${url}?token=${feed.token}` })).statusCode).toBe(403);
      }
      const post = await t.request({ method: 'POST', url: `/api/users?token=${feed.token}`, payload: newAdmin() });
      expect(post.statusCode).toBe(403);
    });

    it('is listed apart from API tokens, and revoked on its own', async () => {
      const other = await feedToken({ name: 'Second', feed: 'changes' });
      const script = await apiToken('read');
      const feeds = (await t.request({ method: 'GET', url: '/api/me/feed-tokens', headers: adminSession })).json() as FeedTokenDto[];
      expect(feeds.map((f) => f.id)).toEqual(expect.arrayContaining([feed.id, other.id]));
      expect(feeds.map((f) => f.id)).not.toContain(script.id);
      expect(JSON.stringify(feeds)).not.toContain(other.token);
      const apis = (await t.request({ method: 'GET', url: '/api/me/tokens', headers: adminSession })).json() as { id: string }[];
      expect(apis.map((a) => a.id)).not.toContain(other.id);

      expect((await t.request({ method: 'DELETE', url: `/api/me/feed-tokens/${other.id}`, headers: adminSession })).statusCode).toBe(204);
      expect((await t.request({ method: 'GET', url: `/api/feeds/changes.atom?token=${other.token}` })).statusCode).toBe(401);
      expect((await t.request({ method: 'GET', url: `/api/feeds/deadlines.ics?area=energy&token=${feed.token}` })).statusCode).toBe(200);
      expect((await t.request({ method: 'GET', url: '/api/me', headers: bearer(script.token) })).statusCode).toBe(200);
    });
  });

  it('cannot be made with a token, only with a session', async () => {
    const script = await apiToken('read-write');
    const response = await t.request({
      method: 'POST',
      url: '/api/me/feed-tokens',
      headers: bearer(script.token),
      payload: { name: 'via script', feed: 'deadlines' },
    });
    expect(response.statusCode).toBe(403);
  });

  it.each([
    [{ name: 'x', feed: 'weekly' }, 'feed'],
    [{ name: 'x', feed: 'deadlines', filter: { flag: 'someday' } }, 'filter.flag'],
    [{ name: 'x', feed: 'deadlines', filter: { colour: 'red' } }, 'filter.colour'],
    [{ name: 'x', feed: 'deadlines', filter: { dueFrom: '2026-02-30' } }, 'filter.dueFrom'],
    [{ name: 'x', feed: 'deadlines', expiresInDays: 7 }, 'expiresInDays'],
    [{ name: '\u200B\u200B', feed: 'deadlines' }, 'name'],
  ])('refuses a feed link %j with 400 naming %s, and stores nothing', async (payload, field) => {
    const before = await t.db.dataSource.getRepository(FeedTokenEntity).count();
    const response = await t.request({ method: 'POST', url: '/api/me/feed-tokens', headers: adminSession, payload });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(await t.db.dataSource.getRepository(FeedTokenEntity).count()).toBe(before);
  });

  describe('API token scopes', () => {
    it('lets a read-scope token read but refuses every write with 403', async () => {
      const { token } = await apiToken('read');
      expect((await t.request({ method: 'GET', url: '/api/commitments', headers: bearer(token) })).statusCode).toBe(200);
      expect((await t.request({ method: 'GET', url: '/api/users', headers: bearer(token) })).statusCode).toBe(200);
      const writes = [
        { method: 'PATCH', url: '/api/me', payload: { displayName: 'Read only' } },
        { method: 'POST', url: '/api/agreements', payload: { title: 'Via read token', kind: 'mou' } },
        { method: 'PATCH', url: '/api/settings', payload: { workspaceName: 'Nope', version: 1 } },
      ] as const;
      for (const write of writes) {
        const response = await t.request({ ...write, headers: bearer(token) });
        expect(response.statusCode).toBe(403);
        expect(response.json().detail).toContain('read-only');
      }
    });

    it('lets a read-write token write what its role allows, but never create users, change roles or mint tokens', async () => {
      const { token } = await apiToken('read-write');
      const agreement = await t.request({
        method: 'POST',
        url: '/api/agreements',
        headers: bearer(token),
        payload: { title: 'Via read-write token', kind: 'mou' },
      });
      expect(agreement.statusCode).toBe(201);
      const user = await t.request({ method: 'POST', url: '/api/users', headers: bearer(token), payload: newAdmin() });
      expect(user.statusCode).toBe(403);
      const viewer = await createUser(t, { role: 'viewer' });
      const promote = await t.request({
        method: 'PATCH',
        url: `/api/users/${viewer.id}`,
        headers: bearer(token),
        payload: { role: 'admin', version: 1 },
      });
      expect(promote.statusCode).toBe(403);
      const mint = await t.request({
        method: 'POST',
        url: '/api/me/tokens',
        headers: bearer(token),
        payload: { name: 'more', scope: 'read' },
      });
      expect(mint.statusCode).toBe(403);
    });

    it('requires a scope at creation, naming the choices', async () => {
      const missing = await t.request({ method: 'POST', url: '/api/me/tokens', headers: adminSession, payload: { name: 'no scope' } });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().errors).toEqual([{ field: 'scope', message: 'is required' }]);
      const unknown = await t.request({
        method: 'POST',
        url: '/api/me/tokens',
        headers: adminSession,
        payload: { name: 'x', scope: 'admin' },
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().errors).toEqual([{ field: 'scope', message: 'must be one of read, read-write' }]);
    });
  });

  describe('expiry', () => {
    it('ends an API token and a feed link after the days chosen at creation', async () => {
      const script = await apiToken('read', { expiresInDays: 30 });
      const feed = await feedToken({ name: 'Month', feed: 'deadlines', expiresInDays: 30 });
      expect(Date.parse(script.expiresAt as string) - Date.parse(script.createdAt)).toBe(30 * DAY);
      expect(Date.parse(feed.expiresAt as string) - Date.parse(feed.createdAt)).toBe(30 * DAY);
      const forever = await apiToken('read', { expiresInDays: null });
      expect(forever.expiresAt).toBeNull();

      t.clock.advance(30 * DAY - 60_000);
      expect((await t.request({ method: 'GET', url: '/api/commitments', headers: bearer(script.token) })).statusCode).toBe(200);
      expect((await t.request({ method: 'GET', url: `/api/feeds/deadlines.ics?token=${feed.token}` })).statusCode).toBe(200);
      t.clock.advance(2 * 60_000);
      expect((await t.request({ method: 'GET', url: '/api/commitments', headers: bearer(script.token) })).statusCode).toBe(401);
      expect((await t.request({ method: 'GET', url: `/api/feeds/deadlines.ics?token=${feed.token}` })).statusCode).toBe(401);
      expect((await t.request({ method: 'GET', url: '/api/commitments', headers: bearer(forever.token) })).statusCode).toBe(200);
      // Sessions are short; sign in again after moving the clock.
      adminSession = await signInAs(t, admin.email);
    });
  });

  describe('lifecycle', () => {
    const credentialsOf = async (user: TestUser) => {
      const session = await signInAs(t, user.email);
      return { session, script: await apiToken('read', {}, session), feed: await feedToken({ name: 'Cal', feed: 'deadlines' }, session) };
    };
    const works = async (credentials: { script: CreatedApiTokenDto; feed: CreatedFeedTokenDto }) => [
      (await t.request({ method: 'GET', url: '/api/me', headers: bearer(credentials.script.token) })).statusCode,
      (await t.request({ method: 'GET', url: `/api/feeds/deadlines.ics?token=${credentials.feed.token}` })).statusCode,
    ];

    it('revokes every API token and feed link of a user who resets their password', async () => {
      const user = await createUser(t, { role: 'analyst' });
      const credentials = await credentialsOf(user);
      expect(await works(credentials)).toEqual([200, 200]);
      const anonymous = (await t.request({ method: 'GET', url: '/api/auth/session' })).cookies.find((c) => c.name === 'XSRF-TOKEN')?.value;
      const headers = { cookie: `XSRF-TOKEN=${anonymous}`, 'x-xsrf-token': anonymous as string };
      await t.request({ method: 'POST', url: '/api/auth/password-reset/request', headers, payload: { email: user.email } });
      const [mail] = await t.db.dataSource.query(`SELECT text FROM mail_outbox WHERE recipient = $1`, [user.email]);
      const token = /reset-password\?token=([\w-]+)/.exec(mail.text)?.[1];
      const reset = await t.request({
        method: 'POST',
        url: '/api/auth/password-reset/confirm',
        headers,
        payload: { token, newPassword: 'a fresh passphrase after reset' },
      });
      expect(reset.statusCode).toBe(204);
      expect(await works(credentials)).toEqual([401, 401]);
      const listed = (
        await t.request({ method: 'GET', url: '/api/me/tokens', headers: await signInAs(t, user.email, 'a fresh passphrase after reset') })
      ).json();
      expect(listed.find((x: { id: string }) => x.id === credentials.script.id).revokedAt).not.toBeNull();
    });

    it('revokes them when an admin disables the user, and enabling the user again does not bring them back', async () => {
      const user = await createUser(t, { role: 'viewer' });
      const credentials = await credentialsOf(user);
      expect(await works(credentials)).toEqual([200, 200]);
      const version = () =>
        t
          .request({ method: 'GET', url: '/api/users', headers: adminSession })
          .then((r) => r.json().find((u: { id: string }) => u.id === user.id).version);
      const patch = async (disabled: boolean) =>
        t.request({
          method: 'PATCH',
          url: `/api/users/${user.id}`,
          headers: adminSession,
          payload: { disabled, version: await version() },
        });
      expect((await patch(true)).statusCode).toBe(200);
      expect(await works(credentials)).toEqual([401, 401]);
      expect((await patch(false)).statusCode).toBe(200);
      expect(await works(credentials)).toEqual([401, 401]);
    });
  });

  describe('Cache-Control', () => {
    it('sends no-store on every API answer behind a session or a token', async () => {
      const { token } = await apiToken('read');
      for (const url of ['/api/me/tokens', '/api/me/feed-tokens', '/api/users', '/api/audit', '/api/commitments', '/api/me']) {
        for (const headers of [adminSession, bearer(token)]) {
          const response = await t.request({ method: 'GET', url, headers });
          expect([url, response.statusCode, response.headers['cache-control']]).toEqual([url, 200, 'no-store']);
        }
      }
      const refused = await t.request({ method: 'GET', url: '/api/users', headers: bearer('pw_unknown') });
      expect(refused.headers['cache-control']).toBe('no-store');
    });

    it('keeps `private, no-cache` on the feeds, so calendar apps revalidate with their ETag', async () => {
      const feed = await feedToken({ name: 'Cache', feed: 'deadlines' });
      const response = await t.request({ method: 'GET', url: `/api/feeds/deadlines.ics?token=${feed.token}` });
      expect(response.headers['cache-control']).toBe('private, no-cache');
    });
  });
});
