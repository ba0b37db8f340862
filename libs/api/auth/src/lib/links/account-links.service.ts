import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, AuditService, SYSTEM_ACTOR } from '@pactwatch/api/audit';
import { AppConfig, Clock, DomainException, MailOutbox, ValidationFailedException, WorkspaceSettingsService } from '@pactwatch/api/core';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AccountLinkEntity, AccountLinkPurpose } from '../entities/account-link.entity';
import { UserEntity } from '../entities/user.entity';
import { hashPassword, passwordProblem } from '../passwords/passwords';
import { normalizeEmail, randomToken, sha256 } from '../secrets';
import { ClientInfo, NewSession, SessionService } from '../sessions/session.service';
import { loginAccountBucket, resetAccountLimit, resetIpLimit } from '../throttle/login-limits';
import { RateLimiter } from '../throttle/rate-limiter';
import { ApiTokenService } from '../tokens/api-token.service';
import { FeedTokenService } from '../tokens/feed-token.service';
import { accountLinkMail, LINK_PATHS } from './account-link-mail';
import { actorFor } from '../access/current-user.decorator';

export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export { LINK_PATHS };

/**
 * Password resets and invitations: single-use links with an expiry, emailed through the outbox.
 * Only a hash of each link's token is stored; a newer link of the same kind replaces older ones.
 */
