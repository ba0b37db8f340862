import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, Clock } from '@pactwatch/api/core';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { DataSource } from 'typeorm';
import { MAIL_TRANSPORT, type MailTransport } from './mail-transport';

/** Attempts before a delivery goes dead (about 35 hours of retrying with the default backoff below). */
export const MAX_ATTEMPTS = 12;
/** The default first wait (MAIL_RETRY_BASE_SECONDS). */
export const RETRY_BASE_MS = 5 * 60_000;
export const RETRY_CAP_MS = 6 * 3_600_000;
/** Unsent mail older than this is not sent any more (e.g. a backlog kept while SMTP was not configured). */
export const MAX_AGE_MS = 7 * 86_400_000;
/** On shutdown, sends in progress get this long to finish; what is still unsent is then released to other instances. */
const SHUTDOWN_GRACE_MS = 5_000;

/** Exponential backoff after the n-th failed attempt: by default 5 min, 10 min, 20 min … capped at 6 h. */
export function retryDelayMs(attempts: number, baseMs = RETRY_BASE_MS): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), RETRY_CAP_MS);
}

export interface SendResult {
  claimed: number;
  sent: number;
  retrying: number;
  dead: number;
  /** True when SMTP_URL is not set: nothing is sent, deliveries stay pending in the outbox. */
  notConfigured: boolean;
}

interface ClaimedRow {
  id: string;
  recipient: string;
  subject: string;
  text: string;
  html: string;
  unsubscribe_url: string | null;
  attempts: number;
  message_id: string;
}

/** The rows of an UPDATE … RETURNING: TypeORM answers `[rows, count]` for updates. */
function returnedRows<T>(result: [T[], number] | T[]): T[] {
  return Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]);
}

/**
 * Sends what the outbox holds. Each batch is claimed in one short statement with FOR UPDATE SKIP LOCKED,
 * so any number of instances can send at once and none sends a row another has claimed. The claim stores
 * the Message-ID, and every attempt reuses it: a mail sent again after a crash carries the same one, so a
 * receiver can tell it is the same message.
 *
 * On shutdown it stops claiming, lets sends in progress finish for a while, then releases what is still
 * unsent so another instance sends it.
 */
