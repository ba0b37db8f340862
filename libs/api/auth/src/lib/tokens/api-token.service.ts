import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, AuditService } from '@pactwatch/api/audit';
import { Clock, DomainException, NotFoundException, RequestUser } from '@pactwatch/api/core';
import type { ApiTokenDto, ApiTokenScope, CreatedApiTokenDto, TokenLifetimeDays } from '@pactwatch/shared/contracts';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { API_TOKEN_STATEMENT, ApiTokenRow, userOf } from '../access/credential-statements';
import { ApiTokenEntity } from '../entities/api-token.entity';
import { randomToken, sha256 } from '../secrets';
import { expiryAfter, revokeAllOf } from './token-lifetime';

/** Every token starts with this, so secret scanners and people can recognise one. */
export const API_TOKEN_PREFIX = 'pw_';
const MAX_ACTIVE_TOKENS = 50;
const LAST_USED_INTERVAL_MS = 60_000;

/** The caller behind a bearer token, and what the token may do. */
export interface ApiTokenHolder {
  user: RequestUser;
  scope: ApiTokenScope;
}

export interface NewApiToken {
  name: string;
  scope: ApiTokenScope;
  expiresInDays?: TokenLifetimeDays | null;
}

@Injectable()
export class ApiTokenService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async list(userId: string): Promise<ApiTokenDto[]> {
    const rows = await this.dataSource.getRepository(ApiTokenEntity).find({ where: { userId }, order: { createdAt: 'DESC', id: 'ASC' } });
    return rows.map(toApiTokenDto);
  }

  async create(user: RequestUser, input: NewApiToken, actor: Actor): Promise<CreatedApiTokenDto> {
    const token = `${API_TOKEN_PREFIX}${randomToken()}`;
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const active = await manager.count(ApiTokenEntity, { where: { userId: user.id, revokedAt: IsNull() } });
      if (active >= MAX_ACTIVE_TOKENS) {
        throw new DomainException('conflict', `You already have ${MAX_ACTIVE_TOKENS} active tokens; revoke one first`);
      }
      const row = await manager.save(
        manager.create(ApiTokenEntity, {
          userId: user.id,
          name: input.name.trim(),
          prefix: token.slice(0, 10),
          tokenHash: sha256(token),
          scope: input.scope,
          createdAt: now,
          expiresAt: expiryAfter(now, input.expiresInDays),
          lastUsedAt: null,
          revokedAt: null,
        }),
      );
      const dto = toApiTokenDto(row);
      await this.audit.record(manager, actor, {
        action: 'create',
        entityType: 'api_token',
        entityId: row.id,
        after: { name: dto.name, prefix: dto.prefix, scope: dto.scope, expiresAt: dto.expiresAt, userId: user.id },
        summary: `Created ${dto.scope} API token "${dto.name}"`,
      });
      return { ...dto, token };
    });
  }

  /** Revokes one of the user's tokens; effective for the very next request. Revoking twice is harmless. */
  async revoke(userId: string, id: string, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(ApiTokenEntity, { where: { id, userId }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new NotFoundException('API token', id);
      if (row.revokedAt) return;
      row.revokedAt = this.clock.now();
      await manager.save(row);
      await this.audit.record(manager, actor, {
        action: 'revoke',
        entityType: 'api_token',
        entityId: row.id,
        before: { name: row.name, prefix: row.prefix, revokedAt: null },
        after: { name: row.name, prefix: row.prefix, revokedAt: row.revokedAt.toISOString() },
        summary: `Revoked API token "${row.name}"`,
      });
    });
  }

  /** Revokes every live token of the user (password reset, account disabled); returns how many. */
  revokeAllForUser(manager: EntityManager, userId: string): Promise<number> {
    return revokeAllOf(manager, ApiTokenEntity, userId, this.clock.now());
  }

  /** Who a token stands for and its scope, or null when it is unknown, revoked, expired, or its user is disabled. */
  async resolve(token: string): Promise<ApiTokenHolder | null> {
    if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return null;
    const now = this.clock.now();
    const [row] = (await this.dataSource.query(API_TOKEN_STATEMENT, [sha256(token), now])) as ApiTokenRow[];
    if (!row) return null;
    if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() >= LAST_USED_INTERVAL_MS) {
      await this.dataSource.getRepository(ApiTokenEntity).update({ id: row.id }, { lastUsedAt: now });
    }
    return { user: userOf(row), scope: row.scope };
  }
}

export function toApiTokenDto(row: ApiTokenEntity): ApiTokenDto {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scope: row.scope,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
