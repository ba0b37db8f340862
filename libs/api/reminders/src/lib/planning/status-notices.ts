/** Status-change notices: watchers hear when a commitment they follow changes status (not the person who changed it). */
import type { ImplementationStatus } from '@pactwatch/shared/deadlines';
import type { PlannerSql } from './planner-session';
import type { ReadyRecipient } from './recipients';
import { daysUntil } from './schedule';
import { appendTo, because, COMMITMENT_COLUMNS, deadlineText, type CommitmentRow, type Proposal, type Via } from './reminder-items';

/** Status updates committed out of order are caught by re-reading this far behind the cursor. */
const STATUS_CURSOR_MARGIN_MS = 10 * 60_000;
const STATUS_PAGE = 2000;

export interface StatusRow extends CommitmentRow {
  update_id: string;
  user_id: string;
  via: Via['via'];
  via_label: string | null;
  status_before: ImplementationStatus | null;
  status_after: ImplementationStatus;
  author_label: string;
  note: string;
  effective_on: string;
  update_created_at: Date;
}

export interface StatusNotices {
  /** One row per watcher and way of watching, grouped by recipient. */
  byRecipient: Map<string, StatusRow[]>;
  cursor: Date | null;
  previousCursor: Date | null;
}

/**
 * Who watched the commitment of status update `su` when the update was recorded: a watch made later is not told of
 * changes made before it (both times come from the one injected clock).
 */
const WATCHERS_OF_C = `
  SELECT w.user_id, 'watch_commitment'::text AS via, NULL::text AS via_label FROM watches w
   WHERE w.target_type = 'commitment' AND w.target_id = c.id AND w.created_at <= su.created_at
  UNION ALL
  SELECT w.user_id, 'watch_agreement', ag.title FROM watches w JOIN agreements ag ON ag.id = w.target_id
   WHERE w.target_type = 'agreement' AND w.target_id = c.agreement_id AND w.created_at <= su.created_at
  UNION ALL
  SELECT w.user_id, 'watch_area', pa.name FROM commitment_areas car
    JOIN watches w ON w.target_type = 'area' AND w.target_id = car.area_id AND w.created_at <= su.created_at
    JOIN policy_areas pa ON pa.id = car.area_id
   WHERE car.commitment_id = c.id`;

/** Status changes recorded since the last pass, once per watcher, read page by page from the cursor. */
export async function findStatusNotices(sql: PlannerSql): Promise<StatusNotices> {
  const [state] = await sql.query<{ status_cursor: Date | null; latest: Date | null }>(
    `SELECT status_cursor, CASE WHEN status_cursor IS NULL THEN (SELECT MAX(created_at) FROM status_updates) END AS latest
       FROM reminder_state WHERE id = 1`,
  );
  const byRecipient = new Map<string, StatusRow[]>();
  if (!state.status_cursor) {
    // First pass ever: history recorded before reminders existed is not news, including the last minutes of it,
    // which the next pass re-reads (the margin behind the cursor): it reads from just after the latest update on
    // (1 ms after, as JavaScript dates drop PostgreSQL's microseconds).
    const latest = state.latest ?? new Date(0);
    return { byRecipient, cursor: new Date(latest.getTime() + 1 + STATUS_CURSOR_MARGIN_MS), previousCursor: null };
  }
  let cursor: Date = state.status_cursor;
  let keyset: { at: Date; id: string } | null = null;
  for (;;) {
    const page = await sql.query<StatusRow & { author_id: string | null }>(
      `WITH su AS (
         SELECT * FROM status_updates s
          WHERE ${keyset ? '(s.created_at, s.id) > ($1, $2::uuid)' : 's.created_at > $1'}
          ORDER BY s.created_at, s.id
          LIMIT ${STATUS_PAGE}
       )
       SELECT su.id AS update_id, su.created_at AS update_created_at, su.status_before, su.status_after, su.author_label, su.note,
              to_char(su.effective_on, 'YYYY-MM-DD') AS effective_on, su.author_id, r.user_id, r.via, r.via_label, ${COMMITMENT_COLUMNS}
         FROM su
         JOIN commitments c ON c.id = su.commitment_id
         LEFT JOIN anchor_events ae ON ae.id = c.anchor_event_id
         LEFT JOIN LATERAL (${WATCHERS_OF_C}) r ON su.status_before IS NOT NULL AND su.status_before <> su.status_after
        ORDER BY su.created_at, su.id`,
      keyset ? [keyset.at, keyset.id] : [new Date(cursor.getTime() - STATUS_CURSOR_MARGIN_MS)],
    );
    const updates = new Map<string, Date>();
    for (const row of page) {
      updates.set(row.update_id, row.update_created_at);
      if (row.user_id && row.user_id !== row.author_id) appendTo(byRecipient, row.user_id, row);
    }
    const last = [...updates.entries()].at(-1);
    if (last && last[1] > cursor) cursor = last[1];
    if (updates.size < STATUS_PAGE || !last) break;
    keyset = { at: last[1], id: last[0] };
  }
  return { byRecipient, cursor, previousCursor: state.status_cursor };
}

/** Moves the cursor past the notices this pass planned. */
export async function saveStatusCursor(sql: PlannerSql, notices: StatusNotices, now: Date): Promise<void> {
  if (notices.cursor && notices.cursor.getTime() !== notices.previousCursor?.getTime()) {
    await sql.query(`UPDATE reminder_state SET status_cursor = $1, last_run_at = $2 WHERE id = 1`, [notices.cursor, now]);
  }
}

/** One notice per status update the recipient watches (however many ways they watch it). */
export function statusProposals(recipient: ReadyRecipient, rows: readonly StatusRow[]): Proposal[] {
  const byUpdate = new Map<string, StatusRow[]>();
  for (const row of rows) appendTo(byUpdate, row.update_id, row);
  return [...byUpdate.values()].map((vias) => {
    const row = vias[0];
    return {
      dueDate: row.due_date,
      statusUpdateId: row.update_id,
      item: {
        itemKey: `status:${recipient.id}:${row.update_id}`,
        kind: 'status_change',
        commitmentId: row.id,
        refCode: row.ref_code,
        title: row.title,
        dueDate: row.due_date,
        daysLeft: row.due_date ? daysUntil(recipient.today, row.due_date) : null,
        reason: 'status_change',
        group: 'status_change',
        deadlineText: deadlineText(row),
        because: because(vias),
        statusBefore: row.status_before,
        statusAfter: row.status_after,
        changedBy: row.author_label,
        changedOn: row.effective_on,
        changedAt: new Date(row.update_created_at).toISOString(),
        note: row.note || undefined,
      },
    };
  });
}
