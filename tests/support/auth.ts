import { hashPassword, SessionService, UserEntity } from '@pactwatch/api/auth';
import type { Role } from '@pactwatch/shared/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { TestApp } from './test-app';

/** The password of every user the helpers create. */
export const TEST_PASSWORD = 'correct horse battery staple';

/** Headers to spread into `t.request({ headers })`: the session and XSRF cookies plus the X-XSRF-TOKEN header. */
export type AuthHeaders = Record<string, string>;

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  password: string;
}

let testPasswordHash: Promise<string> | undefined;

/** Inserts an enabled user straight into the database (hashing TEST_PASSWORD once per process). */
export async function createUser(
  t: Pick<TestApp, 'db'>,
  options: { role?: Role; email?: string; password?: string; displayName?: string } = {},
): Promise<TestUser> {
  const role = options.role ?? 'viewer';
  const email = options.email ?? `${role}-${randomBytes(4).toString('hex')}@example.org`;
  const password = options.password ?? TEST_PASSWORD;
  const passwordHash = options.password ? await hashPassword(options.password) : await (testPasswordHash ??= hashPassword(TEST_PASSWORD));
  const repository = t.db.dataSource.getRepository(UserEntity);
  const user = await repository.save(
    repository.create({
      email,
      emailNormalized: email.toLowerCase(),
      displayName: options.displayName ?? `Test ${role}`,
      role,
      passwordHash,
    }),
  );
  return { id: user.id, email, role, password };
}

/**
 * The Cookie header of a session: under both names, since the app calls it `__Host-pactwatch_session` when it is
 * served over https (PUBLIC_URL https) and `pactwatch_session` otherwise.
 */
export function sessionCookie(token: string, xsrf?: string): string {
  return `pactwatch_session=${token}; __Host-pactwatch_session=${token}${xsrf ? `; XSRF-TOKEN=${xsrf}` : ''}`;
}

/** The session token a sign-in response set, under either name. */
export function sessionSetBy(response: LightMyRequestResponse): string | undefined {
  return setCookie(response, 'pactwatch_session') ?? setCookie(response, '__Host-pactwatch_session');
}

/** The value of a Set-Cookie from a response, if it set one. */
export function setCookie(response: LightMyRequestResponse, name: string): string | undefined {
  return response.cookies.find((cookie) => cookie.name === name)?.value;
}

/** An anonymous CSRF pair (what the dashboard has before signing in), from GET /api/auth/session. */
export async function anonymousHeaders(t: Pick<TestApp, 'request'>): Promise<AuthHeaders> {
  const response = await t.request({ method: 'GET', url: '/api/auth/session' });
  const xsrf = setCookie(response, 'XSRF-TOKEN');
  if (!xsrf) throw new Error('GET /api/auth/session set no XSRF-TOKEN cookie');
  return { cookie: `XSRF-TOKEN=${xsrf}`, 'x-xsrf-token': xsrf };
}

/** Signs in through POST /api/auth/login, as the dashboard does, and returns the headers of the new session. */
export async function signInAs(
  t: Pick<TestApp, 'request'>,
  email: string,
  password = TEST_PASSWORD,
  remoteAddress?: string,
): Promise<AuthHeaders> {
  const anonymous = await anonymousHeaders(t);
  const response = await t.request({
    method: 'POST',
    url: '/api/auth/login',
    headers: anonymous,
    payload: { email, password },
    remoteAddress,
  });
  if (response.statusCode !== 200) throw new Error(`Sign-in as ${email} failed: ${response.statusCode} ${response.body}`);
  const session = sessionSetBy(response);
  const xsrf = setCookie(response, 'XSRF-TOKEN');
  if (!session || !xsrf) throw new Error('POST /api/auth/login set no session or XSRF cookie');
  return { cookie: sessionCookie(session, xsrf), 'x-xsrf-token': xsrf };
}

/**
 * Creates a user with the role and signs them in. Spread the result into a request:
 * `t.request({ method: 'POST', url, payload, headers: await signIn(t, 'analyst') })`.
 */
export async function signIn(t: Pick<TestApp, 'db' | 'request'>, role: Role): Promise<AuthHeaders> {
  const user = await createUser(t, { role });
  return signInAs(t, user.email);
}

/**
 * Headers of a brand-new session for an existing user, made directly (no password check): for
 * tests that need many sessions, such as the authorization matrix.
 */
export async function sessionHeaders(t: Pick<TestApp, 'app' | 'db'>, userId: string): Promise<AuthHeaders> {
  const session = await t.app.get(SessionService).create(t.db.dataSource.manager, userId);
  return { cookie: sessionCookie(session.token, session.csrfToken), 'x-xsrf-token': session.csrfToken };
}

/** The same headers with a JSON content type added, for convenience. */
export function withJson(headers: AuthHeaders): AuthHeaders {
  return { ...headers, 'content-type': 'application/json' };
}
