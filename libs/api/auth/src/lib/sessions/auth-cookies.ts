import '@fastify/cookie';
import { Injectable } from '@nestjs/common';
import { AppConfig, Clock } from '@pactwatch/api/core';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The session cookie over plain http (development, loopback): httpOnly, SameSite=Lax. */
export const SESSION_COOKIE = 'pactwatch_session';
/**
 * The session cookie over https. The `__Host-` prefix makes browsers accept it only with Secure, Path=/ and no
 * Domain, so a sibling subdomain cannot plant or overwrite it.
 */
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;
/** Angular's HttpClient reads this cookie and echoes it in the X-XSRF-TOKEN header on writes. */
export const XSRF_COOKIE = 'XSRF-TOKEN';
export const XSRF_HEADER = 'x-xsrf-token';

@Injectable()
export class AuthCookies {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Served over https: PUBLIC_URL is https, or this request came over TLS (directly, or through a trusted proxy). */
  secure(request: FastifyRequest | undefined): boolean {
    return this.config.publicUrl.startsWith('https://') || request?.protocol === 'https';
  }

  /** The session cookie's name for this request: `__Host-pactwatch_session` over https, else `pactwatch_session`. */
  sessionCookieName(request: FastifyRequest | undefined): string {
    return this.secure(request) ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
  }

  /** The session cookie the request carries, under the one name valid for its scheme. */
  sessionToken(request: FastifyRequest): string | undefined {
    return request.cookies?.[this.sessionCookieName(request)];
  }

  setSession(reply: FastifyReply, token: string, csrfToken: string, expiresAt: Date): void {
    const maxAge = Math.max(1, Math.floor((expiresAt.getTime() - this.clock.now().getTime()) / 1000));
    const secure = this.secure(reply.request);
    void reply.setCookie(this.sessionCookieName(reply.request), token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge });
    this.setXsrf(reply, csrfToken, maxAge);
  }

  /** Readable by the dashboard's scripts on purpose: that is how double-submit works. */
  setXsrf(reply: FastifyReply, token: string, maxAge?: number): void {
    void reply.setCookie(XSRF_COOKIE, token, { path: '/', httpOnly: false, sameSite: 'lax', secure: this.secure(reply.request), maxAge });
  }

  clearSession(reply: FastifyReply): void {
    const secure = this.secure(reply.request);
    void reply.clearCookie(this.sessionCookieName(reply.request), { path: '/', httpOnly: true, sameSite: 'lax', secure });
  }
}
