/** The lines of a reminder mail, as planned: what a commitment looks like on the day, and why the recipient gets it. */
import { describeDeadline, formatDate, type DeadlineSpec, type ImplementationStatus } from '@pactwatch/shared/deadlines';
import type { ReminderItem } from '../mail/reminder-mail';
import type { PlannerSql } from './planner-session';
import type { ReadyRecipient } from './recipients';
import { daysUntil, groupOf } from './schedule';

export interface CommitmentRow {
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

/** One way a recipient is concerned with a commitment; the label names the agreement or area watched. */
export interface Via {
  via: 'owner' | 'assignee' | 'watch_commitment' | 'watch_agreement' | 'watch_area';
  via_label: string | null;
}

export const COMMITMENT_COLUMNS = `c.id, c.ref_code, c.title, to_char(c.due_date, 'YYYY-MM-DD') AS due_date, c.deadline, c.anchor_pending,
  c.status, c.anchor_event_id, ae.name AS anchor_name, to_char(ae.occurred_on, 'YYYY-MM-DD') AS anchor_date`;

/** A reminder ready for the ledger: the item as it will be rendered, and the columns the ledger keys it by. */
export interface Proposal {
  item: ReminderItem;
  dueDate: string | null;
  statusUpdateId: string | null;
}

/** What the commitments of a pass look like, loaded once each however many recipients they have. */
export class CommitmentCache {
  private readonly rows = new Map<string, CommitmentRow & { deadlineText: string }>();

  async load(sql: PlannerSql, ids: Iterable<string>): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.rows.has(id));
    if (missing.length === 0) return;
    const rows = await sql.query<CommitmentRow>(
      `SELECT ${COMMITMENT_COLUMNS} FROM commitments c LEFT JOIN anchor_events ae ON ae.id = c.anchor_event_id WHERE c.id = ANY($1::uuid[])`,
      [missing],
    );
    for (const row of rows) this.rows.set(row.id, { ...row, deadlineText: deadlineText(row) });
  }

  get(id: string): (CommitmentRow & { deadlineText: string }) | undefined {
    return this.rows.get(id);
  }
}

/** Adds `value` to the list kept under `key`. */
export function appendTo<K, V>(lists: Map<K, V[]>, key: K, value: V): void {
  const list = lists.get(key);
  if (list) list.push(value);
  else lists.set(key, [value]);
}

export function because(vias: readonly Via[]): string {
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

export function deadlineText(row: CommitmentRow): string {
  const anchors = row.anchor_event_id ? { [row.anchor_event_id]: { name: row.anchor_name ?? '', date: row.anchor_date } } : {};
  try {
    return describeDeadline(row.deadline, anchors, { dueDate: row.due_date, anchorPending: row.anchor_pending });
  } catch {
    return row.due_date ? `By ${formatDate(row.due_date)}` : 'No deadline';
  }
}

/** A deadline reminder for a recipient on their day: `reason` as the trigger table gave it. */
export function deadlineProposal(
  recipient: ReadyRecipient,
  commitment: CommitmentRow & { deadlineText: string; due_date: string },
  reason: string,
  vias: readonly Via[],
): Proposal {
  const daysLeft = daysUntil(recipient.today, commitment.due_date);
  return {
    dueDate: commitment.due_date,
    statusUpdateId: null,
    item: {
      itemKey: `${recipient.id}:${commitment.id}:${reason}:${commitment.due_date}`,
      kind: 'deadline',
      commitmentId: commitment.id,
      refCode: commitment.ref_code,
      title: commitment.title,
      dueDate: commitment.due_date,
      daysLeft,
      reason,
      group: groupOf(daysLeft),
      deadlineText: commitment.deadlineText,
      because: because(vias),
    },
  };
}