@Injectable()
export class AccountLinksService {
  private readonly logger = new Logger('Accounts');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly outbox: MailOutbox,
    private readonly settings: WorkspaceSettingsService,
    private readonly sessions: SessionService,
    private readonly limiter: RateLimiter,
    private readonly audit: AuditService,
    private readonly apiTokens: ApiTokenService,
    private readonly feedTokens: FeedTokenService,
  ) {}

  /**
   * Emails a reset link if the address belongs to an enabled account. The caller always answers 202, so the
   * response says nothing about which addresses have accounts, and neither does its timing: both paths count the
   * request against the address's cap, look the account up, render the mail and write it to the outbox in one
   * transaction that commits. For an address without an account, the mail and its audit entry are written inside a
   * savepoint that is rolled back, so the same statements run and nothing is kept or sent.
   */
  async requestPasswordReset(email: string, ip: string, requestId: string): Promise<void> {
    const ipDecision = await this.limiter.take([resetIpLimit(ip)]);
    if (!ipDecision.allowed)
      throw new DomainException('throttled', 'Too many reset requests', { retryAfterSeconds: ipDecision.retryAfterSeconds });
    const normalized = normalizeEmail(email);
    // Silently capped per address (known or not), so nobody can flood someone's inbox.
    const accountDecision = await this.limiter.take([resetAccountLimit(normalized)]);
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ emailNormalized: normalized });
    const recipient = user && !user.disabledAt && accountDecision.allowed ? user : null;
    await this.dataSource.transaction(async (manager) => {
      // The same statements on both paths, one round trip each: only the savepoint's ending differs.
      await manager.query('SAVEPOINT password_reset');
      const target = recipient ?? decoyUser(email.trim(), normalized);
      await this.issue(manager, target, 'password_reset', { store: recipient !== null });
      await this.audit.record(
        manager,
        { ...SYSTEM_ACTOR, requestId },
        {
          action: 'create',
          entityType: 'password_reset',
          entityId: target.id,
          summary: `Password reset link emailed to ${target.email}`,
        },
      );
      await manager.query(recipient ? 'RELEASE SAVEPOINT password_reset' : 'ROLLBACK TO SAVEPOINT password_reset');
    });
  }

  /**
   * Creates a link, stores its hash and queues the email, inside the caller's transaction. With `store: false`
   * (the reset decoy) the link row is not written, as there is no account to tie it to.
   */
  async issue(manager: EntityManager, user: UserEntity, purpose: AccountLinkPurpose, options = { store: true }): Promise<void> {
    const now = this.clock.now();
    await manager.update(AccountLinkEntity, { userId: user.id, purpose, usedAt: IsNull() }, { usedAt: now });
    const token = randomToken();
    const expiresAt = new Date(now.getTime() + (purpose === 'invitation' ? INVITATION_TTL_MS : PASSWORD_RESET_TTL_MS));
    const fields = { userId: user.id, purpose, tokenHash: sha256(token), createdAt: now, expiresAt, usedAt: null };
    // One statement either way: the decoy looks its made-up link up instead of writing it (there is no account to own it).
    let linkId: string;
    if (options.store) {
      linkId = (await manager.insert(AccountLinkEntity, fields)).identifiers[0]['id'] as string;
    } else {
      await manager.query('SELECT id FROM account_links WHERE token_hash = $1', [fields.tokenHash]);
      linkId = randomUUID();
    }
    const url = `${this.config.publicUrl}${LINK_PATHS[purpose]}?token=${encodeURIComponent(token)}`;
    const { workspaceName } = await this.settings.get();
    await this.outbox.enqueue(
      {
        to: user.email,
        dedupeKey: `${purpose}:${linkId}`,
        ...accountLinkMail(purpose, { url, workspaceName, displayName: user.displayName, expiresAt }),
      },
      manager,
    );
    if (!this.config.mailConfigured && options.store)
      this.logger.log(`Mail is not configured: the ${purpose.replace('_', ' ')} email for ${user.email} waits in the outbox`);
  }

  /**
   * Sets a new password from a reset link. Every session of the user ends and every API token and feed link is
   * revoked: whoever asked for the reset may be recovering from a stolen password.
   */
  async confirmPasswordReset(token: string, newPassword: string, requestId: string): Promise<void> {
    this.checkPassword(newPassword, 'newPassword');
    const user = await this.dataSource.transaction(async (manager) => {
      const user = await this.consume(manager, token, 'password_reset');
      // Refused here, the transaction rolls back and the link stays usable.
      this.checkPassword(newPassword, 'newPassword', user.email);
      await manager.update(UserEntity, { id: user.id }, { passwordHash: await hashPassword(newPassword) });
      await this.sessions.deleteAllForUser(manager, user.id);
      const revoked =
        (await this.apiTokens.revokeAllForUser(manager, user.id)) + (await this.feedTokens.revokeAllForUser(manager, user.id));
      await this.audit.record(manager, actorFor(user, requestId), {
        action: 'update',
        entityType: 'user',
        entityId: user.id,
        summary: `Reset password with an emailed link; all sessions signed out${revoked ? `, ${revoked} token(s) revoked` : ''}`,
      });
      return user;
    });
    // The owner proved control of the mailbox: forgive the account's failed sign-ins.
    await this.limiter.clear(loginAccountBucket(user.emailNormalized));
  }

  /** Accepts an invitation: sets the password (and optionally the name) and signs the new user in. */
  async acceptInvitation(
    token: string,
    password: string,
    displayName: string | undefined,
    client: ClientInfo,
    requestId: string,
  ): Promise<{ user: UserEntity; session: NewSession }> {
    this.checkPassword(password, 'password');
    return this.dataSource.transaction(async (manager) => {
      const user = await this.consume(manager, token, 'invitation');
      this.checkPassword(password, 'password', user.email);
      const passwordHash = await hashPassword(password);
      const before = { displayName: user.displayName, invited: !user.passwordHash };
      user.passwordHash = passwordHash;
      if (displayName?.trim()) user.displayName = displayName.trim();
      await manager.save(user);
      const session = await this.sessions.create(manager, user.id, client, user.role);
      const actor: Actor = actorFor(user, requestId);
      await this.audit.record(manager, actor, [
        {
          action: 'update',
          entityType: 'user',
          entityId: user.id,
          before,
          after: { displayName: user.displayName, invited: false },
          summary: 'Accepted the invitation',
        },
        { action: 'login', entityType: 'user', entityId: user.id, summary: 'Signed in after accepting the invitation' },
      ]);
      return { user, session };
    });
  }

  /** Marks a link used, atomically, and returns its user; refuses unknown, expired and used links distinctly. */
  private async consume(manager: EntityManager, token: string, purpose: AccountLinkPurpose): Promise<UserEntity> {
    const now = this.clock.now();
    const link = await manager.findOne(AccountLinkEntity, {
      where: { tokenHash: sha256(token), purpose },
      lock: { mode: 'pessimistic_write' },
    });
    const what = purpose === 'invitation' ? 'invitation link' : 'password reset link';
    if (!link) throw new DomainException('link_invalid', `This ${what} is not valid. Check that you copied the whole link.`);
    if (link.usedAt)
      throw new DomainException('link_used', `This ${what} has already been used or was replaced by a newer one. Ask for a new link.`);
    if (link.expiresAt.getTime() <= now.getTime())
      throw new DomainException('link_expired', `This ${what} has expired. Ask for a new link.`);
    const user = await manager.findOne(UserEntity, { where: { id: link.userId }, lock: { mode: 'pessimistic_write' } });
    if (!user || user.disabledAt) throw new DomainException('link_invalid', `This ${what} is not valid: the account is disabled.`);
    link.usedAt = now;
    await manager.save(link);
    return user;
  }

  private checkPassword(password: string, field: string, email?: string): void {
    const problem = passwordProblem(password, email);
    if (problem) throw new ValidationFailedException([{ field, message: problem }], `The password ${problem}`);
  }
}

/** The account a reset request for an unknown address pretends to have, for the rolled-back decoy writes. */
function decoyUser(email: string, emailNormalized: string): UserEntity {
  return Object.assign(new UserEntity(), { id: '00000000-0000-0000-0000-000000000000', email, emailNormalized, displayName: email });
}
