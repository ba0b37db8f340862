import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_RULE_KEY, AccessRule, RequestUser, WorkspaceSettingsService, CSRF_EXEMPT_KEY } from '@pactwatch/api/core';
import type { FastifyReply } from 'fastify';
import { AuthException } from '../auth-exception';
import { safeEqual } from '../secrets';
import { AuthCookies, SESSION_COOKIE, XSRF_COOKIE, XSRF_HEADER } from '../sessions/auth-cookies';
import { SessionService } from '../sessions/session.service';
import { ApiTokenService } from '../tokens/api-token.service';
import { AuthRequest, AuthState } from './auth-request';
import { SESSION_ONLY_KEY } from './session-only.decorator';

const RANK: Record<RequestUser['role'], number> = { viewer: 1, analyst: 2, admin: 3 };
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The global guard (APP_GUARD). For every route it:
 * 1. refuses routes that declare no @Access rule, for everyone;
 * 2. works out who is calling: `Authorization: Bearer <API token>`, else the session cookie, else,
 *    on `token` routes only, `?token=` in the URL (calendar clients cannot send headers);
 * 3. applies the rule: 401 when a user is needed and there is none, 403 when the role is too low;
 * 4. on writes not made with a bearer token, checks the double-submit CSRF token.
 * It sets `request.user` ({ id, email, displayName, role }) for handlers and the audit trail.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly tokens: ApiTokenService,
    private readonly settings: WorkspaceSettingsService,
    private readonly cookies: AuthCookies,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE_KEY, targets);
    if (!rule) throw AuthException.forbidden('This route declares no access rule, so nobody may use it');

    const request = context.switchToHttp().getRequest<AuthRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const safe = SAFE_METHODS.has(request.method);
    const auth = await this.authenticate(request, reply, rule, safe);
    request.auth = auth;

    await this.authorize(rule, request.user, safe);
    if (auth.via !== 'anonymous' && auth.via !== 'session' && this.reflector.getAllAndOverride<boolean>(SESSION_ONLY_KEY, targets)) {
      throw AuthException.forbidden('Sign in with a browser session to do this; API tokens cannot');
    }
    const csrfExempt = this.reflector.getAllAndOverride<string | undefined>(CSRF_EXEMPT_KEY, targets);
    if (!safe && auth.via !== 'bearer' && !csrfExempt) this.checkCsrf(request, auth);
    return true;
  }

  private async authenticate(request: AuthRequest, reply: FastifyReply, rule: AccessRule, safe: boolean): Promise<AuthState> {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      const user = match ? await this.tokens.resolve(match[1]) : null;
      if (!user) throw AuthException.unauthenticated('The API token is invalid or has been revoked');
      request.user = user;
      return { via: 'bearer' };
    }

    const cookie = request.cookies?.[SESSION_COOKIE];
    if (cookie) {
      const session = await this.sessions.resolve(cookie);
      if (session) {
        request.user = session.user;
        // Re-issue the CSRF cookie if the browser lost it, so the dashboard can keep writing.
        if (safe && request.cookies[XSRF_COOKIE] !== session.csrfToken) this.cookies.setXsrf(reply, session.csrfToken);
        return { via: 'session', sessionId: session.id, csrfToken: session.csrfToken };
      }
      this.cookies.clearSession(reply);
    }

    if (rule === 'token' && safe) {
      const query = (request.query ?? {}) as Record<string, unknown>;
      const token = query['token'];
      if (typeof token === 'string' && token !== '') {
        const user = await this.tokens.resolve(token);
        if (!user) throw AuthException.unauthenticated('The feed token is invalid or has been revoked');
        // Consumed here, so the route's query DTO need not (and cannot accidentally log or echo) it.
        delete query['token'];
        request.user = user;
        return { via: 'url_token' };
      }
    }

    return { via: 'anonymous' };
  }

  private async authorize(rule: AccessRule, user: RequestUser | undefined, safe: boolean): Promise<void> {
    switch (rule) {
      case 'public':
        return;
      case 'portal':
        // The public portal opens reads only; writing always needs an account.
        if (user || (safe && (await this.settings.get()).publicPortal)) return;
        throw AuthException.unauthenticated();
      case 'token':
        if (user) return;
        throw AuthException.unauthenticated('Sign in, or add ?token= with a personal API token');
      default:
        if (!user) throw AuthException.unauthenticated();
        if (RANK[user.role] < RANK[rule]) throw AuthException.forbidden(`Only ${rule}s${rule === 'admin' ? '' : ' and above'} may do this`);
    }
  }

  private checkCsrf(request: AuthRequest, auth: AuthState): void {
    const header = request.headers[XSRF_HEADER];
    const sent = Array.isArray(header) ? undefined : header;
    if (!safeEqual(sent, request.cookies?.[XSRF_COOKIE])) throw AuthException.csrf();
    // Signed in: the token must also be the one bound to this session (a planted cookie is useless).
    if (auth.via === 'session' && !safeEqual(sent, auth.csrfToken)) throw AuthException.csrf();
  }
}
