import { createHash } from 'node:crypto';
import { SessionEntity } from '@pactwatch/api/auth';
import { anonymousHeaders, createUser, setCookie, signInAs, TEST_PASSWORD } from '../../../support/auth';
import { PRODUCTION_SESSIONS, startTestApp, TestApp } from '../../../support/test-app';

const HOUR = 3_600_000;
const anonymousHeadersFrom = (xsrf: string) => ({ cookie: `XSRF-TOKEN=${xsrf}`, 'x-xsrf-token': xsrf });
const me = (t: TestApp, headers: Record<string, string>) => t.request({ method: 'GET', url: '/api/me', headers });

describe('sessions', () => {
  describe('on one instance', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ env: PRODUCTION_SESSIONS });
    });
    afterAll(() => t.close());

    it('sets an httpOnly, SameSite=Lax session cookie and a script-readable XSRF-TOKEN cookie at sign-in', async () => {
      const user = await createUser(t);
      const anonymous = await anonymousHeaders(t);
      const response = await t.request({
        method: 'POST',
        url: '/api/auth/login',
        headers: anonymous,
        payload: { email: user.email, password: TEST_PASSWORD },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ id: user.id, email: user.email, role: 'viewer' });
      const session = response.cookies.find((cookie) => cookie.name === 'pactwatch_session');
      const xsrf = response.cookies.find((cookie) => cookie.name === 'XSRF-TOKEN');
      expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(session?.secure).toBeFalsy();
      expect(xsrf?.httpOnly).toBeFalsy();
      expect(xsrf).toMatchObject({ sameSite: 'Lax', path: '/' });
    });

    it('stores only a SHA-256 of the session id', async () => {
      const user = await createUser(t);
      const headers = await signInAs(t, user.email);
      const token = /pactwatch_session=([^;]+)/.exec(headers['cookie'])?.[1] ?? '';
      const rows = await t.db.dataSource.getRepository(SessionEntity).findBy({ userId: user.id });
      expect(rows).toHaveLength(1);
      expect(rows[0].tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
      expect(JSON.stringify(rows[0])).not.toContain(token);
    });

    it('replaces the session with a new id at sign-in (no session fixation)', async () => {
      const user = await createUser(t);
      const first = await signInAs(t, user.email);
      const response = await t.request({
        method: 'POST',
        url: '/api/auth/login',
        headers: first,
        payload: { email: user.email, password: TEST_PASSWORD },
      });
      expect(response.statusCode).toBe(200);
      const second = setCookie(response, 'pactwatch_session');
      expect(second).toBeDefined();
      expect(first['cookie']).not.toContain(second as string);
      expect((await me(t, first)).statusCode).toBe(401);
      expect((await me(t, { cookie: `pactwatch_session=${second}` })).statusCode).toBe(200);
    });

    it('deletes the session at sign-out, so the cookie stops working', async () => {
      const user = await createUser(t);
      const headers = await signInAs(t, user.email);
      const response = await t.request({ method: 'POST', url: '/api/auth/logout', headers });
      expect(response.statusCode).toBe(204);
      expect(await t.db.dataSource.getRepository(SessionEntity).countBy({ userId: user.id })).toBe(0);
      expect((await me(t, headers)).statusCode).toBe(401);
    });

    it('ends a viewer’s session after 2 hours without a request (SESSION_IDLE_MINUTES)', async () => {
      const user = await createUser(t);
      const headers = await signInAs(t, user.email);
      t.clock.advance(2 * HOUR - 1000);
      expect((await me(t, headers)).statusCode).toBe(200);
      t.clock.advance(2 * HOUR + 1000);
      const response = await me(t, headers);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ code: 'unauthenticated' });
    });

    it('ends an admin’s session after 30 minutes without a request (SESSION_ADMIN_IDLE_MINUTES)', async () => {
      const admin = await createUser(t, { role: 'admin' });
      const headers = await signInAs(t, admin.email);
      t.clock.advance(29 * 60_000);
      expect((await me(t, headers)).statusCode).toBe(200);
      t.clock.advance(31 * 60_000);
      expect((await me(t, headers)).statusCode).toBe(401);
    });

    it('ends a session 12 hours after sign-in however active it is (SESSION_ABSOLUTE_HOURS)', async () => {
      const user = await createUser(t);
      const headers = await signInAs(t, user.email);
      for (let minutes = 100; minutes < 12 * 60; minutes += 100) {
        t.clock.advance(100 * 60_000);
        expect((await me(t, headers)).statusCode).toBe(200);
      }
      t.clock.advance(100 * 60_000);
      expect((await me(t, headers)).statusCode).toBe(401);
    });

    it('follows the configured lifetimes', async () => {
      const short = await startTestApp({ db: t.db, clock: t.clock, env: { ...PRODUCTION_SESSIONS, SESSION_IDLE_MINUTES: '10' } });
      try {
        const user = await createUser(t);
        const headers = await signInAs(short, user.email);
        t.clock.advance(11 * 60_000);
        expect((await me(short, headers)).statusCode).toBe(401);
      } finally {
        await short.close();
      }
    });

    it('ends every session of a user an admin disables, at once', async () => {
      const user = await createUser(t);
      const admin = await createUser(t, { role: 'admin' });
      const headers = await signInAs(t, user.email);
      const adminHeaders = await signInAs(t, admin.email);
      const version = (await t.request({ method: 'GET', url: '/api/users', headers: adminHeaders }))
        .json()
        .find((u: { id: string }) => u.id === user.id).version;
      const disabled = await t.request({
        method: 'PATCH',
        url: `/api/users/${user.id}`,
        headers: adminHeaders,
        payload: { disabled: true, version },
      });
      expect(disabled.statusCode).toBe(200);
      expect((await me(t, headers)).statusCode).toBe(401);
    });

    it('marks the cookies Secure when PUBLIC_URL is https', async () => {
      const secure = await startTestApp({
        db: t.db,
        clock: t.clock,
        env: { ...PRODUCTION_SESSIONS, PUBLIC_URL: 'https://pactwatch.example.org' },
      });
      try {
        const user = await createUser(t);
        const anonymous = await anonymousHeaders(secure);
        const response = await secure.request({
          method: 'POST',
          url: '/api/auth/login',
          headers: anonymous,
          payload: { email: user.email, password: TEST_PASSWORD },
        });
        expect(response.statusCode).toBe(200);
        for (const cookie of response.cookies) expect(cookie.secure).toBe(true);
        // The __Host- prefix: browsers take it only with Secure, Path=/ and no Domain, so no subdomain can plant it.
        const session = response.cookies.find((cookie) => cookie.name === '__Host-pactwatch_session');
        expect(session).toMatchObject({ httpOnly: true, path: '/', secure: true });
        expect(session?.domain).toBeUndefined();
        expect(response.cookies.find((cookie) => cookie.name === 'pactwatch_session')).toBeUndefined();
        const token = session?.value as string;
        expect((await me(secure, { cookie: `__Host-pactwatch_session=${token}` })).statusCode).toBe(200);
        expect((await me(secure, { cookie: `pactwatch_session=${token}` })).statusCode).toBe(401);
      } finally {
        await secure.close();
      }
    });
    it('uses the __Host- cookie for a request that came over https through a trusted proxy', async () => {
      const proxied = await startTestApp({ db: t.db, clock: t.clock, env: { ...PRODUCTION_SESSIONS, TRUST_PROXY: 'true' } });
      try {
        const user = await createUser(t);
        const https = { 'x-forwarded-proto': 'https' };
        const session = await proxied.request({ method: 'GET', url: '/api/auth/session', headers: https });
        const xsrf = session.cookies.find((cookie) => cookie.name === 'XSRF-TOKEN')?.value as string;
        const response = await proxied.request({
          method: 'POST',
          url: '/api/auth/login',
          headers: { ...https, cookie: `XSRF-TOKEN=${xsrf}`, 'x-xsrf-token': xsrf },
          payload: { email: user.email, password: TEST_PASSWORD },
        });
        expect(response.statusCode).toBe(200);
        expect(response.cookies.find((cookie) => cookie.name === '__Host-pactwatch_session')).toMatchObject({ secure: true, path: '/' });
        const plain = await proxied.request({
          method: 'POST',
          url: '/api/auth/login',
          headers: anonymousHeadersFrom(xsrf),
          payload: { email: user.email, password: TEST_PASSWORD },
        });
        expect(plain.cookies.map((cookie) => cookie.name)).toContain('pactwatch_session');
      } finally {
        await proxied.close();
      }
    });
  });

  describe('across processes', () => {
    it('keeps a session working after the API restarts', async () => {
      const first = await startTestApp();
      try {
        const user = await createUser(first);
        const headers = await signInAs(first, user.email);
        expect((await me(first, headers)).statusCode).toBe(200);
        await first.stop();

        const restarted = await startTestApp({ db: first.db, clock: first.clock });
        try {
          const response = await me(restarted, headers);
          expect(response.statusCode).toBe(200);
          expect(response.json()).toMatchObject({ id: user.id });
        } finally {
          await restarted.close();
        }
      } finally {
        await first.close();
      }
    });

    it('accepts a session made on one instance on a second instance sharing the database, and signs out everywhere', async () => {
      const a = await startTestApp();
      const b = await startTestApp({ db: a.db, clock: a.clock });
      try {
        const user = await createUser(a);
        const headers = await signInAs(a, user.email);
        const onB = await me(b, headers);
        expect(onB.statusCode).toBe(200);
        expect(onB.json()).toMatchObject({ id: user.id });
        // A write on B with the CSRF token A issued.
        const renamed = await b.request({ method: 'PATCH', url: '/api/me', headers, payload: { displayName: 'Renamed on B' } });
        expect(renamed.statusCode).toBe(200);

        expect((await b.request({ method: 'POST', url: '/api/auth/logout', headers })).statusCode).toBe(204);
        expect((await me(a, headers)).statusCode).toBe(401);
      } finally {
        await b.close();
        await a.close();
      }
    });
  });
});
