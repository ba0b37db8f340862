import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config';

/** Mail counts as degraded once sends have failed for this long without one getting through. */
export const MAIL_DEGRADED_AFTER_MS = 15 * 60_000;

export interface MailHealth {
  configured: boolean;
  failingSince: Date | null;
  failingForHours: number | null;
  lastError: string | null;
  lastSuccessAt: Date | null;
  unsent: number;
  degraded: boolean;
}

/**
 * How mail delivery is doing, from `mail_delivery_status`. The health check reports it as a check of its own with
 * status `up` or `degraded`, never `down`: mail is not needed to serve the dashboard or the API, so a mail outage
 * must not take an instance out of a load balancer (readiness stays 200), but monitoring that reads the JSON sees it.
 */
@Injectable()
export class MailHealthReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async read(): Promise<MailHealth> {
    const [row] = await this.dataSource.query(
      `SELECT s.failing_since, s.last_error, s.last_success_at,
              (SELECT count(*)::int FROM mail_outbox WHERE state IN ('pending', 'failed')) AS unsent
         FROM (SELECT 1) one LEFT JOIN mail_delivery_status s ON s.id = 1`,
    );
    const now = this.clock.now().getTime();
    const failingSince: Date | null = row?.failing_since ?? null;
    const failingMs = failingSince ? Math.max(0, now - failingSince.getTime()) : null;
    return {
      configured: this.config.mailConfigured,
      failingSince,
      failingForHours: failingMs === null ? null : Math.floor(failingMs / 3_600_000),
      lastError: row?.last_error ?? null,
      lastSuccessAt: row?.last_success_at ?? null,
      unsent: row?.unsent ?? 0,
      degraded: failingMs !== null && failingMs >= MAIL_DEGRADED_AFTER_MS,
    };
  }

  /** The health check's `mail` entry. */
  async check(key = 'mail'): Promise<HealthIndicatorResult> {
    let health: MailHealth;
    try {
      health = await this.read();
    } catch {
      // Mail's state lives in the database: while that is down the database check reports it, and mail is not
      // reported down on top of it (nor does its failed read turn the answer into a 500).
      return { [key]: { status: 'up', configured: this.config.mailConfigured, known: false } };
    }
    if (!health.configured) return { [key]: { status: 'up', configured: false } };
    if (!health.degraded) return { [key]: { status: 'up', configured: true, unsent: health.unsent } };
    return {
      [key]: {
        // Not 'down': see the class comment. Terminus keeps only 'up' or 'down' results; the health controller
        // turns this flag into the status 'degraded'.
        status: 'up',
        degraded: true,
        configured: true,
        message: `Mail has been failing for ${health.failingForHours} hour(s)`,
        failingSince: health.failingSince?.toISOString(),
        lastError: health.lastError,
        unsent: health.unsent,
      },
    };
  }
}