@Injectable()
export class MailSender implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('MailSender');
  readonly instanceId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly messageIdDomain: string;
  private stopping = false;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport | null,
  ) {
    this.messageIdDomain = new URL(config.publicUrl).hostname || 'pactwatch.localhost';
  }

  get configured(): boolean {
    return this.transport !== null;
  }

  /** Sends every delivery that is due at the clock's time, batch by batch, until none is left to claim (or shutdown begins). */
  sendDue(options: { batchSize?: number; maxBatches?: number } = {}): Promise<SendResult> {
    const run = this.sendBatches(options);
    this.inFlight.add(run);
    return run.finally(() => this.inFlight.delete(run));
  }

  private async sendBatches(options: { batchSize?: number; maxBatches?: number }): Promise<SendResult> {
    const result: SendResult = { claimed: 0, sent: 0, retrying: 0, dead: 0, notConfigured: !this.transport };
    if (!this.transport || this.stopping) return result;
    const now = this.clock.now();
    const leaseMs = this.config.env.MAIL_CLAIM_LEASE_SECONDS * 1000;
    // Housekeeping in one statement: give up on mail too old to be useful, and retry claims a crashed sender left.
    await this.dataSource.query(
      `UPDATE mail_outbox SET
              state = CASE WHEN state <> 'sending' THEN 'cancelled' WHEN attempts >= $3 THEN 'dead' ELSE 'failed' END,
              next_attempt_at = CASE WHEN state = 'sending' THEN $1::timestamptz END,
              last_error = CASE WHEN state <> 'sending'
                THEN COALESCE(last_error || ' / ', '') || 'Expired: not sent within 7 days of being planned'
                ELSE 'The sender ' || claimed_by || ' did not confirm this mail; it may or may not have gone out' END,
              claimed_by = CASE WHEN state = 'sending' THEN NULL ELSE claimed_by END
        WHERE (state IN ('pending', 'failed') AND created_at < $4) OR (state = 'sending' AND claimed_at < $2)`,
      [now, new Date(now.getTime() - leaseMs), MAX_ATTEMPTS, new Date(now.getTime() - MAX_AGE_MS)],
    );
    const batchSize = options.batchSize ?? 25;
    for (let batch = 0; batch < (options.maxBatches ?? 40) && !this.stopping; batch += 1) {
      const claimed = await this.claim(now, batchSize);
      if (claimed.length === 0) break;
      result.claimed += claimed.length;
      const transport = this.transport;
      const outcomes = await Promise.all(claimed.map((row) => this.sendOne(transport, row, now)));
      for (const outcome of outcomes) result[outcome] += 1;
      if (claimed.length < batchSize) break;
    }
    return result;
  }

  private async claim(now: Date, limit: number): Promise<ClaimedRow[]> {
    return this.dataSource
      .query(
        `UPDATE mail_outbox SET state = 'sending', claimed_by = $2, claimed_at = $1, attempts = attempts + 1,
                message_id = COALESCE(message_id, '<' || id || '@' || $4 || '>')
        WHERE id IN (
          SELECT id FROM mail_outbox
           WHERE state IN ('pending', 'failed') AND (next_attempt_at IS NULL OR next_attempt_at <= $1)
           ORDER BY next_attempt_at, created_at
           LIMIT $3
           FOR UPDATE SKIP LOCKED)
        RETURNING id, recipient, subject, text, html, unsubscribe_url, attempts, message_id`,
        [now, this.instanceId, limit, this.messageIdDomain],
      )
      .then((result: [ClaimedRow[], number] | ClaimedRow[]) => returnedRows(result));
  }

  private async sendOne(transport: MailTransport, row: ClaimedRow, now: Date): Promise<'sent' | 'retrying' | 'dead'> {
    try {
      await transport.sendMail({
        from: this.config.env.MAIL_FROM,
        to: row.recipient,
        subject: row.subject,
        text: row.text,
        html: row.html,
        messageId: row.message_id,
        headers: {
          'Auto-Submitted': 'auto-generated',
          'X-Pactwatch-Delivery': row.id,
          ...(row.unsubscribe_url
            ? { 'List-Unsubscribe': `<${row.unsubscribe_url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
            : {}),
        },
      });
      await this.dataSource.query(
        `UPDATE mail_outbox SET state = 'sent', sent_at = $2, next_attempt_at = NULL, last_error = NULL WHERE id = $1 AND claimed_by = $3`,
        [row.id, now, this.instanceId],
      );
      return 'sent';
    } catch (error) {
      const smtp = error as { responseCode?: number; code?: string; message?: string };
      const permanent = typeof smtp.responseCode === 'number' && smtp.responseCode >= 500 && smtp.responseCode < 600;
      const dead = permanent || row.attempts >= MAX_ATTEMPTS;
      const message = [smtp.responseCode ?? smtp.code, smtp.message ?? String(error)].filter(Boolean).join(' ').slice(0, 2000);
      const nextAttempt = dead
        ? null
        : new Date(now.getTime() + retryDelayMs(row.attempts, this.config.env.MAIL_RETRY_BASE_SECONDS * 1000));
      await this.dataSource.query(
        `UPDATE mail_outbox SET state = $2, last_error = $3, next_attempt_at = $4 WHERE id = $1 AND claimed_by = $5`,
        [row.id, dead ? 'dead' : 'failed', `Attempt ${row.attempts}: ${message}`, nextAttempt, this.instanceId],
      );
      if (dead) this.logger.warn(`Delivery ${row.id} to ${row.recipient} is dead after ${row.attempts} attempt(s): ${message}`);
      return dead ? 'dead' : 'retrying';
    }
  }

  /** Shutdown begins: claim nothing more. */
  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  /** After the HTTP server has drained: give sends in progress a moment, release the rest, close the connections. */
  async onApplicationShutdown(): Promise<void> {
    const finished = await Promise.race([
      Promise.allSettled([...this.inFlight]).then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), SHUTDOWN_GRACE_MS).unref()),
    ]);
    if (!finished) await this.releaseClaims();
    this.transport?.close();
  }

  /** Hands unsent claims back, so another instance sends them (with the Message-ID already stored) without waiting for the lease. */
  private async releaseClaims(): Promise<void> {
    const released = returnedRows<{ id: string }>(
      await this.dataSource.query(
        `UPDATE mail_outbox SET state = 'failed', claimed_by = NULL, next_attempt_at = $2,
              last_error = 'Released unsent when ' || claimed_by || ' shut down'
        WHERE state = 'sending' AND claimed_by = $1 RETURNING id`,
        [this.instanceId, this.clock.now()],
      ),
    );
    if (released.length > 0) this.logger.warn(`Shutting down: released ${released.length} unsent mail(s) to other instances`);
  }
}
