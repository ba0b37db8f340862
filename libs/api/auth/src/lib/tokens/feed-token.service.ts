import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, AuditService } from '@pactwatch/api/audit';
import {
  AppConfig,
  Clock,
  DomainException,
  FieldError,
  NotFoundException,
  RequestUser,
  ValidationFailedException,
} from '@pactwatch/api/core';
import { FEED_FILTER_KEYS, FEED_PATHS } from '@pactwatch/shared/contracts';
import type { CreatedFeedTokenDto, FeedFilter, FeedKind, FeedTokenDto, TokenLifetimeDays } from '@pactwatch/shared/contracts';
import { IMPLEMENTATION_STATUSES, isIsoDate, SCHEDULE_FLAGS } from '@pactwatch/shared/deadlines';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { FEED_TOKEN_STATEMENT, FeedTokenRow, userOf } from '../access/credential-statements';
import { FeedTokenEntity } from '../entities/feed-token.entity';
import { randomToken, sha256 } from '../secrets';
import { API_TOKEN_PREFIX } from './api-token.service';
import { expiryAfter, revokeAllOf } from './token-lifetime';

/** Feed tokens start with this; links made before feed tokens existed still carry the API token prefix. */
export const FEED_TOKEN_PREFIX = 'pwf_';
const MAX_ACTIVE_FEED_TOKENS = 50;
const LAST_USED_INTERVAL_MS = 60_000;
const MAX_FILTER_VALUE_LENGTH = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The caller behind a feed link: whose it is, and the one feed (and filter) it reads. */
export interface FeedTokenHolder {
  user: RequestUser;
  feed: FeedKind;
  filter: FeedFilter | null;
}

export interface NewFeedToken {
  name: string;
  feed: FeedKind;
  filter?: Record<string, unknown>;
  expiresInDays?: TokenLifetimeDays | null;
}

/** Does the string look like a token of either kind (so a route that does not take tokens can refuse it clearly)? */
export function looksLikeToken(value: string): boolean {
  return value.startsWith(API_TOKEN_PREFIX) || value.startsWith(FEED_TOKEN_PREFIX);
}

/**
 * Feed tokens: one calendar or Atom feed each, read-only, revocable one by one. The access guard accepts
 * them as `?token=` on that feed's route and nowhere else.
 */
@Injectable()
export class FeedTokenService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async list(userId: string): Promise<FeedTokenDto[]> {
    const rows = await this.dataSource.getRepository(FeedTokenEntity).find({ where: { userId }, order: { createdAt: 'DESC', id: 'ASC' } });
    return rows.map(toFeedTokenDto);
  }

  async create(user: RequestUser, input: NewFeedToken, actor: Actor): Promise<CreatedFeedTokenDto> {
    const filter = checkedFilter(input.filter ?? {});
    const token = `${FEED_TOKEN_PREFIX}${randomToken()}`;
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const active = await manager.count(FeedTokenEntity, { where: { userId: user.id, revokedAt: IsNull() } });
      if (active >= MAX_ACTIVE_FEED_TOKENS) {
        throw new DomainException('conflict', `You already have ${MAX_ACTIVE_FEED_TOKENS} active feed links; revoke one first`);
      }
      const row = await manager.save(
        manager.create(FeedTokenEntity, {
          userId: user.id,
          name: input.name.trim(),
          feed: input.feed,
          filter,
          prefix: token.slice(0, 11),
          tokenHash: sha256(token),
          createdAt: now,
          expiresAt: expiryAfter(now, input.expiresInDays),
          lastUsedAt: null,
          revokedAt: null,
        }),
      );
      const dto = toFeedTokenDto(row);
      await this.audit.record(manager, actor, {
        action: 'create',
        entityType: 'feed_token',
        entityId: row.id,
        after: { name: dto.name, prefix: dto.prefix, feed: dto.feed, filter: dto.filter, expiresAt: dto.expiresAt, userId: user.id },
        summary: `Created feed link "${dto.name}"`,
      });
      return { ...dto, token, url: feedUrl(this.config.publicUrl, row.feed, filter, token) };
    });
  }

  async revoke(userId: string, id: string, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(FeedTokenEntity, { where: { id, userId }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new NotFoundException('Feed link', id);
      if (row.revokedAt) return;
      row.revokedAt = this.clock.now();
      await manager.save(row);
      await this.audit.record(manager, actor, {
        action: 'revoke',
        entityType: 'feed_token',
        entityId: row.id,
        before: { name: row.name, prefix: row.prefix, revokedAt: null },
        after: { name: row.name, prefix: row.prefix, revokedAt: row.revokedAt.toISOString() },
        summary: `Revoked feed link "${row.name}"`,
      });
    });
  }

  revokeAllForUser(manager: EntityManager, userId: string): Promise<number> {
    return revokeAllOf(manager, FeedTokenEntity, userId, this.clock.now());
  }

  /** Whether the string is a live feed token (without counting it as used): to tell a misused feed token from a bad one. */
  async exists(token: string): Promise<boolean> {
    if (!looksLikeToken(token) || token.length > 200) return false;
    const rows = (await this.dataSource.query(FEED_TOKEN_STATEMENT, [sha256(token), this.clock.now()])) as FeedTokenRow[];
    return rows.length > 0;
  }

  /** The feed a token reads and whose it is, or null when unknown, revoked, expired, or its user is disabled. */
  async resolve(token: string): Promise<FeedTokenHolder | null> {
    if (!looksLikeToken(token) || token.length > 200) return null;
    const now = this.clock.now();
    const [row] = (await this.dataSource.query(FEED_TOKEN_STATEMENT, [sha256(token), now])) as FeedTokenRow[];
    if (!row) return null;
    if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() >= LAST_USED_INTERVAL_MS) {
      await this.dataSource.getRepository(FeedTokenEntity).update({ id: row.id }, { lastUsedAt: now });
    }
    return { user: userOf(row), feed: row.feed, filter: row.filter };
  }
}

