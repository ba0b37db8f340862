import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, Clock, hideLinkTokens, WorkspaceSettingsService } from '@pactwatch/api/core';
import { CLOSED_STATUSES, isValidTimeZone, localDate } from '@pactwatch/shared/deadlines';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { DataSource } from 'typeorm';
import { MAIL_TRANSPORT, type MailTransport } from './mail-transport';
import { ReminderLinks } from './reminder-links';
import { itemsAsOf, renderReminderMail, type CatchUpNote, type ReminderItem } from './reminder-mail';

/** Attempts before a delivery goes dead (about 35 hours of retrying with the default backoff below). */
export const MAX_ATTEMPTS = 12;
/** The default first wait (MAIL_RETRY_BASE_SECONDS). */
export const RETRY_BASE_MS = 5 * 60_000;
export const RETRY_CAP_MS = 6 * 3_600_000;
/**
 * Account mail (password reset, invitation) unsent after this long is not sent any more: its link has expired.
 * Reminder mail never expires this way: once its local day ends it waits for the planner, which replaces it with
 * one catch-up mail (see mail_outbox.stale_at), so no reminder is dropped without a trace.
 */
export const MAX_AGE_MS = 7 * 86_400_000;
/** While mail keeps failing, the log says so again at most this often. */
const ALERT_EVERY_MS = 3_600_000;
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
  /** Dropped at sending: nothing in them still held (every commitment closed or moved since planning). */
  cancelled: number;
  /** True when SMTP_URL is not set: nothing is sent, deliveries stay pending in the outbox. */
  notConfigured: boolean;
}

interface ClaimedRow {
  id: string;
  recipient: string;
  recipient_id: string | null;
  kind: string;
  subject: string;
  text: string;
  html: string;
  items: ReminderItem[];
  unsubscribe_url: string | null;
  attempts: number;
  message_id: string;
}

interface Rendered {
  subject: string;
  text: string;
  html: string;
}

type Outcome = 'sent' | 'retrying' | 'dead' | 'cancelled';

/** How a failed send counts: the recipient's address was refused (permanent), or mail itself is not going out. */
export type SendFailure = 'recipient' | 'outage';

/**
 * Only a refusal of the recipient's address (a 5xx answer to RCPT TO, or an address nodemailer cannot use) is
 * permanent. Everything else is an outage to retry with backoff: a greeting of 421 or 554, a refused or timed-out
 * connection, a failed sign-in (535: a misconfigured SMTP_URL), a server closing the connection.
 */
