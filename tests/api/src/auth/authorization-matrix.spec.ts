import { randomUUID } from 'node:crypto';
import type { AccessRule } from '@pactwatch/api/core';
import { WorkspaceSettingsEntity } from '@pactwatch/api/core';
import type { CreatedApiTokenDto, CreatedFeedTokenDto, Role } from '@pactwatch/shared/contracts';
import { anonymousHeaders, AuthHeaders, createUser, sessionHeaders, TestUser } from '../../../support/auth';
import { nestRoutes, NestRoute } from '../../../support/routes';
import { RegisteredRoute, startTestApp, TestApp } from '../../../support/test-app';

type Caller = 'anonymous' | Role;
const CALLERS: Caller[] = ['anonymous', 'viewer', 'analyst', 'admin'];
const RANK: Record<Role, number> = { viewer: 1, analyst: 2, admin: 3 };
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Routes Fastify plugins register outside Nest: the OpenAPI document and its UI, public by design. */
const FRAMEWORK_ROUTES = /^\/api\/docs(\/|$)/;

/**
 * Credentials as identities of their own, all an admin's (the strongest owner, so any refusal is the
 * credential's own limit): a read-scope and a read-write API token as `Authorization: Bearer`, and a feed token
 * of the deadlines calendar, sent as a bearer token and as `?token=` in the URL.
 */
type TokenCaller = 'read token' | 'read-write token' | 'feed token as bearer' | 'feed token in URL';
const TOKEN_CALLERS: TokenCaller[] = ['read token', 'read-write token', 'feed token as bearer', 'feed token in URL'];

/** What each credential may do, on top of its owner's role (admin here). */
function expectedForToken(route: NestRoute, caller: TokenCaller, method: string): 'allowed' | 401 | 403 {
  const admin = expected(route.rule as AccessRule, 'admin', method, false);
  switch (caller) {
    case 'read token':
      return SAFE.has(method) ? admin : 403;
    case 'read-write token':
      return route.sessionOnly ? 403 : admin;
    case 'feed token as bearer':
      return 403;
    case 'feed token in URL':
      if (route.rule === 'public') return 'allowed';
      return route.rule === 'token' && route.feed === 'deadlines' && SAFE.has(method) ? 'allowed' : 403;
  }
}

/** What the access rules promise: 'allowed' (any status but 401/403/5xx) or the exact refusal. */
function expected(rule: AccessRule, caller: Caller, method: string, publicPortal: boolean): 'allowed' | 401 | 403 {
  if (rule === 'public') return 'allowed';
  if (caller === 'anonymous') return rule === 'portal' && publicPortal && SAFE.has(method) ? 'allowed' : 401;
  if (rule === 'portal' || rule === 'token') return 'allowed';
  return RANK[caller] >= RANK[rule] ? 'allowed' : 403;
}

