/**
 * The planning marks (see reminder-marks.entity.ts): what each pass saw, so that the next one only re-checks
 * what changed since, plus what the passing days bring, instead of every recipient of every commitment due.
 */
import { createHash } from 'node:crypto';
import type { CandidateCommitment, GroupWatch } from './candidates';
import type { PlannerSql } from './planner-session';
import { lookaheadDays, type Recipient } from './recipients';

export interface RecipientMark {
  fingerprint: string;
  localDay: string;
  pass: number;
}

/** How the candidates differ from the commitment marks: each candidate's mark (this pass if new or changed), and marks to drop. */
export interface CommitmentChanges {
  passes: Map<string, number>;
  changed: { id: string; fingerprint: string }[];
  /** Marked commitments that are no longer candidates (closed, no due date, out of the window, deleted). */
  left: string[];
}

const fingerprint = (value: unknown) => createHash('md5').update(JSON.stringify(value)).digest('hex');

/** Starts a pass: its number, one more than the last. */
export async function nextPass(sql: PlannerSql): Promise<number> {
  const [row] = await sql.query<{ pass: number }>(
    `INSERT INTO reminder_state (id, pass) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET pass = reminder_state.pass + 1 RETURNING pass`,
  );
  return row.pass;
}

function commitmentFingerprint(c: CandidateCommitment): string {
  return fingerprint([c.due_date, c.agreement_id, c.area_ids, c.owner_id, c.assignee_ids, c.watcher_ids]);
}

export function recipientFingerprint(recipient: Recipient, watches: readonly GroupWatch[]): string {
  const { leadDays, onDueDay, overdueRepeatDays, timeZone } = recipient.prefs;
  const watched = watches.map((w) => `${w.target_type}:${w.target_id}`).sort();
  return fingerprint([[...leadDays].sort((a, b) => a - b), onDueDay, overdueRepeatDays, timeZone, lookaheadDays(recipient.prefs), watched]);
}

export async function commitmentChanges(
  sql: PlannerSql,
  candidates: readonly CandidateCommitment[],
  pass: number,
): Promise<CommitmentChanges> {
  const rows = await sql.query<{ commitment_id: string; fingerprint: string; pass: number }>(
    `SELECT commitment_id, fingerprint, pass FROM reminder_commitment_marks`,
  );
  const marks = new Map(rows.map((row) => [row.commitment_id, row]));
  const passes = new Map<string, number>();
  const changed: CommitmentChanges['changed'] = [];
  for (const candidate of candidates) {
    const current = commitmentFingerprint(candidate);
    const mark = marks.get(candidate.id);
    marks.delete(candidate.id);
    if (mark?.fingerprint === current) passes.set(candidate.id, mark.pass);
    else {
      passes.set(candidate.id, pass);
      changed.push({ id: candidate.id, fingerprint: current });
    }
  }
  return { passes, changed, left: [...marks.keys()] };
}

/** Records the changes, except for the commitments in `keep`: left as they were, so that the next pass looks at them again. */
export async function saveCommitmentMarks(
  sql: PlannerSql,
  changes: CommitmentChanges,
  pass: number,
  keep: ReadonlySet<string>,
): Promise<void> {
  const changed = changes.changed.filter((c) => !keep.has(c.id));
  if (changed.length > 0) {
    await sql.query(
      `INSERT INTO reminder_commitment_marks (commitment_id, fingerprint, pass)
       SELECT id, fingerprint, $3 FROM unnest($1::uuid[], $2::varchar[]) AS m(id, fingerprint)
       ON CONFLICT (commitment_id) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, pass = EXCLUDED.pass`,
      [changed.map((c) => c.id), changed.map((c) => c.fingerprint), pass],
    );
  }
  const left = changes.left.filter((id) => !keep.has(id));
  if (left.length > 0) await sql.query(`DELETE FROM reminder_commitment_marks WHERE commitment_id = ANY($1::uuid[])`, [left]);
}

export async function recipientMarks(sql: PlannerSql): Promise<Map<string, RecipientMark>> {
  const rows = await sql.query<{ user_id: string; fingerprint: string; local_day: string; pass: number }>(
    `SELECT user_id, fingerprint, to_char(local_day, 'YYYY-MM-DD') AS local_day, pass FROM reminder_recipient_marks`,
  );
  return new Map(rows.map((row) => [row.user_id, { fingerprint: row.fingerprint, localDay: row.local_day, pass: row.pass }]));
}

export async function markRecipients(sql: PlannerSql, marks: ReadonlyMap<string, RecipientMark>): Promise<void> {
  if (marks.size === 0) return;
  const entries = [...marks.entries()];
  await sql.query(
    `INSERT INTO reminder_recipient_marks (user_id, fingerprint, local_day, pass)
     SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::date[], $4::int[])
     ON CONFLICT (user_id) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, local_day = EXCLUDED.local_day, pass = EXCLUDED.pass`,
    [entries.map(([id]) => id), entries.map(([, m]) => m.fingerprint), entries.map(([, m]) => m.localDay), entries.map(([, m]) => m.pass)],
  );
}

/** Forgets what was planned for these recipients: their next pass plans (and re-plans) them in full. */
export async function forgetRecipients(sql: PlannerSql, userIds: readonly string[]): Promise<void> {
  if (userIds.length > 0) await sql.query(`DELETE FROM reminder_recipient_marks WHERE user_id = ANY($1::uuid[])`, [userIds]);
}
