import { createUser, setCookie, signInAs, TEST_PASSWORD } from '../../../support/auth';
import { startTestApp, TestApp } from '../../../support/test-app';

describe('security headers and CSRF', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('sends a Content-Security-Policy that allows scripts from this origin only', async () => {
    const response = await t.request({ method: 'GET', url: '/api/health' });
    const csp = String(response.headers['content-security-policy'] ?? '');
    const directives = Object.fromEntries(
      csp
        .split(';')
        .map((part) => part.trim().split(/\s+/))
        .filter((words) => words[0])
        .map(([name, ...values]) => [name, values]),
    );
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
  });

  it('sends the other hardening headers', async () => {
    const response = await t.request({ method: 'GET', url: '/api/auth/session' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['x-frame-options']).toBe('DENY');
  });

  it('hands an anonymous visitor a readable XSRF-TOKEN cookie on GET /api/auth/session', async () => {
    const response = await t.request({ method: 'GET', url: '/api/auth/session' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ user: null, publicPortal: false, workspaceName: 'Pactwatch', timeZone: 'UTC' });
    const xsrf = response.cookies.find((cookie) => cookie.name === 'XSRF-TOKEN');
    expect(xsrf?.value).toMatch(/^[\w-]{40,}$/);
    expect(xsrf?.httpOnly).toBeFalsy();
    // A visitor that already holds one keeps it.
    const again = await t.request({ method: 'GET', url: '/api/auth/session', headers: { cookie: `XSRF-TOKEN=${xsrf?.value}` } });
    expect(again.cookies).toEqual([]);
  });

  it('sets no cookie on other anonymous reads, so API clients are not handed one per request', async () => {
    const response = await t.request({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.cookies).toEqual([]);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a cookie-authenticated write without the X-XSRF-TOKEN header', async () => {
    const user = await createUser(t);
    const headers = await signInAs(t, user.email);
    const response = await t.request({
      method: 'PATCH',
      url: '/api/me',
      headers: { cookie: headers['cookie'] },
      payload: { displayName: 'Forged' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'csrf_failed' });
  });

  it('refuses a write whose CSRF pair was planted rather than issued for the session', async () => {
    const user = await createUser(t);
    const headers = await signInAs(t, user.email);
    const session = /pactwatch_session=[^;]+/.exec(headers['cookie'])?.[0];
    const planted = 'attacker-chosen-token-attacker-chosen-token';
    const response = await t.request({
      method: 'PATCH',
      url: '/api/me',
      headers: { cookie: `${session}; XSRF-TOKEN=${planted}`, 'x-xsrf-token': planted },
      payload: { displayName: 'Forged' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'csrf_failed' });
  });

  it('accepts a cookie-authenticated write that echoes the session’s XSRF token', async () => {
    const user = await createUser(t);
    const headers = await signInAs(t, user.email);
    const response = await t.request({ method: 'PATCH', url: '/api/me', headers, payload: { displayName: 'Genuine' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ displayName: 'Genuine' });
  });

  it('requires the CSRF pair for sign-in too, so a forged form cannot sign a victim into another account', async () => {
    const user = await createUser(t);
    const response = await t.request({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: TEST_PASSWORD } });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'csrf_failed' });
    expect(setCookie(response, 'pactwatch_session')).toBeUndefined();
  });

  it('re-issues the session’s XSRF cookie on a read when the browser lost it', async () => {
    const user = await createUser(t);
    const headers = await signInAs(t, user.email);
    const session = /pactwatch_session=[^;]+/.exec(headers['cookie'])?.[0] as string;
    const response = await t.request({ method: 'GET', url: '/api/auth/session', headers: { cookie: session } });
    expect(setCookie(response, 'XSRF-TOKEN')).toBe(headers['x-xsrf-token']);
  });
});
