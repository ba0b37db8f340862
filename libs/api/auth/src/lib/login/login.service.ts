import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, AuditService } from '@pactwatch/api/audit';
import { RequestUser, ValidationFailedException, WorkspaceSettingsService } from '@pactwatch/api/core';
import type { MeDto, SessionStateDto } from '@pactwatch/shared/contracts';
import { DataSource } from 'typeorm';
import { AuthException } from '../auth-exception';
import { UserEntity } from '../entities/user.entity';
import { hashPassword, passwordNeedsRehash, passwordProblem, verifyPassword } from '../passwords/passwords';
import { normalizeEmail } from '../secrets';
import { ClientInfo, NewSession, SessionService } from '../sessions/session.service';
import { loginAccountBucket, loginLimits } from '../throttle/login-limits';
import { RateLimiter } from '../throttle/rate-limiter';
import { toMeDto } from '../users/user.mapper';
import { actorFor } from '../access/current-user.decorator';

export interface SignedIn {
  me: MeDto;
  session: NewSession;
}

@Injectable()
export class LoginService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    private readonly limiter: RateLimiter,
    private readonly audit: AuditService,
    private readonly settings: WorkspaceSettingsService,
  ) {}

  async sessionState(user: RequestUser | undefined): Promise<SessionStateDto> {
    const settings = await this.settings.get();
    const row = user ? await this.dataSource.getRepository(UserEntity).findOneBy({ id: user.id }) : null;
    return {
      user: row ? toMeDto(row) : null,
      publicPortal: settings.publicPortal,
      workspaceName: settings.workspaceName,
      timeZone: settings.timeZone,
    };
  }

  /**
   * Signs in with email and password. Failures are counted per account and per client address in
   * PostgreSQL; past the limit the attempt is refused with 429 before the password is even checked.
   * Every failure reads the same, whether the email exists or not. The old session, if any, is
   * replaced (a fresh session id at every sign-in).
   */
  async login(
    email: string,
    password: string,
    client: ClientInfo & { ip: string },
    previousSessionToken: string | undefined,
    requestId: string,
  ): Promise<SignedIn> {
    const normalized = normalizeEmail(email);
    const decision = await this.limiter.take(loginLimits(normalized, client.ip));
    if (!decision.allowed) throw AuthException.throttled(decision.retryAfterSeconds);

    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ emailNormalized: normalized });
    const matches = await verifyPassword(user?.passwordHash, password);
    if (!user || !matches || user.disabledAt) throw AuthException.invalidCredentials();

    // Correct: this attempt was not a failure, and the account's failures are forgiven.
    await this.limiter.release(decision.hitIds);
    await this.limiter.clear(loginAccountBucket(normalized));
    if (previousSessionToken) await this.sessions.deleteByToken(previousSessionToken);

    const session = await this.dataSource.transaction(async (manager) => {
      if (user.passwordHash && passwordNeedsRehash(user.passwordHash)) {
        await manager.update(UserEntity, { id: user.id }, { passwordHash: await hashPassword(password) });
      }
      const created = await this.sessions.create(manager, user.id, client, user.role);
      await this.audit.record(manager, actorFor(user, requestId), {
        action: 'login',
        entityType: 'user',
        entityId: user.id,
        summary: `Signed in${client.ip ? ` from ${client.ip}` : ''}`,
      });
      return created;
    });
    return { me: toMeDto(user), session };
  }

  /** Deletes a session by its cookie value (e.g. the one a browser had before accepting an invitation). */
  async forgetSession(token: string): Promise<void> {
    await this.sessions.deleteByToken(token);
  }

  async logout(sessionId: string | undefined, user: RequestUser | undefined, actor: Actor): Promise<void> {
    if (!sessionId || !user) return;
    await this.dataSource.transaction(async (manager) => {
      await this.sessions.deleteById(manager, sessionId);
      await this.audit.record(manager, actor, { action: 'logout', entityType: 'user', entityId: user.id, summary: 'Signed out' });
    });
  }

  /**
   * Changes the signed-in user's password after checking the current one (wrong guesses count
   * towards the sign-in limit). Every other session of the user ends; the current one is replaced.
   */
  async changePassword(
    user: RequestUser,
    currentPassword: string,
    newPassword: string,
    client: ClientInfo & { ip: string },
    actor: Actor,
  ): Promise<NewSession> {
    const problem = passwordProblem(newPassword, user.email);
    if (problem) throw new ValidationFailedException([{ field: 'newPassword', message: problem }], `The new password ${problem}`);
    const row = await this.dataSource.getRepository(UserEntity).findOneByOrFail({ id: user.id });
    const decision = await this.limiter.take(loginLimits(row.emailNormalized, client.ip));
    if (!decision.allowed) throw AuthException.throttled(decision.retryAfterSeconds);
    if (!(await verifyPassword(row.passwordHash, currentPassword))) {
      throw new ValidationFailedException([{ field: 'currentPassword', message: 'is incorrect' }], 'The current password is incorrect');
    }
    await this.limiter.release(decision.hitIds);
    const passwordHash = await hashPassword(newPassword);
    return this.dataSource.transaction(async (manager) => {
      await manager.update(UserEntity, { id: user.id }, { passwordHash });
      await this.sessions.deleteAllForUser(manager, user.id);
      const session = await this.sessions.create(manager, user.id, client, user.role);
      await this.audit.record(manager, actor, {
        action: 'update',
        entityType: 'user',
        entityId: user.id,
        summary: 'Changed password; other sessions signed out',
      });
      return session;
    });
  }
}
