/**
 * Re-planning: pending (or retrying) reminder deliveries whose items no longer hold lose those items; a delivery
 * left with none is cancelled. Their ledger rows are deleted, so a reminder is planned afresh if it applies again
 * (e.g. for the new due date, or the new owner). Rows a sender is sending right now are left alone.
 *
 * An item can only go stale through a change the planning marks see: its commitment changed or left the window,
 * or its recipient changed what they watch or no longer receives reminders. So only the pending items of those
 * commitments and recipients are examined, not the whole outbox.
 */
import { Logger } from '@nestjs/common';
import { CLOSED_STATUSES } from '@pactwatch/shared/deadlines';
import type { ReminderLinks } from '../mail/reminder-links';
import { renderReminderMail, type ReminderItem } from '../mail/reminder-mail';
import type { PlannerSession, PlannerSql } from './planner-session';
import { appendTo } from './reminder-items';

interface StaleItem {
  item_id: string;
  item_key: string;
  commitment_id: string;
  user_id: string;
  delivery_id: string;
  why: string;
}

/** Where stale items can be: the commitments and recipients that changed since the last pass. */
export interface StaleScope {
  commitmentIds: readonly string[];
  userIds: readonly string[];
}

export interface Replanned {
  cancelled: number;
  /** Commitments and recipients of the deliveries that could not be re-planned: the next pass examines them again. */
  failed: { commitmentIds: Set<string>; userIds: Set<string> };
}

/** Cancels or trims the deliveries in scope whose reminders no longer make sense. */
export async function cancelStaleDeliveries(
  session: PlannerSession,
  links: ReminderLinks,
  scope: StaleScope,
  now: Date,
  logger: Logger,
): Promise<Replanned> {
  const result: Replanned = { cancelled: 0, failed: { commitmentIds: new Set(), userIds: new Set() } };
  if (scope.commitmentIds.length === 0 && scope.userIds.length === 0) return result;
  const stale = await session.query<StaleItem>(
    `WITH examined AS (
       SELECT i.id FROM reminder_items i WHERE i.commitment_id = ANY($2::uuid[]) AND i.kind = 'deadline'
       UNION
       SELECT i.id FROM mail_outbox d JOIN reminder_items i ON i.delivery_id = d.id AND i.kind = 'deadline'
        WHERE d.recipient_id = ANY($3::uuid[]) AND d.state IN ('pending', 'failed')
     )
     SELECT item_id, item_key, commitment_id, user_id, delivery_id, why FROM (
       SELECT i.id AS item_id, i.item_key, i.commitment_id, i.user_id, i.delivery_id,
         CASE
           WHEN u.disabled_at IS NOT NULL OR NOT COALESCE(p.enabled, true) THEN 'reminders were turned off'
           WHEN c.status = ANY($1::varchar[]) THEN c.ref_code || ' is now ' || replace(c.status, '_', ' ')
           WHEN c.due_date IS DISTINCT FROM i.due_date THEN c.ref_code || ' ' ||
             COALESCE('is now due on ' || to_char(c.due_date, 'YYYY-MM-DD'), 'no longer has a due date')
           WHEN NOT (c.owner_id IS NOT DISTINCT FROM i.user_id
             OR EXISTS (SELECT 1 FROM commitment_assignees ca WHERE ca.commitment_id = c.id AND ca.user_id = i.user_id)
             OR EXISTS (SELECT 1 FROM watches w WHERE w.user_id = i.user_id AND (
                  (w.target_type = 'commitment' AND w.target_id = c.id)
               OR (w.target_type = 'agreement' AND w.target_id = c.agreement_id)
               OR (w.target_type = 'area' AND w.target_id IN (SELECT area_id FROM commitment_areas WHERE commitment_id = c.id)))))
             THEN 'the recipient no longer owns, is assigned to or watches ' || c.ref_code
         END AS why
         FROM examined e
         JOIN reminder_items i ON i.id = e.id
         JOIN mail_outbox d ON d.id = i.delivery_id
         JOIN users u ON u.id = i.user_id
         JOIN commitments c ON c.id = i.commitment_id
         LEFT JOIN reminder_preferences p ON p.user_id = i.user_id
        WHERE d.state IN ('pending', 'failed') AND d.kind IN ('reminder', 'digest', 'catchup')
     ) s WHERE why IS NOT NULL`,
    [CLOSED_STATUSES, scope.commitmentIds, scope.userIds],
  );
  const byDelivery = new Map<string, StaleItem[]>();
  for (const row of stale) appendTo(byDelivery, row.delivery_id, row);
  for (const [deliveryId, rows] of byDelivery) {
    try {
      result.cancelled += await session.transaction((sql) => replan(sql, links, deliveryId, rows, now));
    } catch (error) {
      for (const row of rows) {
        result.failed.commitmentIds.add(row.commitment_id);
        result.failed.userIds.add(row.user_id);
      }
      logger.error(`Re-planning delivery ${deliveryId} failed`, error instanceof Error ? error.stack : String(error));
    }
  }
  return result;
}

/** Drops the stale items from one delivery: cancels it when none is left (1), re-renders it otherwise (0). */
async function replan(sql: PlannerSql, links: ReminderLinks, deliveryId: string, rows: readonly StaleItem[], now: Date): Promise<number> {
  const [delivery] = await sql.query<{ id: string; kind: string; items: ReminderItem[]; recipient_id: string; display_name: string }>(
    `SELECT d.id, d.kind, d.items, d.recipient_id, u.display_name FROM mail_outbox d JOIN users u ON u.id = d.recipient_id
      WHERE d.id = $1 AND d.state IN ('pending', 'failed') FOR UPDATE OF d SKIP LOCKED`,
    [deliveryId],
  );
  if (!delivery) return 0;
  const staleKeys = new Set(rows.map((r) => r.item_key));
  await sql.query(`DELETE FROM reminder_items WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.item_id)]);
  const remaining = delivery.items.filter((item) => !staleKeys.has(item.itemKey));
  const why = [...new Set(rows.map((r) => r.why))].join('; ');
  if (remaining.length === 0) {
    await sql.query(
      `UPDATE mail_outbox SET state = 'cancelled', dedupe_key = dedupe_key || '#cancelled:' || id::text,
              last_error = $2, next_attempt_at = NULL WHERE id = $1`,
      [deliveryId, `Cancelled before sending at ${now.toISOString()}: ${why}`],
    );
    return 1;
  }
  const context = await links.contextFor(delivery.recipient_id, delivery.display_name);
  // A preview only: the sender renders the mail again when it sends it, in the recipient's time zone.
  const rendered = renderReminderMail(
    remaining,
    delivery.kind === 'catchup' ? 'catchup' : delivery.kind === 'digest' ? 'digest' : 'single',
    context,
  );
  await sql.query(`UPDATE mail_outbox SET items = $2, subject = $3, text = $4, html = $5 WHERE id = $1`, [
    deliveryId,
    JSON.stringify(remaining),
    rendered.subject,
    rendered.text,
    rendered.html,
  ]);
  return 0;
}
