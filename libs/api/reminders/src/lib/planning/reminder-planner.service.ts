import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ADVISORY_LOCKS, Clock, tryWithAdvisoryLock, WorkspaceSettingsService } from '@pactwatch/api/core';
import type { ReminderPreferencesDto } from '@pactwatch/shared/contracts';
import {
  CLOSED_STATUSES,
  daysBetween,
  describeDeadline,
  formatDate,
  isValidTimeZone,
  type DeadlineSpec,
  type ImplementationStatus,
} from '@pactwatch/shared/deadlines';
import { DateTime } from 'luxon';
import { DataSource, EntityManager } from 'typeorm';
import { ReminderPreferencesEntity } from '../entities';
import { ReminderLinks } from '../mail/reminder-links';
import { renderReminderMail, type ReminderItem } from '../mail/reminder-mail';
import { effectivePreferences } from '../preferences/preferences';
import { candidateWindow, groupOf, latestTrigger } from './schedule';

/** A weekly digest goes out on Mondays (recipient's time) and covers reminders falling in the coming week. */
export const WEEKLY_DIGEST_WEEKDAY = 1;
export const WEEKLY_LOOKAHEAD_DAYS = 6;
/** Status updates committed out of order are caught by re-reading this far behind the cursor. */
const STATUS_CURSOR_MARGIN_MS = 10 * 60_000;
const STATUS_PAGE = 2000;

export interface PlanResult {
  recipients: number;
  itemsPlanned: number;
  deliveriesCreated: number;
  deliveriesCancelled: number;
  failures: number;
}

interface CommitmentRow {
  id: string;
  ref_code: string;
  title: string;
  due_date: string | null;
  deadline: DeadlineSpec;
  anchor_pending: boolean;
  status: ImplementationStatus;
  anchor_event_id: string | null;
  anchor_name: string | null;
  anchor_date: string | null;
}

interface CandidateRow extends CommitmentRow {
  user_id: string;
  via: 'owner' | 'assignee' | 'watch_commitment' | 'watch_agreement' | 'watch_area';
  via_label: string | null;
}

interface StatusRow extends CommitmentRow {
  update_id: string;
  user_id: string;
  via: CandidateRow['via'];
  via_label: string | null;
  created_at: Date;
  status_before: ImplementationStatus | null;
  status_after: ImplementationStatus;
  author_label: string;
  note: string;
  effective_on: string;
}

interface Proposal {
  item: ReminderItem;
  dueDate: string | null;
  statusUpdateId: string | null;
}

interface RecipientPlan {
  recipient: Recipient;
  today: string;
  /** The recipient's send hour has come today (and, for a weekly digest, today is the digest day). */
  digestTime: boolean;
  proposed: Proposal[];
}

interface Recipient {
  id: string;
  email: string;
  displayName: string;
  disabled: boolean;
  unsubscribed: boolean;
  prefs: ReminderPreferencesDto;
}

const COMMITMENT_COLUMNS = `c.id, c.ref_code, c.title, c.due_date::text AS due_date, c.deadline, c.anchor_pending, c.status,
  c.anchor_event_id, ae.name AS anchor_name, ae.occurred_on::text AS anchor_date`;

/** Who is reminded about a commitment: its owner, its assignees, and whoever watches it, its agreement or one of its areas. */
const RECIPIENTS_OF = (c: string) => `
  SELECT ${c}.owner_id AS user_id, 'owner'::text AS via, NULL::text AS via_label WHERE ${c}.owner_id IS NOT NULL
  UNION ALL
  SELECT ca.user_id, 'assignee', NULL FROM commitment_assignees ca WHERE ca.commitment_id = ${c}.id
  UNION ALL
  ${WATCHERS_OF(c)}`;
const WATCHERS_OF = (c: string) => `
  SELECT w.user_id, 'watch_commitment'::text AS via, NULL::text AS via_label FROM watches w WHERE w.target_type = 'commitment' AND w.target_id = ${c}.id
  UNION ALL
  SELECT w.user_id, 'watch_agreement', ag.title FROM watches w JOIN agreements ag ON ag.id = w.target_id
   WHERE w.target_type = 'agreement' AND w.target_id = ${c}.agreement_id
  UNION ALL
  SELECT w.user_id, 'watch_area', pa.name FROM commitment_areas car
    JOIN watches w ON w.target_type = 'area' AND w.target_id = car.area_id
    JOIN policy_areas pa ON pa.id = car.area_id
   WHERE car.commitment_id = ${c}.id`;

