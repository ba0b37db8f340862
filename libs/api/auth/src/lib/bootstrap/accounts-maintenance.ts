import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { ADVISORY_LOCKS, AppConfig, Clock, tryWithAdvisoryLock } from '@pactwatch/api/core';
import { DataSource, LessThan } from 'typeorm';
import { AccountLinkEntity } from '../entities/account-link.entity';
import { SessionService } from '../sessions/session.service';
import { RateLimiter } from '../throttle/rate-limiter';

const DAY_MS = 86_400_000;

/** Hourly: deletes expired sessions, day-old rate-limit hits and links that ended a month ago. One replica does it. */
@Injectable()
export class AccountsMaintenance {
  private readonly logger = new Logger('Accounts');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly sessions: SessionService,
    private readonly limiter: RateLimiter,
  ) {}

  @Cron(CronExpression.EVERY_HOUR, { name: 'accounts-cleanup' })
  async scheduled(): Promise<void> {
    if (!this.config.env.SCHEDULER_ENABLED) return;
    try {
      await tryWithAdvisoryLock(this.dataSource, ADVISORY_LOCKS.accountsCleanup, () => this.cleanUp());
    } catch (error) {
      this.logger.error('Cleaning up expired sessions failed', error instanceof Error ? error.stack : String(error));
    }
  }

  async cleanUp(): Promise<{ sessions: number; hits: number; links: number }> {
    const now = this.clock.now().getTime();
    const sessions = await this.sessions.deleteExpired();
    const hits = await this.limiter.deleteOlderThan(new Date(now - DAY_MS));
    const links =
      (await this.dataSource.getRepository(AccountLinkEntity).delete({ expiresAt: LessThan(new Date(now - 30 * DAY_MS)) })).affected ?? 0;
    return { sessions, hits, links };
  }
}