export function toFeedTokenDto(row: FeedTokenEntity): FeedTokenDto {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    feed: row.feed,
    filter: row.filter,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** The feed's address: its filter, then the token, as calendar apps will fetch it. */
export function feedUrl(publicUrl: string, feed: FeedKind, filter: FeedFilter, token: string): string {
  const params = new URLSearchParams({ ...filter, token });
  return `${publicUrl}${FEED_PATHS[feed]}?${params.toString()}`;
}

/**
 * A feed link's filter, checked and in a canonical form (known keys only, values trimmed, empty ones dropped),
 * so a link that could only ever answer 400 is refused when it is made.
 */
export function checkedFilter(raw: Record<string, unknown>): FeedFilter {
  const errors: FieldError[] = [];
  const filter: FeedFilter = {};
  const allowed = new Set<string>(FEED_FILTER_KEYS);
  for (const [key, value] of Object.entries(raw)) {
    const field = `filter.${key}`;
    if (!allowed.has(key)) {
      errors.push({ field, message: `is not a filter of the feeds (use ${FEED_FILTER_KEYS.join(', ')})` });
      continue;
    }
    if (typeof value !== 'string') {
      errors.push({ field, message: 'must be a string (comma-separated for several values)' });
      continue;
    }
    const text = value.trim();
    if (text === '') continue;
    if (text.length > MAX_FILTER_VALUE_LENGTH) {
      errors.push({ field, message: `must be at most ${MAX_FILTER_VALUE_LENGTH} characters` });
      continue;
    }
    const problem = valueProblem(key, text);
    if (problem) errors.push({ field, message: problem });
    else filter[key as keyof FeedFilter] = text;
  }
  if (errors.length) throw new ValidationFailedException(errors, `The feed filter ${errors[0].field.slice(7)} ${errors[0].message}`);
  return Object.fromEntries(Object.entries(filter).sort(([a], [b]) => a.localeCompare(b)));
}

function valueProblem(key: string, text: string): string | null {
  const values = text.split(',').map((part) => part.trim());
  const oneOf = (allowed: readonly string[]) =>
    values.every((v) => allowed.includes(v)) ? null : `each value must be one of ${allowed.join(', ')}`;
  switch (key) {
    case 'status':
      return oneOf(IMPLEMENTATION_STATUSES);
    case 'flag':
      return oneOf(SCHEDULE_FLAGS);
    case 'agreement':
      return values.every((v) => UUID.test(v)) ? null : 'each value must be an agreement id (UUID)';
    case 'assignee':
      return values.every((v) => v === 'me' || UUID.test(v)) ? null : 'each value must be a user id or "me"';
    case 'dueFrom':
    case 'dueTo':
      return /^\d{4}-\d{2}-\d{2}$/.test(text) && isIsoDate(text) ? null : 'must be a date in YYYY-MM-DD format';
    default:
      return null;
  }
}