function because(vias: { via: CandidateRow['via']; via_label: string | null }[]): string {
  const texts = vias.map(({ via, via_label }) => {
    switch (via) {
      case 'owner':
        return 'you own it';
      case 'assignee':
        return 'you are assigned to it';
      case 'watch_commitment':
        return 'you watch it';
      case 'watch_agreement':
        return `you watch the agreement “${via_label}”`;
      case 'watch_area':
        return `you watch the policy area ${via_label}`;
    }
    return via;
  });
  return [...new Set(texts)].join('; ');
}

function deadlineText(row: CommitmentRow): string {
  const anchors = row.anchor_event_id ? { [row.anchor_event_id]: { name: row.anchor_name ?? '', date: row.anchor_date } } : {};
  try {
    return describeDeadline(row.deadline, anchors, { dueDate: row.due_date, anchorPending: row.anchor_pending });
  } catch {
    return row.due_date ? `By ${formatDate(row.due_date)}` : 'No deadline';
  }
}

/**
 * Plans reminder mail into the outbox. One pass, under a cluster-wide advisory lock:
 * 1. cancels or trims pending deliveries that no longer make sense (closed, due date moved, recipient gone);
 * 2. finds the commitments that can call for a reminder (an index range on due_date) and their recipients;
 * 3. per recipient whose send hour has come (own transaction and error capture): records each reminder in
 *    the `reminder_items` ledger (unique key: recipient, commitment, reason, due date), and puts the new ones
 *    in one digest, or one mail each, per the recipient's preferences.
 */
