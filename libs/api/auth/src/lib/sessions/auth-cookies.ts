import '@fastify/cookie';
import { Injectable } from '@nestjs/common';
import { AppConfig, Clock } from '@pactwatch/api/core';
import type { FastifyReply } from 'fastify';

/** The session cookie: httpOnly, SameSite=Lax, Secure when PUBLIC_URL is https. */
export const SESSION_COOKIE = 'pactwatch_session';
/** Angular's HttpClient reads this cookie and echoes it in the X-XSRF-TOKEN header on writes. */
export const XSRF_COOKIE = 'XSRF-TOKEN';
export const XSRF_HEADER = 'x-xsrf-token';

@Injectable()
export class AuthCookies {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  private get secure(): boolean {
    return this.config.publicUrl.startsWith('https://');
  }

  setSession(reply: FastifyReply, token: string, csrfToken: string, expiresAt: Date): void {
    const maxAge = Math.max(1, Math.floor((expiresAt.getTime() - this.clock.now().getTime()) / 1000));
    void reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: this.secure, maxAge });
    this.setXsrf(reply, csrfToken, maxAge);
  }

  /** Readable by the dashboard's scripts on purpose: that is how double-submit works. */
  setXsrf(reply: FastifyReply, token: string, maxAge?: number): void {
    void reply.setCookie(XSRF_COOKIE, token, { path: '/', httpOnly: false, sameSite: 'lax', secure: this.secure, maxAge });
  }

  clearSession(reply: FastifyReply): void {
    void reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: this.secure });
  }
}