export function classifySendFailure(error: unknown): SendFailure {
  const smtp = error as { responseCode?: number; code?: string; command?: string; message?: string };
  const code = smtp.responseCode ?? 0;
  if (smtp.command === 'RCPT TO' && code >= 500 && code < 600) return 'recipient';
  if (smtp.code === 'EENVELOPE' && smtp.command === 'API' && /recipient/i.test(smtp.message ?? '')) return 'recipient';
  return 'outage';
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
  private lastAlertAt = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly links: ReminderLinks,
    private readonly settings: WorkspaceSettingsService,
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
    const result: SendResult = { claimed: 0, sent: 0, retrying: 0, dead: 0, cancelled: 0, notConfigured: !this.transport };
    if (!this.transport || this.stopping) return result;
    const now = this.clock.now();
    const leaseMs = this.config.env.MAIL_CLAIM_LEASE_SECONDS * 1000;
    // Housekeeping in one statement: give up on account mail too old to be useful, and retry claims a crashed sender left.
    await this.dataSource.query(
      `UPDATE mail_outbox SET
              state = CASE WHEN state <> 'sending' THEN 'cancelled' WHEN attempts >= $3 THEN 'dead' ELSE 'failed' END,
              next_attempt_at = CASE WHEN state = 'sending' THEN $1::timestamptz END,
              last_error = CASE WHEN state <> 'sending'
                THEN COALESCE(last_error || ' / ', '') || 'Expired: not sent within 7 days of being planned; its link no longer works'
                ELSE 'The sender ' || claimed_by || ' did not confirm this mail; it may or may not have gone out' END,
              claimed_by = CASE WHEN state = 'sending' THEN NULL ELSE claimed_by END
        WHERE (state IN ('pending', 'failed') AND kind = 'message' AND created_at < $4) OR (state = 'sending' AND claimed_at < $2)`,
      [now, new Date(now.getTime() - leaseMs), MAX_ATTEMPTS, new Date(now.getTime() - MAX_AGE_MS)],
    );
    const batchSize = options.batchSize ?? 25;
    const failures: string[] = [];
    for (let batch = 0; batch < (options.maxBatches ?? 40) && !this.stopping; batch += 1) {
      const claimed = await this.claim(now, batchSize);
      if (claimed.length === 0) break;
      result.claimed += claimed.length;
      const transport = this.transport;
      const rendered = await this.renderReminders(claimed, now);
      const outcomes = await Promise.all(claimed.map((row) => this.sendOne(transport, row, rendered.get(row.id), now, failures)));
      for (const outcome of outcomes) result[outcome] += 1;
      if (claimed.length < batchSize) break;
    }
    if (result.sent > 0) await this.recordSuccess(now);
    else if (failures.length > 0) await this.recordOutage(now, failures[failures.length - 1]);
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
             -- A reminder whose local day has ended is not sent as it is: the planner replaces it with a catch-up.
             AND (stale_at IS NULL OR stale_at > $1)
           ORDER BY next_attempt_at, created_at
           LIMIT $3
           FOR UPDATE SKIP LOCKED)
        RETURNING id, recipient, recipient_id, kind, subject, text, html, items, unsubscribe_url, attempts, message_id`,
        [now, this.instanceId, limit, this.messageIdDomain],
      )
      .then((result: [ClaimedRow[], number] | ClaimedRow[]) => returnedRows(result));
  }

  /**
   * Reminder mail is rendered again as it goes out, from its ledger items: in the recipient's time zone, with the
   * days left as of their day now, without the commitments closed or moved since it was planned (null: nothing
   * left, the mail is dropped). Account mail goes as it was written.
   */
  private async renderReminders(rows: readonly ClaimedRow[], now: Date): Promise<Map<string, Rendered | null>> {
    const reminders = rows.filter((row) => row.kind !== 'message' && row.recipient_id && Array.isArray(row.items) && row.items.length > 0);
    const rendered = new Map<string, Rendered | null>();
    if (reminders.length === 0) return rendered;
    const [workspace, tokens] = await Promise.all([this.settings.get(), this.links.unsubscribeTokens()]);
    const people = new Map<string, { display_name: string; zone: string }>(
      (
        await this.dataSource.query(
          `SELECT u.id, u.display_name, u.time_zone, p.time_zone AS pref_zone FROM users u
             LEFT JOIN reminder_preferences p ON p.user_id = u.id WHERE u.id = ANY($1::uuid[])`,
          [[...new Set(reminders.map((row) => row.recipient_id))]],
        )
      ).map((u: { id: string; display_name: string; time_zone: string | null; pref_zone: string | null }) => [
        u.id,
        {
          display_name: u.display_name,
          zone: [u.pref_zone, u.time_zone, workspace.timeZone].find((z): z is string => !!z && isValidTimeZone(z)) ?? 'UTC',
        },
      ]),
    );
    const commitmentIds = [...new Set(reminders.flatMap((row) => row.items.map((item) => item.commitmentId)))];
    const commitments = new Map<string, { status: string; due_date: string | null }>(
      (
        await this.dataSource.query(
          `SELECT id, status, to_char(due_date, 'YYYY-MM-DD') AS due_date FROM commitments WHERE id = ANY($1::uuid[])`,
          [commitmentIds],
        )
      ).map((c: { id: string; status: string; due_date: string | null }) => [c.id, c]),
    );
    const notes = new Map<string, CatchUpNote>(
      (
        await this.dataSource.query(
          `SELECT superseded_by AS id, count(*)::int AS replaced, to_char(min(local_date), 'YYYY-MM-DD') AS since
             FROM mail_outbox WHERE superseded_by = ANY($1::uuid[]) GROUP BY superseded_by`,
          [reminders.filter((row) => row.kind === 'catchup').map((row) => row.id)],
        )
      ).map((n: { id: string; replaced: number; since: string }) => [n.id, { replaced: n.replaced, since: n.since }]),
    );
    for (const row of reminders) {
      const person = people.get(row.recipient_id as string);
      if (!person) continue;
      const holds = row.items.filter((item) => {
        const c = commitments.get(item.commitmentId);
        if (!c) return false;
        // A status change is news whatever happened since; a deadline line only while it is open and due as said.
        return item.kind === 'status_change' || (!CLOSED_STATUSES.includes(c.status as never) && c.due_date === item.dueDate);
      });
      if (holds.length === 0) {
        rendered.set(row.id, null);
        continue;
      }
      const context = this.links.context(tokens, workspace.workspaceName, row.recipient_id as string, person.display_name, person.zone);
      const mode = row.kind === 'catchup' ? 'catchup' : row.kind === 'digest' ? 'digest' : 'single';
      const items = itemsAsOf(holds, localDate(now, person.zone));
      rendered.set(
        row.id,
        renderReminderMail(items, mode, { ...context, unsubscribeUrl: row.unsubscribe_url ?? context.unsubscribeUrl }, notes.get(row.id)),
      );
    }
    return rendered;
  }

  private async sendOne(
    transport: MailTransport,
    row: ClaimedRow,
    rendered: Rendered | null | undefined,
    now: Date,
    failures: string[],
  ): Promise<Outcome> {
    if (rendered === null) {
      await this.dataSource.query(
        `UPDATE mail_outbox SET state = 'cancelled', next_attempt_at = NULL, claimed_by = NULL,
                last_error = 'Cancelled at sending: every commitment in it was closed or moved since it was planned'
          WHERE id = $1 AND claimed_by = $2`,
        [row.id, this.instanceId],
      );
      return 'cancelled';
    }
    const mail = rendered ?? row;
    try {
      await transport.sendMail({
        from: this.config.env.MAIL_FROM,
        to: row.recipient,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: row.message_id,
        headers: {
          'Auto-Submitted': 'auto-generated',
          'X-Pactwatch-Delivery': row.id,
          ...(row.unsubscribe_url
            ? { 'List-Unsubscribe': `<${row.unsubscribe_url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
            : {}),
        },
      });
      // What went out is kept for the admin, without the keys in its links: reset, invitation and unsubscribe
      // tokens act for the recipient and have no business in the database once sent.
      await this.dataSource.query(
        `UPDATE mail_outbox SET state = 'sent', sent_at = $2, next_attempt_at = NULL, last_error = NULL,
                subject = $4, text = $5, html = $6
          WHERE id = $1 AND claimed_by = $3`,
        [row.id, now, this.instanceId, mail.subject.slice(0, 300), hideLinkTokens(mail.text), hideLinkTokens(mail.html)],
      );
      return 'sent';
    } catch (error) {
      const smtp = error as { responseCode?: number; code?: string; message?: string };
      const failure = classifySendFailure(error);
      const dead = failure === 'recipient' || row.attempts >= MAX_ATTEMPTS;
      const message = [smtp.responseCode ?? smtp.code, smtp.message ?? String(error)].filter(Boolean).join(' ').slice(0, 2000);
      if (failure === 'outage') failures.push(message);
      const nextAttempt = dead
        ? null
        : new Date(now.getTime() + retryDelayMs(row.attempts, this.config.env.MAIL_RETRY_BASE_SECONDS * 1000));
      const why = failure === 'recipient' ? 'the recipient address was refused: ' : '';
      await this.dataSource.query(
        `UPDATE mail_outbox SET state = $2, last_error = $3, next_attempt_at = $4 WHERE id = $1 AND claimed_by = $5`,
        [row.id, dead ? 'dead' : 'failed', `Attempt ${row.attempts}: ${why}${message}`, nextAttempt, this.instanceId],
      );
      if (dead) this.logger.warn(`Delivery ${row.id} to ${row.recipient} is dead after ${row.attempts} attempt(s): ${why}${message}`);
      return dead ? 'dead' : 'retrying';
    }
  }

  /** A mail went out: mail is working again (and the log says after how long, if it was failing). */
  private async recordSuccess(now: Date): Promise<void> {
    const [previous] = await this.dataSource.query(`SELECT failing_since FROM mail_delivery_status WHERE id = 1`);
    await this.dataSource.query(
      `INSERT INTO mail_delivery_status (id, last_success_at, failing_since) VALUES (1, $1, NULL)
       ON CONFLICT (id) DO UPDATE SET last_success_at = EXCLUDED.last_success_at, failing_since = NULL`,
      [now],
    );
    if (previous?.failing_since) {
      const hours = ((now.getTime() - previous.failing_since.getTime()) / 3_600_000).toFixed(1);
      this.logger.log(`Mail is going out again, after ${hours} hour(s) of failures`);
      this.lastAlertAt = 0;
    }
  }

  /** Sends failed for a reason that is not the recipient's: record since when, and alert (at most hourly). */
  private async recordOutage(now: Date, error: string): Promise<void> {
    const [row] = returnedRows<{ failing_since: Date }>(
      await this.dataSource.query(
        `INSERT INTO mail_delivery_status (id, failing_since, last_failure_at, last_error) VALUES (1, $1, $1, $2)
       ON CONFLICT (id) DO UPDATE SET failing_since = COALESCE(mail_delivery_status.failing_since, EXCLUDED.failing_since),
              last_failure_at = EXCLUDED.last_failure_at, last_error = EXCLUDED.last_error
       RETURNING failing_since`,
        [now, error],
      ),
    );
    const since: Date = row?.failing_since ?? now;
    const hours = Math.floor((now.getTime() - since.getTime()) / 3_600_000);
    if (now.getTime() - this.lastAlertAt < ALERT_EVERY_MS) return;
    this.lastAlertAt = now.getTime();
    const text = `Mail has been failing for ${hours} hour(s), since ${since.toISOString()}; the mail waits in the outbox and is retried. Last error: ${error}`;
    if (hours >= 1) this.logger.error(text);
    else this.logger.warn(`Mail is failing (since ${since.toISOString()}); retrying with backoff. Last error: ${error}`);
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