@Injectable()
export class ReminderPlanner {
  private readonly logger = new Logger('ReminderPlanner');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly settings: WorkspaceSettingsService,
    private readonly links: ReminderLinks,
  ) {}

  /** One planning pass at the clock's current time; null when another instance holds the planner lock. */
  async run(): Promise<PlanResult | null> {
    const now = this.clock.now();
    const outcome = await tryWithAdvisoryLock(this.dataSource, ADVISORY_LOCKS.reminderPlanner, () => this.plan(now));
    return outcome.ran ? outcome.result : null;
  }

  private async plan(now: Date): Promise<PlanResult> {
    const result: PlanResult = { recipients: 0, itemsPlanned: 0, deliveriesCreated: 0, deliveriesCancelled: 0, failures: 0 };
    result.deliveriesCancelled = await this.cancelStale(now);

    const candidates = await this.deadlineCandidates(now);
    const notices = await this.statusNotices();
    const queuedUsers: { user_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT user_id FROM reminder_items WHERE delivery_id IS NULL`,
    );
    const userIds = [
      ...new Set([...candidates.map((c) => c.user_id), ...notices.rows.map((n) => n.user_id), ...queuedUsers.map((q) => q.user_id)]),
    ];
    const recipients = await this.loadRecipients(userIds);

    const plans = recipients
      .map((recipient) =>
        this.propose(
          recipient,
          candidates.filter((c) => c.user_id === recipient.id),
          notices.rows.filter((n) => n.user_id === recipient.id),
          now,
        ),
      )
      .filter((plan): plan is RecipientPlan => plan !== null);
    // Most runs find reminders already in the ledger: look them up in one query, and open a transaction only
    // for recipients with something new (or something queued for their digest).
    const keys = plans.flatMap((plan) => plan.proposed.map((p) => p.item.itemKey));
    const known = new Set<string>(
      keys.length === 0
        ? []
        : (await this.dataSource.query(`SELECT item_key FROM reminder_items WHERE item_key = ANY($1::varchar[])`, [keys])).map(
            (row: { item_key: string }) => row.item_key,
          ),
    );
    const queued = new Set(queuedUsers.map((q) => q.user_id));
    for (const plan of plans) {
      plan.proposed = plan.proposed.filter((p) => !known.has(p.item.itemKey));
      if (plan.proposed.length === 0 && !queued.has(plan.recipient.id)) continue;
      try {
        const planned = await this.commit(plan, now);
        if (planned.items > 0) result.recipients += 1;
        result.itemsPlanned += planned.items;
        result.deliveriesCreated += planned.deliveries;
      } catch (error) {
        result.failures += 1;
        this.logger.error(`Planning reminders for user ${plan.recipient.id} failed`, error instanceof Error ? error.stack : String(error));
      }
    }
    if (notices.cursor && notices.cursor.getTime() !== notices.previousCursor?.getTime()) {
      await this.dataSource.query(`UPDATE reminder_state SET status_cursor = $1, last_run_at = $2 WHERE id = 1`, [notices.cursor, now]);
    }
    return result;
  }

  /** Open commitments whose due date is in the window any recipient's reminders can come from, with their recipients. */
  private async deadlineCandidates(now: Date): Promise<CandidateRow[]> {
    const utcToday = now.toISOString().slice(0, 10);
    // The widest lead time anyone asked for decides how far ahead to look (30 days at least).
    const window = candidateWindow(utcToday, 0, WEEKLY_LOOKAHEAD_DAYS);
    return this.dataSource.query(
      `WITH lead AS (
         SELECT GREATEST(30, COALESCE((SELECT MAX(d) FROM reminder_preferences, unnest(lead_days) AS d), 0))::int AS days
       ), due AS (
         SELECT c.id, c.agreement_id, c.owner_id FROM commitments c
          WHERE c.due_date BETWEEN $1::date AND $2::date + (SELECT days FROM lead) AND c.status <> ALL($3::varchar[])
       )
       SELECT r.user_id, r.via, r.via_label, ${COMMITMENT_COLUMNS}
         FROM due
         CROSS JOIN LATERAL (${RECIPIENTS_OF('due')}) r
         JOIN commitments c ON c.id = due.id
         LEFT JOIN anchor_events ae ON ae.id = c.anchor_event_id`,
      [window.from, window.to, CLOSED_STATUSES],
    );
  }

  /** Status changes recorded since the last pass, once per watcher (not to the person who made the change). */
  private async statusNotices(): Promise<{ rows: StatusRow[]; cursor: Date | null; previousCursor: Date | null }> {
    const [state] = await this.dataSource.query(
      `SELECT status_cursor, CASE WHEN status_cursor IS NULL THEN (SELECT MAX(created_at) FROM status_updates) END AS latest
         FROM reminder_state WHERE id = 1`,
    );
    if (!state.status_cursor) {
      // First pass ever: history recorded before reminders existed is not news.
      return { rows: [], cursor: state.latest ?? new Date(0), previousCursor: null };
    }
    const rows: StatusRow[] = [];
    let cursor: Date = state.status_cursor;
    let keyset: { at: Date; id: string } | null = null;
    for (;;) {
      const page: (StatusRow & { update_created_at: Date })[] = await this.dataSource.query(
        `WITH su AS (
           SELECT * FROM status_updates s
            WHERE ${keyset ? '(s.created_at, s.id) > ($1, $2::uuid)' : 's.created_at > $1'}
            ORDER BY s.created_at, s.id
            LIMIT ${STATUS_PAGE}
         )
         SELECT su.id AS update_id, su.created_at AS update_created_at, su.status_before, su.status_after, su.author_label, su.note,
                su.effective_on::text AS effective_on, su.author_id, r.user_id, r.via, r.via_label, ${COMMITMENT_COLUMNS}
           FROM su
           JOIN commitments c ON c.id = su.commitment_id
           LEFT JOIN anchor_events ae ON ae.id = c.anchor_event_id
           LEFT JOIN LATERAL (${WATCHERS_OF('c')}) r ON su.status_before IS NOT NULL AND su.status_before <> su.status_after
          ORDER BY su.created_at, su.id`,
        keyset ? [keyset.at, keyset.id] : [new Date(cursor.getTime() - STATUS_CURSOR_MARGIN_MS)],
      );
      const updates = new Map<string, Date>();
      for (const row of page) {
        updates.set(row.update_id, row.update_created_at);
        const authorId = (row as unknown as { author_id: string | null }).author_id;
        if (row.user_id && row.user_id !== authorId) rows.push(row);
      }
      const last = [...updates.entries()].at(-1);
      if (last && last[1] > cursor) cursor = last[1];
      if (updates.size < STATUS_PAGE || !last) break;
      keyset = { at: last[1], id: last[0] };
    }
    return { rows, cursor, previousCursor: state.status_cursor };
  }

  private async loadRecipients(userIds: string[]): Promise<Recipient[]> {
    if (userIds.length === 0) return [];
    const settings = await this.settings.get();
    const rows: {
      id: string;
      email: string;
      display_name: string;
      time_zone: string;
      disabled_at: Date | null;
      prefs: ReminderPreferencesEntity | null;
    }[] = await this.dataSource.query(
      `SELECT u.id, u.email, u.display_name, u.time_zone, u.disabled_at,
              CASE WHEN p.user_id IS NULL THEN NULL ELSE json_build_object(
                'enabled', p.enabled, 'leadDays', p.lead_days, 'onDueDay', p.on_due_day, 'overdueRepeatDays', p.overdue_repeat_days,
                'digest', p.digest, 'sendHour', p.send_hour, 'timeZone', p.time_zone, 'pausedUntil', p.paused_until,
                'statusChangeNotices', p.status_change_notices, 'unsubscribedAt', p.unsubscribed_at) END AS prefs
         FROM users u LEFT JOIN reminder_preferences p ON p.user_id = u.id
        WHERE u.id = ANY($1::uuid[])
        ORDER BY u.id`,
      [userIds],
    );
    return rows.map((row) => {
      const accountZone = isValidTimeZone(row.time_zone) ? row.time_zone : settings.timeZone;
      const prefs = effectivePreferences(row.prefs, accountZone);
      if (!isValidTimeZone(prefs.timeZone)) prefs.timeZone = accountZone;
      return {
        id: row.id,
        email: row.email,
        displayName: row.display_name,
        disabled: row.disabled_at !== null,
        unsubscribed: Boolean(row.prefs?.unsubscribedAt),
        prefs,
      };
    });
  }

  /** What a recipient is due at `now`, before looking at the ledger; null when they get nothing (off, paused, disabled). */
  private propose(recipient: Recipient, candidates: CandidateRow[], notices: StatusRow[], now: Date): RecipientPlan | null {
    const { prefs } = recipient;
    if (recipient.disabled || recipient.unsubscribed || !prefs.enabled) return null;
    const local = DateTime.fromJSDate(now, { zone: prefs.timeZone });
    const today = local.toISODate() as string;
    if (prefs.pausedUntil && today < prefs.pausedUntil) return null;
    const sendHourReached = local.hour >= prefs.sendHour;
    const digestDay = prefs.digest !== 'weekly' || local.weekday === WEEKLY_DIGEST_WEEKDAY;
    const lookahead = prefs.digest === 'weekly' ? WEEKLY_LOOKAHEAD_DAYS : 0;

    const proposed: Proposal[] = [];
    if (sendHourReached && digestDay) {
      const byCommitment = new Map<string, CandidateRow[]>();
      for (const row of candidates) byCommitment.set(row.id, [...(byCommitment.get(row.id) ?? []), row]);
      for (const rows of byCommitment.values()) {
        const row = rows[0];
        if (!row.due_date) continue;
        const trigger = latestTrigger(row.due_date, today, prefs, lookahead);
        if (!trigger) continue;
        const daysLeft = daysBetween(today, row.due_date);
        proposed.push({
          dueDate: row.due_date,
          statusUpdateId: null,
          item: {
            itemKey: `${recipient.id}:${row.id}:${trigger.reason}:${row.due_date}`,
            kind: 'deadline',
            commitmentId: row.id,
            refCode: row.ref_code,
            title: row.title,
            dueDate: row.due_date,
            daysLeft,
            reason: trigger.reason,
            group: groupOf(daysLeft),
            deadlineText: deadlineText(row),
            because: because(rows),
          },
        });
      }
    }
    if (prefs.statusChangeNotices !== 'off') {
      const byUpdate = new Map<string, StatusRow[]>();
      for (const row of notices) byUpdate.set(row.update_id, [...(byUpdate.get(row.update_id) ?? []), row]);
      for (const rows of byUpdate.values()) {
        const row = rows[0];
        proposed.push({
          dueDate: row.due_date,
          statusUpdateId: row.update_id,
          item: {
            itemKey: `status:${recipient.id}:${row.update_id}`,
            kind: 'status_change',
            commitmentId: row.id,
            refCode: row.ref_code,
            title: row.title,
            dueDate: row.due_date,
            daysLeft: row.due_date ? daysBetween(today, row.due_date) : null,
            reason: 'status_change',
            group: 'status_change',
            deadlineText: deadlineText(row),
            because: because(rows),
            statusBefore: row.status_before,
            statusAfter: row.status_after,
            changedBy: row.author_label,
            changedOn: row.effective_on,
            note: row.note || undefined,
          },
        });
      }
    }

    return { recipient, today, digestTime: sendHourReached && digestDay, proposed };
  }

  /** Records the new reminders in the ledger and puts them (and any queued notices) into mail, in one transaction. */
  private async commit(plan: RecipientPlan, now: Date): Promise<{ items: number; deliveries: number }> {
    const { recipient, today, digestTime, proposed } = plan;
    const { prefs } = recipient;
    return this.dataSource.transaction(async (manager) => {
      let inserted = 0;
      if (proposed.length > 0) {
        const values = proposed.flatMap((p) => [
          p.item.itemKey,
          recipient.id,
          p.item.kind,
          p.item.commitmentId,
          p.item.reason,
          p.dueDate,
          p.statusUpdateId,
          JSON.stringify(p.item),
          now,
        ]);
        const placeholders = proposed.map((_, i) => `(${Array.from({ length: 9 }, (_, j) => `$${i * 9 + j + 1}`).join(', ')})`).join(', ');
        const rows = await manager.query(
          `INSERT INTO reminder_items (item_key, user_id, kind, commitment_id, reason, due_date, status_update_id, snapshot, created_at)
           VALUES ${placeholders} ON CONFLICT (item_key) DO NOTHING RETURNING id`,
          values,
        );
        inserted = rows.length;
      }

      if (prefs.statusChangeNotices === 'off') {
        await manager.query(`DELETE FROM reminder_items WHERE user_id = $1 AND delivery_id IS NULL AND kind = 'status_change'`, [
          recipient.id,
        ]);
      }
      const queued: { id: string; kind: ReminderItem['kind']; snapshot: ReminderItem }[] = await manager.query(
        `SELECT id, kind, snapshot FROM reminder_items WHERE user_id = $1 AND delivery_id IS NULL ORDER BY created_at, item_key FOR UPDATE`,
        [recipient.id],
      );
      if (queued.length === 0) return { items: inserted, deliveries: 0 };
      const deadlines = queued.filter((q) => q.kind === 'deadline');
      const statusItems = queued.filter((q) => q.kind === 'status_change');

      const mails: { kind: 'reminder' | 'digest' | 'status'; key: string; items: typeof queued }[] = [];
      if (prefs.statusChangeNotices === 'immediate') {
        for (const s of statusItems) mails.push({ kind: 'status', key: s.snapshot.itemKey, items: [s] });
      }
      const digestNotices = prefs.statusChangeNotices === 'digest' && digestTime ? statusItems : [];
      if (prefs.digest === 'immediate') {
        for (const d of deadlines) mails.push({ kind: 'reminder', key: d.snapshot.itemKey, items: [d] });
        if (digestNotices.length > 0) mails.push({ kind: 'digest', key: `digest:${recipient.id}:${today}`, items: digestNotices });
      } else if (deadlines.length + digestNotices.length > 0) {
        mails.push({ kind: 'digest', key: `digest:${recipient.id}:${today}`, items: [...deadlines, ...digestNotices] });
      }

      const context = await this.links.contextFor(recipient.id, recipient.displayName);
      for (const mail of mails) {
        const items = mail.items.map((q) => q.snapshot);
        const rendered = renderReminderMail(items, mail.kind === 'digest', context);
        const id = await this.insertDelivery(manager, {
          recipient,
          kind: mail.kind,
          key: mail.key,
          reason: mail.kind === 'digest' ? 'digest' : items[0].reason,
          items,
          localDate: today,
          unsubscribeUrl: context.unsubscribeUrl,
          rendered,
          now,
        });
        await manager.query(`UPDATE reminder_items SET delivery_id = $1 WHERE id = ANY($2::uuid[])`, [id, mail.items.map((q) => q.id)]);
      }
      return { items: inserted, deliveries: mails.length };
    });
  }

  private async insertDelivery(
    manager: EntityManager,
    mail: {
      recipient: Recipient;
      kind: string;
      key: string;
      reason: string;
      items: ReminderItem[];
      localDate: string;
      unsubscribeUrl: string;
      rendered: { subject: string; text: string; html: string };
      now: Date;
    },
  ): Promise<string> {
    // A second digest on the same local day (items that appeared after the first was planned) gets a numbered key.
    for (let n = 1; n <= 50; n += 1) {
      const key = n === 1 ? mail.key : `${mail.key}:${n}`;
      const [row] = await manager.query(
        `INSERT INTO mail_outbox (recipient, recipient_id, subject, text, html, state, dedupe_key, created_at, kind, reason, items,
                                  local_date, unsubscribe_url, attempts, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $8, $9, $10, $11, $12, 0, $7)
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
        [
          mail.recipient.email,
          mail.recipient.id,
          mail.rendered.subject,
          mail.rendered.text,
          mail.rendered.html,
          key,
          mail.now,
          mail.kind,
          mail.reason,
          JSON.stringify(mail.items),
          mail.localDate,
          mail.unsubscribeUrl,
        ],
      );
      if (row) return row.id;
    }
    throw new Error(`Could not find a free dedupe key for ${mail.key}`);
  }

  /**
   * Pending (or retrying) reminder deliveries whose items no longer hold lose those items; a delivery left
   * with none is cancelled. Its ledger rows are deleted, so the reminder is planned afresh if it applies again
   * (e.g. for the new due date, or the new owner). Rows a sender is sending right now are left alone.
   */
  private async cancelStale(now: Date): Promise<number> {
    const stale: { item_id: string; item_key: string; delivery_id: string; why: string }[] = await this.dataSource.query(
      `SELECT item_id, item_key, delivery_id, why FROM (
         SELECT i.id AS item_id, i.item_key, i.delivery_id,
           CASE
             WHEN u.disabled_at IS NOT NULL OR NOT COALESCE(p.enabled, true) THEN 'reminders were turned off'
             WHEN c.status = ANY($1::varchar[]) THEN c.ref_code || ' is now ' || replace(c.status, '_', ' ')
             WHEN c.due_date IS DISTINCT FROM i.due_date THEN c.ref_code || ' ' ||
               COALESCE('is now due on ' || c.due_date::text, 'no longer has a due date')
             WHEN NOT (c.owner_id IS NOT DISTINCT FROM i.user_id
               OR EXISTS (SELECT 1 FROM commitment_assignees ca WHERE ca.commitment_id = c.id AND ca.user_id = i.user_id)
               OR EXISTS (SELECT 1 FROM watches w WHERE w.user_id = i.user_id AND (
                    (w.target_type = 'commitment' AND w.target_id = c.id)
                 OR (w.target_type = 'agreement' AND w.target_id = c.agreement_id)
                 OR (w.target_type = 'area' AND w.target_id IN (SELECT area_id FROM commitment_areas WHERE commitment_id = c.id)))))
               THEN 'the recipient no longer owns, is assigned to or watches ' || c.ref_code
           END AS why
           FROM mail_outbox d
           JOIN reminder_items i ON i.delivery_id = d.id AND i.kind = 'deadline'
           JOIN users u ON u.id = i.user_id
           JOIN commitments c ON c.id = i.commitment_id
           LEFT JOIN reminder_preferences p ON p.user_id = i.user_id
          WHERE d.state IN ('pending', 'failed') AND d.kind IN ('reminder', 'digest')
       ) s WHERE why IS NOT NULL`,
      [CLOSED_STATUSES],
    );
    const byDelivery = new Map<string, typeof stale>();
    for (const row of stale) byDelivery.set(row.delivery_id, [...(byDelivery.get(row.delivery_id) ?? []), row]);
    let cancelled = 0;
    for (const [deliveryId, rows] of byDelivery) {
      try {
        cancelled += await this.dataSource.transaction(async (manager) => {
          const [delivery] = await manager.query(
            `SELECT d.id, d.kind, d.items, d.recipient_id, u.display_name FROM mail_outbox d JOIN users u ON u.id = d.recipient_id
              WHERE d.id = $1 AND d.state IN ('pending', 'failed') FOR UPDATE OF d SKIP LOCKED`,
            [deliveryId],
          );
          if (!delivery) return 0;
          const staleKeys = new Set(rows.map((r) => r.item_key));
          await manager.query(`DELETE FROM reminder_items WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.item_id)]);
          const remaining = (delivery.items as ReminderItem[]).filter((item) => !staleKeys.has(item.itemKey));
          const why = [...new Set(rows.map((r) => r.why))].join('; ');
          if (remaining.length === 0) {
            await manager.query(
              `UPDATE mail_outbox SET state = 'cancelled', dedupe_key = dedupe_key || '#cancelled:' || id::text,
                      last_error = $2, next_attempt_at = NULL WHERE id = $1`,
              [deliveryId, `Cancelled before sending at ${now.toISOString()}: ${why}`],
            );
            return 1;
          }
          const context = await this.links.contextFor(delivery.recipient_id, delivery.display_name);
          const rendered = renderReminderMail(remaining, delivery.kind === 'digest', context);
          await manager.query(`UPDATE mail_outbox SET items = $2, subject = $3, text = $4, html = $5 WHERE id = $1`, [
            deliveryId,
            JSON.stringify(remaining),
            rendered.subject,
            rendered.text,
            rendered.html,
          ]);
          return 0;
        });
      } catch (error) {
        this.logger.error(`Re-planning delivery ${deliveryId} failed`, error instanceof Error ? error.stack : String(error));
      }
    }
    return cancelled;
  }
}
