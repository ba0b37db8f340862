import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessGuard } from './access/access.guard';
import { AccountsMaintenance } from './bootstrap/accounts-maintenance';
import { AccountLinkEntity, ApiTokenEntity, FeedTokenEntity, RateLimitHitEntity, SessionEntity, UserEntity } from './entities';
import { AccountLinksService } from './links/account-links.service';
import { AuthController } from './login/auth.controller';
import { LoginService } from './login/login.service';
import { SettingsController } from './settings/settings.controller';
import { SettingsService } from './settings/settings.service';
import { AuthCookies } from './sessions/auth-cookies';
import { SessionService } from './sessions/session.service';
import { RateLimiter } from './throttle/rate-limiter';
import { ApiTokensController } from './tokens/api-tokens.controller';
import { ApiTokenService } from './tokens/api-token.service';
import { FeedTokensController } from './tokens/feed-tokens.controller';
import { FeedTokenService } from './tokens/feed-token.service';
import { MeController, UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

/**
 * Accounts, sessions, API tokens and workspace settings. The app registers
 * AccessGuard as APP_GUARD; it needs @fastify/cookie registered on the Fastify instance.
 */
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, SessionEntity, ApiTokenEntity, FeedTokenEntity, AccountLinkEntity, RateLimitHitEntity])],
  controllers: [AuthController, MeController, ApiTokensController, FeedTokensController, UsersController, SettingsController],
  providers: [
    AccessGuard,
    AuthCookies,
    SessionService,
    ApiTokenService,
    FeedTokenService,
    RateLimiter,
    LoginService,
    AccountLinksService,
    UsersService,
    SettingsService,
    AccountsMaintenance,
  ],
  exports: [AccessGuard, SessionService, ApiTokenService, FeedTokenService, AuthCookies],
})
export class AuthModule {}
