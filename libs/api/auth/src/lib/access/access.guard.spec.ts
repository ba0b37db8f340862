import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Access, RequestUser, WorkspaceSettingsService } from '@pactwatch/api/core';
import { AuthCookies } from '../sessions/auth-cookies';
import { SessionService } from '../sessions/session.service';
import { ApiTokenService } from '../tokens/api-token.service';
import { AccessGuard } from './access.guard';
import { AuthRequest } from './auth-request';

const VIEWER: RequestUser = { id: 'u1', email: 'v@example.org', displayName: 'V', role: 'viewer' };

class Routes {
  @Access('token')
  feed(): void {
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
  const tokens = { resolve: jest.fn(async (token: string) => (token === 'pw_good' ? VIEWER : null)) };
  const guard = new AccessGuard(
    new Reflector(),
    { resolve: jest.fn(async () => null) } as unknown as SessionService,
    tokens as unknown as ApiTokenService,
    { get: jest.fn(async () => ({ publicPortal: false })) } as unknown as WorkspaceSettingsService,
    { setXsrf: jest.fn(), clearSession: jest.fn() } as unknown as AuthCookies,
  );
  const request = (extra: Partial<AuthRequest>) =>
    ({ method: 'GET', headers: {}, cookies: {}, query: {}, ...extra }) as Partial<AuthRequest>;

  it('refuses a route that declares no access rule, before looking at any credentials', async () => {
    const admin = request({ headers: { authorization: 'Bearer pw_good' } });
    await expect(guard.canActivate(contextFor('undeclared', admin))).rejects.toMatchObject({ code: 'forbidden' });
    expect(tokens.resolve).not.toHaveBeenCalled();
  });

  it('accepts ?token= on a token route, sets request.user, and removes the token from the query', async () => {
    const feed = request({ query: { token: 'pw_good', area: 'energy' } });
    await expect(guard.canActivate(contextFor('feed', feed))).resolves.toBe(true);
    expect(feed.user).toEqual(VIEWER);
    expect(feed.query).toEqual({ area: 'energy' });
  });

  it('refuses an unknown ?token= with 401', async () => {
    await expect(guard.canActivate(contextFor('feed', request({ query: { token: 'pw_revoked' } })))).rejects.toMatchObject({
      code: 'unauthenticated',
    });
  });

  it('ignores ?token= on routes that are not token routes', async () => {
    await expect(guard.canActivate(contextFor('admin', request({ query: { token: 'pw_good' } })))).rejects.toMatchObject({
      code: 'unauthenticated',
    });
  });

  it('answers a signed-in user below the required role with 403', async () => {
    await expect(guard.canActivate(contextFor('admin', request({ headers: { authorization: 'Bearer pw_good' } })))).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});
