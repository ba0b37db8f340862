/**
 * Which deadline reminders a pass checks against the ledger for a recipient at their send hour. In full (no
 * mark yet, or what their reminders depend on changed): every candidate they are concerned with that calls for a
 * reminder today. Otherwise only what changed since their last pass: candidates marked since (new, or their due
 * date, agreement, areas or people changed), and due dates whose reminder is not the one of their last planned day.
 * Everything else was planned by that pass, so the work follows the reminders due, not recipients × commitments.
 */
import type { CandidateCommitment, Reach } from './candidates';
import type { PlannerSql } from './planner-session';
import type { RecipientMark } from './planning-marks';
import type { ReadyRecipient } from './recipients';
import type { Via } from './reminder-items';
import type { TriggerCalendar } from './trigger-calendar';

const KEYS_PER_QUERY = 10_000;

export interface DueCheck {
  candidate: CandidateCommitment;
  reason: string;
  vias: Via[];
  /** The ledger's key for this reminder: recipient, commitment, reason, due date. */
  itemKey: string;
}

export function remindersToCheck(
  recipient: ReadyRecipient,
  mark: RecipientMark | null,
  reach: Reach,
  calendar: TriggerCalendar,
  commitmentPasses: ReadonlyMap<string, number>,
): DueCheck[] {
  const rule = { ...recipient.prefs, lookaheadDays: recipient.lookaheadDays };
  const reasons = calendar.reasons(rule, recipient.today);
  const changedDates =
    mark && mark.localDay < recipient.today ? calendar.changedSince(rule, recipient.today, mark.localDay) : new Set<number>();
  const include = (candidate: CandidateCommitment) => {
    const index = calendar.indexOf(candidate.due_date);
    if (index < 0 || reasons[index] === null) return false;
    return !mark || changedDates.has(index) || (commitmentPasses.get(candidate.id) ?? Infinity) > mark.pass;
  };
  return [...reach.concerns(recipient.id, include)].map(([candidate, vias]) => {
    const reason = reasons[calendar.indexOf(candidate.due_date)] as string;
    return { candidate, reason, vias, itemKey: `${recipient.id}:${candidate.id}:${reason}:${candidate.due_date}` };
  });
}

/** The keys among these that the ledger holds already. */
export async function plannedKeys(sql: PlannerSql, keys: readonly string[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (let start = 0; start < keys.length; start += KEYS_PER_QUERY) {
    const rows = await sql.query<{ item_key: string }>(`SELECT item_key FROM reminder_items WHERE item_key = ANY($1::varchar[])`, [
      keys.slice(start, start + KEYS_PER_QUERY),
    ]);
    for (const row of rows) known.add(row.item_key);
  }
  return known;
}
