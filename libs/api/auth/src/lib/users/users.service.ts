import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, AuditService } from '@pactwatch/api/audit';
import { Clock, DomainException, NotFoundException, ValidationFailedException, VersionConflictException } from '@pactwatch/api/core';
import type { MeDto, UserDto } from '@pactwatch/shared/contracts';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { UserEntity } from '../entities/user.entity';
import { AccountLinksService } from '../links/account-links.service';
import { hashPassword, passwordProblem } from '../passwords/passwords';
import { normalizeEmail } from '../secrets';
import { SessionService } from '../sessions/session.service';
import { ApiTokenService } from '../tokens/api-token.service';
import { FeedTokenService } from '../tokens/feed-token.service';
import { CreateUserBody, UpdateMeBody, UpdateUserBody } from './users.dto';
import { auditedUser, toMeDto, toUserDto } from './user.mapper';

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly links: AccountLinksService,
    private readonly sessions: SessionService,
    private readonly apiTokens: ApiTokenService,
    private readonly feedTokens: FeedTokenService,
  ) {}

  async list(): Promise<UserDto[]> {
    const rows = await this.dataSource.getRepository(UserEntity).find({ order: { emailNormalized: 'ASC' } });
    return rows.map(toUserDto);
  }

  /** Creates an account. Without a password the user gets an emailed invitation link to choose one. */
  async create(body: CreateUserBody, actor: Actor): Promise<UserDto> {
    if (body.password !== undefined) {
      const problem = passwordProblem(body.password, body.email);
      if (problem) throw new ValidationFailedException([{ field: 'password', message: problem }], `The password ${problem}`);
    }
    const passwordHash = body.password !== undefined ? await hashPassword(body.password) : null;
    return this.dataSource.transaction(async (manager) => {
      const emailNormalized = normalizeEmail(body.email);
      if (await manager.existsBy(UserEntity, { emailNormalized })) {
        throw new DomainException('conflict', `A user with the email ${body.email.trim()} already exists`, { field: 'email' });
      }
      const user = await manager.save(
        manager.create(UserEntity, {
          email: body.email.trim(),
          emailNormalized,
          displayName: body.displayName.trim(),
          role: body.role,
          passwordHash,
        }),
      );
      if (!passwordHash) await this.links.issue(manager, user, 'invitation');
      await this.audit.record(manager, actor, {
        action: 'create',
        entityType: 'user',
        entityId: user.id,
        after: auditedUser(user),
        summary: passwordHash ? `Created ${user.role} ${user.email}` : `Invited ${user.role} ${user.email}`,
      });
      return toUserDto(user);
    });
  }

  /**
   * An admin edits a user. Optimistic locking on `version`; disabling signs the user out at once and revokes
   * their API tokens and feed links;
   * the last active admin can be neither demoted nor disabled.
   */
  async update(id: string, body: UpdateUserBody, actor: Actor): Promise<UserDto> {
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new NotFoundException('User', id);
      if (user.version !== body.version) throw new VersionConflictException('User', id, body.version, toUserDto(user));
      const before = auditedUser(user);
      const wasActiveAdmin = user.role === 'admin' && !user.disabledAt;

      if (body.displayName !== undefined) user.displayName = body.displayName.trim();
      if (body.timeZone !== undefined) user.timeZone = body.timeZone;
      if (body.role !== undefined) user.role = body.role;
      if (body.disabled !== undefined) user.disabledAt = body.disabled ? (user.disabledAt ?? this.clock.now()) : null;

      if (wasActiveAdmin && (user.role !== 'admin' || user.disabledAt)) await this.ensureAnotherAdmin(manager, user.id);
      const disabling = !before['disabled'] && Boolean(user.disabledAt);
      const saved = await manager.save(user);
      if (saved.disabledAt) await this.sessions.deleteAllForUser(manager, saved.id);
      // Revoked, not just suspended: enabling the account again does not bring old tokens back.
      if (disabling) {
        await this.apiTokens.revokeAllForUser(manager, saved.id);
        await this.feedTokens.revokeAllForUser(manager, saved.id);
      }
      await this.audit.record(manager, actor, {
        action: 'update',
        entityType: 'user',
        entityId: saved.id,
        before,
        after: auditedUser(saved),
        summary: `Updated ${saved.email}`,
      });
      return toUserDto(saved);
    });
  }

  async me(userId: string): Promise<MeDto> {
    return toMeDto(await this.dataSource.getRepository(UserEntity).findOneByOrFail({ id: userId }));
  }

  /** A user edits their own name and time zone; nothing else about them. */
  async updateMe(userId: string, body: UpdateMeBody, actor: Actor): Promise<MeDto> {
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.findOneOrFail(UserEntity, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      const before = auditedUser(user);
      if (body.displayName !== undefined) user.displayName = body.displayName.trim();
      if (body.timeZone !== undefined) user.timeZone = body.timeZone;
      const saved = await manager.save(user);
      await this.audit.record(manager, actor, {
        action: 'update',
        entityType: 'user',
        entityId: saved.id,
        before,
        after: auditedUser(saved),
        summary: 'Updated own profile',
      });
      return toMeDto(saved);
    });
  }

  /** Locks every active admin row, so two admins demoting each other at once cannot both succeed. */
  private async ensureAnotherAdmin(manager: EntityManager, exceptId: string): Promise<void> {
    const admins = await manager.find(UserEntity, { where: { role: 'admin', disabledAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
    if (!admins.some((admin) => admin.id !== exceptId)) {
      throw new DomainException('conflict', 'Pactwatch needs at least one active admin: promote someone else first');
    }
  }
}