describe('authorization matrix: every registered route × {anonymous, viewer, analyst, admin}', () => {
  let t: TestApp;
  let users: Record<Role, TestUser>;
  let anonymous: AuthHeaders;
  let rules: Map<string, NestRoute>;
  let routes: RegisteredRoute[];
  let tokens: Record<'read' | 'read-write' | 'feed', string>;

  const key = (method: string, url: string) => `${method === 'HEAD' ? 'GET' : method} ${url}`;

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    users = {
      viewer: await createUser(t, { role: 'viewer' }),
      analyst: await createUser(t, { role: 'analyst' }),
      admin: await createUser(t, { role: 'admin' }),
    };
    anonymous = await anonymousHeaders(t);
    const adminSession = await sessionHeaders(t, users.admin.id);
    const make = async <T>(url: string, payload: object): Promise<T> => {
      const response = await t.request({ method: 'POST', url, headers: adminSession, payload });
      if (response.statusCode !== 201) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
      return response.json() as T;
    };
    tokens = {
      read: (await make<CreatedApiTokenDto>('/api/me/tokens', { name: 'matrix read', scope: 'read' })).token,
      'read-write': (await make<CreatedApiTokenDto>('/api/me/tokens', { name: 'matrix read-write', scope: 'read-write' })).token,
      feed: (await make<CreatedFeedTokenDto>('/api/me/feed-tokens', { name: 'matrix feed', feed: 'deadlines' })).token,
    };
    rules = new Map(nestRoutes(t.app).map((route) => [key(route.method, route.url), route]));
    routes = t.routes.filter((route) => !FRAMEWORK_ROUTES.test(route.url) && route.method !== 'OPTIONS');
  });
  afterAll(() => t.close());

  /** Calls the route as the caller with a fresh session (some routes, such as logout, end it) and returns mismatches. */
  async function check(route: RegisteredRoute, caller: Caller, publicPortal: boolean): Promise<string | null> {
    const rule = rules.get(key(route.method, route.url))?.rule;
    if (!rule) return `${route.method} ${route.url} has no access rule`;
    const headers = caller === 'anonymous' ? anonymous : await sessionHeaders(t, users[caller].id);
    const url = route.url.replace(/:[A-Za-z]\w*/g, () => randomUUID()).replace(/\*$/, 'x');
    const withBody = !SAFE.has(route.method) && route.method !== 'DELETE';
    const response = await t.request({
      method: route.method as 'GET',
      url,
      headers: withBody ? { ...headers, 'content-type': 'application/json' } : headers,
      payload: withBody ? '{}' : undefined,
    });
    const want = expected(rule, caller, route.method, publicPortal);
    const ok = want === 'allowed' ? ![401, 403].includes(response.statusCode) && response.statusCode < 500 : response.statusCode === want;
    return ok
      ? null
      : `${route.method} ${route.url} (${rule}) as ${caller}: expected ${want}, got ${response.statusCode} ${response.body.slice(0, 160)}`;
  }

  it('finds the routes of every feature, so the matrix cannot pass vacuously', () => {
    const listed = new Set(routes.map((route) => key(route.method, route.url)));
    for (const route of [
      'GET /api/health',
      'GET /api/auth/session',
      'POST /api/auth/login',
      'GET /api/users',
      'PATCH /api/settings',
      'GET /api/commitments',
    ]) {
      expect(listed).toContain(route);
    }
    expect(routes.length).toBeGreaterThan(20);
  });

  it('declares an access rule on every route Fastify serves (a new route without @Access fails here)', () => {
    const unruled = routes.filter((route) => !rules.get(key(route.method, route.url))?.rule).map((route) => `${route.method} ${route.url}`);
    expect(unruled).toEqual([]);
    const unruledHandlers = [...rules.values()].filter((route) => !route.rule).map((route) => `${route.controller}.${route.handler}`);
    expect(unruledHandlers).toEqual([]);
  });

  it('keeps the declared rules of the account routes', () => {
    const ruleOf = (method: string, url: string) => rules.get(key(method, url))?.rule;
    expect({
      session: ruleOf('GET', '/api/auth/session'),
      login: ruleOf('POST', '/api/auth/login'),
      logout: ruleOf('POST', '/api/auth/logout'),
      password: ruleOf('POST', '/api/auth/password'),
      resetRequest: ruleOf('POST', '/api/auth/password-reset/request'),
      resetConfirm: ruleOf('POST', '/api/auth/password-reset/confirm'),
      acceptInvitation: ruleOf('POST', '/api/auth/invitations/accept'),
      me: ruleOf('GET', '/api/me'),
      updateMe: ruleOf('PATCH', '/api/me'),
      tokens: ruleOf('GET', '/api/me/tokens'),
      createToken: ruleOf('POST', '/api/me/tokens'),
      revokeToken: ruleOf('DELETE', '/api/me/tokens/:id'),
      feedTokens: ruleOf('GET', '/api/me/feed-tokens'),
      createFeedToken: ruleOf('POST', '/api/me/feed-tokens'),
      revokeFeedToken: ruleOf('DELETE', '/api/me/feed-tokens/:id'),
      users: ruleOf('GET', '/api/users'),
      createUser: ruleOf('POST', '/api/users'),
      updateUser: ruleOf('PATCH', '/api/users/:id'),
      settings: ruleOf('GET', '/api/settings'),
      updateSettings: ruleOf('PATCH', '/api/settings'),
      audit: ruleOf('GET', '/api/audit'),
    }).toEqual({
      session: 'public',
      login: 'public',
      logout: 'public',
      password: 'viewer',
      resetRequest: 'public',
      resetConfirm: 'public',
      acceptInvitation: 'public',
      me: 'viewer',
      updateMe: 'viewer',
      tokens: 'viewer',
      createToken: 'viewer',
      revokeToken: 'viewer',
      feedTokens: 'viewer',
      createFeedToken: 'viewer',
      revokeFeedToken: 'viewer',
      users: 'admin',
      createUser: 'admin',
      updateUser: 'admin',
      settings: 'portal',
      updateSettings: 'admin',
      audit: 'admin',
    });
  });

  /** Checks every route as the caller, a few at a time (each request has its own session). */
  async function mismatchesFor(caller: Caller, publicPortal: boolean): Promise<string[]> {
    const results: (string | null)[] = [];
    for (let start = 0; start < routes.length; start += 6) {
      results.push(...(await Promise.all(routes.slice(start, start + 6).map((route) => check(route, caller, publicPortal)))));
    }
    return results.filter((mismatch): mismatch is string => mismatch !== null);
  }

  it.each(CALLERS)(
    'answers every route as %s with the status its rule promises (public portal off)',
    async (caller) => {
      expect(await mismatchesFor(caller, false)).toEqual([]);
    },
    180_000,
  );

  /** Calls the route with a token credential (no cookie at all) and returns a mismatch, if any. */
  async function checkToken(route: RegisteredRoute, caller: TokenCaller): Promise<string | null> {
    const nest = rules.get(key(route.method, route.url));
    if (!nest?.rule) return `${route.method} ${route.url} has no access rule`;
    const path = route.url.replace(/:[A-Za-z]\w*/g, () => randomUUID()).replace(/\*$/, 'x');
    const url = caller === 'feed token in URL' ? `${path}?token=${tokens.feed}` : path;
    const token = caller === 'read token' ? tokens.read : caller === 'read-write token' ? tokens['read-write'] : tokens.feed;
    // In the URL, the token comes with an anonymous visitor's CSRF pair, so public writes are judged on their own.
    const headers: Record<string, string> = caller === 'feed token in URL' ? anonymous : { authorization: `Bearer ${token}` };
    const withBody = !SAFE.has(route.method) && route.method !== 'DELETE';
    const response = await t.request({
      method: route.method as 'GET',
      url,
      headers: withBody ? { ...headers, 'content-type': 'application/json' } : headers,
      payload: withBody ? '{}' : undefined,
    });
    const want = expectedForToken(nest, caller, route.method);
    const ok = want === 'allowed' ? ![401, 403].includes(response.statusCode) && response.statusCode < 500 : response.statusCode === want;
    return ok
      ? null
      : `${route.method} ${route.url} (${nest.rule}) with ${caller}: expected ${want}, got ${response.statusCode} ${response.body.slice(0, 160)}`;
  }

  it.each(TOKEN_CALLERS)(
    'answers every route called with an admin’s %s as that credential’s limits promise',
    async (caller) => {
      // Side effects of an allowed call must not disturb the others: logout, password and token routes act on
      // the caller only, and these tokens have no session to end.
      const mismatches: string[] = [];
      for (let start = 0; start < routes.length; start += 6) {
        const results = await Promise.all(routes.slice(start, start + 6).map((route) => checkToken(route, caller)));
        mismatches.push(...results.filter((mismatch): mismatch is string => mismatch !== null));
      }
      expect(mismatches).toEqual([]);
    },
    180_000,
  );

  it('keeps the session-only routes: no token can manage users or roles, set passwords or make tokens', () => {
    const sessionOnly = [...rules.values()].filter((route) => route.sessionOnly).map((route) => `${route.method} ${route.url}`);
    expect(sessionOnly.sort()).toEqual(
      ['POST /api/auth/password', 'POST /api/me/feed-tokens', 'POST /api/me/tokens', 'PATCH /api/users/:id', 'POST /api/users'].sort(),
    );
  });

  it('opens portal routes to anonymous reads, and nothing else, when the public portal is on', async () => {
    const settings = t.db.dataSource.getRepository(WorkspaceSettingsEntity);
    await settings.update({ id: 1 }, { publicPortal: true });
    try {
      expect(await mismatchesFor('anonymous', true)).toEqual([]);
      const commitments = await t.request({ method: 'GET', url: '/api/commitments' });
      expect(commitments.statusCode).toBe(200);
    } finally {
      await settings.update({ id: 1 }, { publicPortal: false });
    }
  }, 180_000);
});
