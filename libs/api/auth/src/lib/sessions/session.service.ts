import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, Clock, RequestUser } from '@pactwatch/api/core';
import { DataSource, EntityManager, LessThanOrEqual, Not } from 'typeorm';
import { SESSION_STATEMENT, SessionRow, userOf } from '../access/credential-statements';
import { SessionEntity } from '../entities/session.entity';
import { UserEntity } from '../entities/user.entity';
import { randomToken, sha256 } from '../secrets';

/** Writes to last_seen_at are skipped within this interval, so a busy tab does not write on every request. */
const TOUCH_INTERVAL_MS = 60_000;

export interface NewSession {
  id: string;
  /** The cookie value; never stored. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface ActiveSession {
  id: string;
  csrfToken: string;
  expiresAt: Date;
  user: RequestUser;
}

export interface ClientInfo {
  ip?: string | null;
  userAgent?: string | null;
}

/**
 * Sessions live in PostgreSQL, so they survive restarts and every replica sees them. A session ends
 * SESSION_ABSOLUTE_HOURS after sign-in; after SESSION_IDLE_MINUTES without a request (SESSION_ADMIN_IDLE_MINUTES
 * for admins, judged by the user's role at each request); at sign-out; or when its user is disabled or changes
 * password.
 */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** How long a session of this role may sit unused. */
  idleMs(role: RequestUser['role']): number {
    return (role === 'admin' ? this.config.env.SESSION_ADMIN_IDLE_MINUTES : this.config.env.SESSION_IDLE_MINUTES) * 60_000;
  }

  private get maxMs(): number {
    return this.config.env.SESSION_ABSOLUTE_HOURS * 3_600_000;
  }

  /** Signs the user in: a new session row (role: the user's, looked up when not given). */
  async create(manager: EntityManager, userId: string, client: ClientInfo = {}, role?: RequestUser['role']): Promise<NewSession> {
    const now = this.clock.now();
    const userRole = role ?? (await manager.findOneOrFail(UserEntity, { where: { id: userId }, select: { id: true, role: true } })).role;
    const token = randomToken();
    const csrfToken = randomToken();
    const expiresAt = new Date(now.getTime() + this.maxMs);
    const idleExpiresAt = new Date(Math.min(now.getTime() + this.idleMs(userRole), expiresAt.getTime()));
    const row = await manager.save(
      manager.create(SessionEntity, {
        tokenHash: sha256(token),
        userId,
        csrfToken,
        createdAt: now,
        lastSeenAt: now,
        idleExpiresAt,
        expiresAt,
        ip: client.ip?.slice(0, 64) ?? null,
        userAgent: client.userAgent?.slice(0, 300) ?? null,
      }),
    );
    return { id: row.id, token, csrfToken, expiresAt };
  }

  /** The live session for a cookie value, or null; slides the idle expiry forward. */
  async resolve(token: string): Promise<ActiveSession | null> {
    if (!token || token.length > 200) return null;
    const now = this.clock.now();
    const [session] = (await this.dataSource.query(SESSION_STATEMENT, [sha256(token), now])) as SessionRow[];
    if (!session) return null;
    if (now.getTime() - session.last_seen_at.getTime() >= TOUCH_INTERVAL_MS) {
      const idleExpiresAt = new Date(Math.min(now.getTime() + this.idleMs(session.role), session.expires_at.getTime()));
      await this.dataSource.getRepository(SessionEntity).update({ id: session.id }, { lastSeenAt: now, idleExpiresAt });
    }
    return { id: session.id, csrfToken: session.csrf_token, expiresAt: session.expires_at, user: userOf(session) };
  }

  async deleteByToken(token: string): Promise<void> {
    if (token) await this.dataSource.getRepository(SessionEntity).delete({ tokenHash: sha256(token) });
  }

  async deleteById(manager: EntityManager, id: string): Promise<void> {
    await manager.delete(SessionEntity, { id });
  }

  /** Signs the user out everywhere, except (optionally) one session. */
  async deleteAllForUser(manager: EntityManager, userId: string, exceptSessionId?: string): Promise<void> {
    await manager.delete(SessionEntity, exceptSessionId ? { userId, id: Not(exceptSessionId) } : { userId });
  }

  /** Removes sessions past their idle or absolute expiry. */
  async deleteExpired(): Promise<number> {
    const result = await this.dataSource.getRepository(SessionEntity).delete({ idleExpiresAt: LessThanOrEqual(this.clock.now()) });
    return result.affected ?? 0;
  }
}
