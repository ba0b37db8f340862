import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@pactwatch/api/core';
import type { MeDto, SessionStateDto } from '@pactwatch/shared/contracts';
import type { FastifyReply } from 'fastify';
import type { AuthRequest } from '../access/auth-request';
import { actorOf } from '../access/current-user.decorator';
import { SessionOnly } from '../access/session-only.decorator';
import { AuthException } from '../auth-exception';
import { AccountLinksService } from '../links/account-links.service';
import { randomToken } from '../secrets';
import { AuthCookies, XSRF_COOKIE } from '../sessions/auth-cookies';
import { toMeDto } from '../users/user.mapper';
import { AcceptInvitationBody, ChangePasswordBody, LoginBody, PasswordResetConfirmBody, PasswordResetRequestBody } from './auth.dto';
import { LoginService } from './login.service';

const clientOf = (request: AuthRequest) => ({ ip: request.ip, userAgent: request.headers['user-agent'] ?? null });

/**
 * Sign-in, sign-out, password change, password reset and invitations. Every POST here needs the
 * CSRF pair (XSRF-TOKEN cookie echoed in X-XSRF-TOKEN), including sign-in: that stops a forged
 * form from signing a victim into an attacker's account. GET /api/auth/session hands out the cookie.
 */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly login: LoginService,
    private readonly links: AccountLinksService,
    private readonly cookies: AuthCookies,
  ) {}

  @Get('session')
  @Access('public')
  @ApiOperation({ summary: 'Who is signed in (null when anonymous), and whether the public portal is on' })
  session(@Req() request: AuthRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionStateDto> {
    // An anonymous visitor's half of the double-submit pair, needed to sign in. Issued here only: the dashboard
    // asks this first, and issuing it on every cookieless read would cost every API client a cookie per request.
    if (!request.user && !request.cookies?.[XSRF_COOKIE]) this.cookies.setXsrf(reply, randomToken());
    return this.login.sessionState(request.user);
  }

  @Post('login')
  @Access('public')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in; sets the pactwatch_session and XSRF-TOKEN cookies. 401 on a wrong email or password, 429 when throttled',
  })
  async signIn(@Body() body: LoginBody, @Req() request: AuthRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<MeDto> {
    const signedIn = await this.login.login(
      body.email,
      body.password,
      clientOf(request),
      this.cookies.sessionToken(request),
      String(request.id),
    );
    this.cookies.setSession(reply, signedIn.session.token, signedIn.session.csrfToken, signedIn.session.expiresAt);
    return signedIn.me;
  }

  @Post('logout')
  @Access('public')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: deletes the session' })
  async signOut(@Req() request: AuthRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.login.logout(request.auth?.sessionId, request.user, actorOf(request));
    this.cookies.clearSession(reply);
  }

  @Post('password')
  @Access('viewer')
  @SessionOnly()
  @HttpCode(204)
  @ApiOperation({ summary: 'Change your password; other sessions end and this one gets a new id' })
  async changePassword(
    @Body() body: ChangePasswordBody,
    @Req() request: AuthRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    if (!request.user) throw AuthException.unauthenticated();
    const session = await this.login.changePassword(
      request.user,
      body.currentPassword,
      body.newPassword,
      clientOf(request),
      actorOf(request),
    );
    this.cookies.setSession(reply, session.token, session.csrfToken, session.expiresAt);
  }

  @Post('password-reset/request')
  @Access('public')
  @HttpCode(202)
  @ApiOperation({ summary: 'Email a password reset link. Always 202, whether or not the address has an account' })
  async requestReset(@Body() body: PasswordResetRequestBody, @Req() request: AuthRequest): Promise<void> {
    await this.links.requestPasswordReset(body.email, request.ip, String(request.id));
  }

  @Post('password-reset/confirm')
  @Access('public')
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a new password with an emailed link (single use; 410 when expired or used)' })
  async confirmReset(@Body() body: PasswordResetConfirmBody, @Req() request: AuthRequest): Promise<void> {
    await this.links.confirmPasswordReset(body.token, body.newPassword, String(request.id));
  }

  @Post('invitations/accept')
  @Access('public')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept an invitation: set a password and sign in (single use; 410 when expired or used)' })
  async acceptInvitation(
    @Body() body: AcceptInvitationBody,
    @Req() request: AuthRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MeDto> {
    const previous = this.cookies.sessionToken(request);
    const { user, session } = await this.links.acceptInvitation(
      body.token,
      body.password,
      body.displayName,
      clientOf(request),
      String(request.id),
    );
    if (previous) await this.login.forgetSession(previous);
    this.cookies.setSession(reply, session.token, session.csrfToken, session.expiresAt);
    return toMeDto(user);
  }
}
