import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_RULE_KEY, AccessRule, CSRF_EXEMPT_KEY, FEED_KIND_KEY, RequestUser, WorkspaceSettingsService } from '@pactwatch/api/core';
import type { FeedFilter, FeedKind } from '@pactwatch/shared/contracts';
import type { FastifyReply } from 'fastify';
import { AuthException } from '../auth-exception';
import { safeEqual } from '../secrets';
import { AuthCookies, XSRF_COOKIE, XSRF_HEADER } from '../sessions/auth-cookies';
import { SessionService } from '../sessions/session.service';
import { ApiTokenService } from '../tokens/api-token.service';
import { FeedTokenService, looksLikeToken } from '../tokens/feed-token.service';
import { AuthRequest, AuthState } from './auth-request';
import { SESSION_ONLY_KEY } from './session-only.decorator';

const RANK: Record<RequestUser['role'], number> = { viewer: 1, analyst: 2, admin: 3 };
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The global guard (APP_GUARD). For every route it:
 * 1. refuses routes that declare no @Access rule, for everyone;
 * 2. works out who is calling: `Authorization: Bearer <API token>`, else the session cookie, else, on `token`
 *    routes only, a feed token as `?token=` in the URL (calendar clients cannot send headers);
 * 3. applies the rule: 401 when a user is needed and there is none, 403 when the role is too low;
 * 4. applies the credential's limits: a read-scope API token only reads; no token reaches a @SessionOnly route;
 *    a feed token reads the one feed (and filter) it was made for, and is refused everywhere else;
 * 5. on writes not made with a bearer token, checks the double-submit CSRF token.
 * It sets `request.user` ({ id, email, displayName, role }) for handlers and the audit trail.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly tokens: ApiTokenService,
    private readonly feedTokens: FeedTokenService,
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
    const feed = this.reflector.getAllAndOverride<FeedKind | undefined>(FEED_KIND_KEY, targets);
    const auth = await this.authenticate(request, reply, rule, safe, feed);
    request.auth = auth;

    await this.authorize(rule, request.user, safe);
    if (auth.via === 'bearer' && auth.scope === 'read' && !safe) {
      throw AuthException.forbidden('This API token is read-only: make a read-write token to change data');
    }
    if (auth.via !== 'anonymous' && auth.via !== 'session' && this.reflector.getAllAndOverride<boolean>(SESSION_ONLY_KEY, targets)) {
      throw AuthException.forbidden('Sign in with a browser session to do this: no token can manage users, passwords or tokens');
    }
    const csrfExempt = this.reflector.getAllAndOverride<string | undefined>(CSRF_EXEMPT_KEY, targets);
    if (!safe && auth.via !== 'bearer' && !csrfExempt) this.checkCsrf(request, auth);
    return true;
  }

  private async authenticate(
    request: AuthRequest,
    reply: FastifyReply,
    rule: AccessRule,
    safe: boolean,
    feed: FeedKind | undefined,
  ): Promise<AuthState> {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
      const holder = token ? await this.tokens.resolve(token) : null;
      if (!holder) {
        if (token && (await this.feedTokens.exists(token))) {
          throw AuthException.forbidden(
            'This is a feed link’s token: it works only as ?token= on its own feed. Use an API token in the Authorization header.',
          );
        }
        throw AuthException.unauthenticated('The API token is invalid, expired or revoked');
      }
      request.user = holder.user;
      return { via: 'bearer', scope: holder.scope };
    }

    const cookie = this.cookies.sessionToken(request);
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

    const query = (request.query ?? {}) as Record<string, unknown>;
    const token = query['token'];
    if (typeof token !== 'string' || token === '') return { via: 'anonymous' };
    if (rule === 'token' && safe) {
      const holder = await this.feedTokens.resolve(token);
      if (!holder) {
        throw AuthException.unauthenticated(
          'The feed link is invalid, expired or revoked (API tokens are not accepted in URLs: make a feed link on the calendar page)',
        );
      }
      if (feed && holder.feed !== feed) throw AuthException.forbidden(`This link reads the ${holder.feed} feed only`);
      // Consumed here, so the route's query DTO need not (and cannot accidentally log or echo) it.
      delete query['token'];
      if (holder.filter) applyFilter(query, holder.filter);
      request.user = holder.user;
      return { via: 'feed_token' };
    }
    if (rule !== 'public' && looksLikeToken(token)) {
      throw AuthException.forbidden('A token in the URL is accepted by the feeds only; send an API token in the Authorization header');
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
        throw AuthException.unauthenticated('Sign in, or add ?token= with a feed link’s token');
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

/**
 * A feed link reads the filter it was made with. The URL may repeat that filter (as the link does) or leave it
 * out; a different filter is refused rather than silently ignored.
 */
function applyFilter(query: Record<string, unknown>, filter: FeedFilter): void {
  const given = Object.entries(query)
    .map(([key, value]) => [key, String(value).trim()] as const)
    .filter(([, value]) => value !== '');
  const stored = filter as Record<string, string>;
  const differs = given.some(([key, value]) => stored[key] !== value) || (given.length > 0 && Object.keys(stored).length !== given.length);
  if (differs) throw AuthException.forbidden('This feed link shows the filter it was made with; make another link for other filters');
  for (const key of Object.keys(query)) delete query[key];
  Object.assign(query, stored);
}
