import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Access, Feed, RequestUser, WorkspaceSettingsService } from '@pactwatch/api/core';
import { AuthCookies } from '../sessions/auth-cookies';
import { SessionService } from '../sessions/session.service';
import { ApiTokenService } from '../tokens/api-token.service';
import { FeedTokenService } from '../tokens/feed-token.service';
import { AccessGuard } from './access.guard';
import { AuthRequest } from './auth-request';

const VIEWER: RequestUser = { id: 'u1', email: 'v@example.org', displayName: 'V', role: 'viewer' };

class Routes {
  @Access('token')
  @Feed('deadlines')
  feed(): void {
    return;
  }

  @Access('token')
  @Feed('changes')
  changes(): void {
    return;
  }

  @Access('viewer')
  write(): void {
    return;
  }

  @Access('admin')
  admin(): void {
    return;
  }

  undeclared(): void {
    return;
  }
}

function contextFor(handler: keyof Routes, request: Partial<AuthRequest>): ExecutionContext {
  const reply = { setCookie: jest.fn(), clearCookie: jest.fn() };
  return {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }),
  } as unknown as ExecutionContext;
}

describe('AccessGuard', () => {
  const tokens = {
    resolve: jest.fn(async (token: string) =>
      token === 'pw_good' ? { user: VIEWER, scope: 'read-write' } : token === 'pw_read' ? { user: VIEWER, scope: 'read' } : null,
    ),
  };
  const feeds = {
    resolve: jest.fn(async (token: string) =>
      token === 'pwf_energy' ? { user: VIEWER, feed: 'deadlines', filter: { area: 'energy' } } : null,
    ),
    exists: jest.fn(async (token: string) => token === 'pwf_energy'),
  };
  const guard = new AccessGuard(
    new Reflector(),
    { resolve: jest.fn(async () => null) } as unknown as SessionService,
    tokens as unknown as ApiTokenService,
    feeds as unknown as FeedTokenService,
    { get: jest.fn(async () => ({ publicPortal: false })) } as unknown as WorkspaceSettingsService,
    { setXsrf: jest.fn(), clearSession: jest.fn(), sessionToken: jest.fn(() => undefined) } as unknown as AuthCookies,
  );
  const request = (extra: Partial<AuthRequest>) =>
    ({ method: 'GET', headers: {}, cookies: {}, query: {}, ...extra }) as Partial<AuthRequest>;

  it('refuses a route that declares no access rule, before looking at any credentials', async () => {
    const admin = request({ headers: { authorization: 'Bearer pw_good' } });
    await expect(guard.canActivate(contextFor('undeclared', admin))).rejects.toMatchObject({ code: 'forbidden' });
    expect(tokens.resolve).not.toHaveBeenCalled();
  });

  it('accepts a feed token as ?token= on its feed, applies its filter, and removes the token from the query', async () => {
    const feed = request({ query: { token: 'pwf_energy' } });
    await expect(guard.canActivate(contextFor('feed', feed))).resolves.toBe(true);
    expect(feed.user).toEqual(VIEWER);
    expect(feed.auth).toEqual({ via: 'feed_token' });
    expect(feed.query).toEqual({ area: 'energy' });
  });

  it('refuses a feed token whose URL asks for another filter than the one it was made with', async () => {
    await expect(guard.canActivate(contextFor('feed', request({ query: { token: 'pwf_energy', area: 'trade' } })))).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('refuses a feed token on another feed', async () => {
    await expect(guard.canActivate(contextFor('changes', request({ query: { token: 'pwf_energy' } })))).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('refuses a feed token sent as a bearer token with 403, even on its own feed', async () => {
    for (const handler of ['feed', 'admin', 'write'] as const) {
      await expect(
        guard.canActivate(contextFor(handler, request({ headers: { authorization: 'Bearer pwf_energy' } }))),
      ).rejects.toMatchObject({ code: 'forbidden' });
    }
  });

  it('refuses an API token in the URL of a feed with 401', async () => {
    await expect(guard.canActivate(contextFor('feed', request({ query: { token: 'pw_good' } })))).rejects.toMatchObject({
      code: 'unauthenticated',
    });
  });

  it('refuses writes with a read-scope API token, and allows its reads', async () => {
    const write = request({ method: 'POST', headers: { authorization: 'Bearer pw_read' } });
    await expect(guard.canActivate(contextFor('write', write))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(guard.canActivate(contextFor('write', request({ headers: { authorization: 'Bearer pw_read' } })))).resolves.toBe(true);
  });

  it('refuses an unknown ?token= with 401', async () => {
    await expect(guard.canActivate(contextFor('feed', request({ query: { token: 'pw_revoked' } })))).rejects.toMatchObject({
      code: 'unauthenticated',
    });
  });

  it('refuses a token in the URL of a route that is not a feed with 403', async () => {
    for (const token of ['pw_good', 'pwf_energy']) {
      await expect(guard.canActivate(contextFor('admin', request({ query: { token } })))).rejects.toMatchObject({ code: 'forbidden' });
    }
  });

  it('answers a signed-in user below the required role with 403', async () => {
    await expect(guard.canActivate(contextFor('admin', request({ headers: { authorization: 'Bearer pw_good' } })))).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});
