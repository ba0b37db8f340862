import { LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_IP } from '@pactwatch/api/auth';
import { anonymousHeaders, AuthHeaders, createUser, TEST_PASSWORD } from '../../../support/auth';
import { startTestApp, TestApp } from '../../../support/test-app';

const login = (t: TestApp, headers: AuthHeaders, email: string, password: string, remoteAddress = '198.51.100.10') =>
  t.request({ method: 'POST', url: '/api/auth/login', headers, payload: { email, password }, remoteAddress });

describe('sign-in: errors and throttling', () => {
  let a: TestApp;
  let b: TestApp;
  let headersA: AuthHeaders;
  let headersB: AuthHeaders;

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({ db: a.db, clock: a.clock });
    headersA = await anonymousHeaders(a);
    headersB = await anonymousHeaders(b);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('refuses the 11th wrong password within a minute with 429 and Retry-After, counting both instances together', async () => {
    const user = await createUser(a);
    expect(LOGIN_FAILURES_PER_ACCOUNT).toBe(10);
    for (let attempt = 1; attempt <= 10; attempt++) {
      const [t, headers] = attempt % 2 ? [a, headersA] : [b, headersB];
      const response = await login(t, headers, user.email, `wrong-${attempt}`);
      expect(response.statusCode).toBe(401);
    }
    const eleventh = await login(a, headersA, user.email, 'wrong-11');
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.json()).toMatchObject({ code: 'throttled' });
    expect(Number(eleventh.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(eleventh.headers['retry-after'])).toBeLessThanOrEqual(60);

    // Even the right password waits, on either instance.
    expect((await login(b, headersB, user.email, TEST_PASSWORD)).statusCode).toBe(429);

    a.clock.advance(61_000);
    expect((await login(b, headersB, user.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('lets at most ten of a burst of concurrent wrong passwords on two instances be checked', async () => {
    const user = await createUser(a);
    const responses = await Promise.all(
      Array.from({ length: 16 }, (_, i) => login(i % 2 ? a : b, i % 2 ? headersA : headersB, user.email, `burst-${i}`, '198.51.100.11')),
    );
    const statuses = responses.map((response) => response.statusCode);
    // Racing callers may refuse each other conservatively, but never let more than ten through.
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((status) => status === 401 || status === 429)).toHaveLength(16);
    a.clock.advance(61_000);
  }, 60_000);

  it('forgives an account’s failures once the right password is given', async () => {
    const user = await createUser(a);
    for (let attempt = 0; attempt < 9; attempt++) expect((await login(a, headersA, user.email, 'nope')).statusCode).toBe(401);
    expect((await login(a, headersA, user.email, TEST_PASSWORD)).statusCode).toBe(200);
    for (let attempt = 0; attempt < 9; attempt++) expect((await login(a, headersA, user.email, 'nope')).statusCode).toBe(401);
    a.clock.advance(61_000);
  });

  it('also limits one client address guessing across many accounts', async () => {
    const ip = '203.0.113.77';
    for (let attempt = 0; attempt < LOGIN_FAILURES_PER_IP; attempt++) {
      const response = await login(attempt % 2 ? a : b, attempt % 2 ? headersA : headersB, `nobody-${attempt}@example.org`, 'guess', ip);
      expect(response.statusCode).toBe(401);
    }
    const user = await createUser(a);
    expect((await login(a, headersA, user.email, TEST_PASSWORD, ip)).statusCode).toBe(429);
    expect((await login(a, headersA, user.email, TEST_PASSWORD, '203.0.113.78')).statusCode).toBe(200);
    a.clock.advance(61_000);
  }, 120_000);

  it('counts a client by its own address, whatever X-Forwarded-For it sends, unless TRUST_PROXY says otherwise', async () => {
    const ip = '203.0.113.90';
    for (let attempt = 0; attempt < LOGIN_FAILURES_PER_IP; attempt++) {
      const headers = { ...headersA, 'x-forwarded-for': `192.0.2.${attempt + 1}` };
      expect((await login(a, headers, `forged-${attempt}@example.org`, 'guess', ip)).statusCode).toBe(401);
    }
    const forged = { ...headersA, 'x-forwarded-for': '192.0.2.200' };
    expect((await login(a, forged, `forged-last@example.org`, 'guess', ip)).statusCode).toBe(429);
    a.clock.advance(61_000);
  }, 120_000);

  it('answers an unknown email and a wrong password with the same 401', async () => {
    const user = await createUser(a);
    const wrongPassword = await login(a, headersA, user.email, 'not the password');
    const unknownEmail = await login(a, headersA, 'no-such-user@example.org', 'not the password');
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownEmail.statusCode).toBe(401);
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(strip(unknownEmail.json())).toEqual(strip(wrongPassword.json()));
    expect(wrongPassword.json()).toMatchObject({ code: 'invalid_credentials', detail: 'The email or password is incorrect' });
  });

  it('answers a disabled account’s correct password with the same 401', async () => {
    const user = await createUser(a);
    await a.db.dataSource.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [user.id]);
    const response = await login(a, headersA, user.email, TEST_PASSWORD);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'invalid_credentials' });
  });

  it.each([
    ['no body', undefined],
    ['a missing password', { email: 'someone@example.org' }],
    ['an email that is not a string', { email: 42, password: 'x' }],
    ['an email without @', { email: 'someone', password: 'x' }],
    ['an unknown field', { email: 'someone@example.org', password: 'x', role: 'admin' }],
  ])('answers a login body with %s with 400', async (_case, payload) => {
    const response = await a.request({ method: 'POST', url: '/api/auth/login', headers: headersA, payload: payload as object | undefined });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed' });
  });

  it('matches emails case-insensitively', async () => {
    const user = await createUser(a, { email: 'Mixed.Case@Example.org' });
    expect((await login(a, headersA, 'mixed.case@example.ORG', TEST_PASSWORD)).statusCode).toBe(200);
    expect(user.email).toBe('Mixed.Case@Example.org');
  });
});
