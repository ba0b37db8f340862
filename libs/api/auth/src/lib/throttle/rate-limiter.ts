import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock } from '@pactwatch/api/core';
import { DataSource, LessThan } from 'typeorm';
import { RateLimitHitEntity } from '../entities/rate-limit-hit.entity';

export interface RateLimit {
  bucket: string;
  /** Hits allowed within the window; the next one is refused. */
  max: number;
  windowSeconds: number;
}

export type RateLimitDecision = { allowed: true; hitIds: string[] } | { allowed: false; retryAfterSeconds: number };

/**
 * Sliding-window rate limits kept in PostgreSQL, so every replica counts together.
 *
 * `take` records a hit in each bucket first and counts afterwards. Each insert commits before its
 * count, so the last of any number of concurrent callers sees all of them: at most `max` hits per
 * window get through, however many instances race. A refused hit is removed again, so hammering a
 * locked bucket does not extend the lock.
 */
@Injectable()
export class RateLimiter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async take(limits: RateLimit[]): Promise<RateLimitDecision> {
    const now = this.clock.now();
    const buckets = limits.map((limit) => limit.bucket);
    const longest = Math.max(...limits.map((limit) => limit.windowSeconds));
    await this.dataSource.query(`DELETE FROM rate_limit_hits WHERE bucket = ANY($1) AND hit_at <= $2`, [
      buckets,
      new Date(now.getTime() - longest * 1000),
    ]);
    const inserted: { id: string }[] = await this.dataSource.query(
      `INSERT INTO rate_limit_hits (bucket, hit_at) SELECT unnest($1::varchar[]), $2 RETURNING id`,
      [buckets, now],
    );
    const hitIds = inserted.map((row) => row.id);

    let retryAfterSeconds = 0;
    for (const limit of limits) {
      const since = new Date(now.getTime() - limit.windowSeconds * 1000);
      const [{ count }] = await this.dataSource.query(
        `SELECT count(*)::int AS count FROM rate_limit_hits WHERE bucket = $1 AND hit_at > $2`,
        [limit.bucket, since],
      );
      if (count <= limit.max) continue;
      // Once our own hit is withdrawn, the next one fits when the (count - max)th oldest other hit leaves the window.
      const [freed] = await this.dataSource.query(
        `SELECT hit_at FROM rate_limit_hits WHERE bucket = $1 AND hit_at > $2 AND NOT (id = ANY($3::uuid[]))
          ORDER BY hit_at, id OFFSET $4 LIMIT 1`,
        [limit.bucket, since, hitIds, Math.max(0, count - 1 - limit.max)],
      );
      const freedAt = freed ? new Date(freed.hit_at).getTime() + limit.windowSeconds * 1000 : now.getTime() + 1000;
      retryAfterSeconds = Math.max(retryAfterSeconds, Math.max(1, Math.ceil((freedAt - now.getTime()) / 1000)));
    }
    if (retryAfterSeconds === 0) return { allowed: true, hitIds };
    await this.release(hitIds);
    return { allowed: false, retryAfterSeconds };
  }

  /** Takes hits back (e.g. a sign-in attempt that turned out to be correct). */
  async release(hitIds: string[]): Promise<void> {
    if (hitIds.length > 0) await this.dataSource.query(`DELETE FROM rate_limit_hits WHERE id = ANY($1::uuid[])`, [hitIds]);
  }

  /** Forgets a bucket (e.g. an account's failures after a successful sign-in or password reset). */
  async clear(bucket: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM rate_limit_hits WHERE bucket = $1`, [bucket]);
  }

  /** Removes hits older than any window in use. */
  async deleteOlderThan(cutoff: Date): Promise<number> {
    const result = await this.dataSource.getRepository(RateLimitHitEntity).delete({ hitAt: LessThan(cutoff) });
    return result.affected ?? 0;
  }
}
