/**
 * Puts one recipient's reminders into mail, in one transaction: gathers the new reminders and everything already
 * waiting for the recipient into one digest, or one mail each, per their preferences, enqueues the mails in the
 * outbox, and records the new reminders in the `reminder_items` ledger (whose unique item key makes each go out
 * once) together with the mail that carries them.
 */
import type { CatchUpNote, MailContext, ReminderItem } from '../mail/reminder-mail';
import { renderReminderMail } from '../mail/reminder-mail';
import type { PlannerSql } from './planner-session';
import type { ReadyRecipient } from './recipients';
import type { Proposal } from './reminder-items';

export interface RecipientPlan {
  recipient: ReadyRecipient;
  proposed: Proposal[];
  /**
   * Set when the recipient has mail that missed its day: where things stand now for them (what they are concerned
   * with that is overdue, due today or due soon, and what the missed mail was about), for the catch-up mail.
   */
  situation?: ReminderItem[];
}

interface QueuedItem {
  /** The ledger row of a reminder that was waiting; null for a new one. */
  id: string | null;
  kind: ReminderItem['kind'];
  createdAt: Date;
  snapshot: ReminderItem;
}

interface Mail {
  kind: 'reminder' | 'digest' | 'status' | 'catchup';
  key: string;
  items: QueuedItem[];
  /** A catch-up's extra lines (not ledger items) and its note. */
  extra?: ReminderItem[];
  catchUp?: CatchUpNote;
}

interface StaleDelivery {
  id: string;
  local_date: string | null;
  items: ReminderItem[];
}

/** A second digest on the same local day (items that appeared after the first was planned) gets a numbered key. */
const MAX_MAILS_PER_KEY = 50;

export async function commitPlan(
  sql: PlannerSql,
  plan: RecipientPlan,
  mailContext: () => Promise<MailContext>,
  now: Date,
): Promise<{ items: number; deliveries: number }> {
  const { recipient, proposed } = plan;
  if (recipient.prefs.statusChangeNotices === 'off') {
    await sql.query(`DELETE FROM reminder_items WHERE user_id = $1 AND delivery_id IS NULL AND kind = 'status_change'`, [recipient.id]);
  }
  const waiting = await lockWaiting(sql, recipient.id);
  const fresh = proposed.map((p): QueuedItem => ({ id: null, kind: p.item.kind, createdAt: now, snapshot: p.item }));
  // Oldest first, as the ledger orders them.
  const queued = [...waiting, ...fresh].sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.snapshot.itemKey.localeCompare(b.snapshot.itemKey),
  );
  const stale = plan.situation ? await lockStale(sql, recipient.id, now) : [];
  const catchUp = stale.length > 0 ? catchUpMail(recipient, queued, stale, plan.situation ?? []) : null;
  if (catchUp && catchUp.items.length + (catchUp.extra?.length ?? 0) === 0) {
    await sql.query(
      `UPDATE mail_outbox SET state = 'cancelled', next_attempt_at = NULL, last_error = COALESCE(last_error || ' / ', '') || $2
        WHERE id = ANY($1::uuid[])`,
      [stale.map((d) => d.id), `Not sent on its day (mail was failing); by ${recipient.today} nothing it said still held`],
    );
  }
  const mails = catchUp ? (catchUp.items.length + (catchUp.extra?.length ?? 0) > 0 ? [catchUp] : []) : mailsFor(recipient, queued);
  const deliveryOf = new Map<QueuedItem, string>();
  if (mails.length > 0) {
    const deliveryIds = await enqueueMails(sql, recipient, mails, await mailContext(), now);
    mails.forEach((mail, i) => mail.items.forEach((item) => deliveryOf.set(item, deliveryIds[i])));
    if (catchUp && mails[0] === catchUp) await supersede(sql, stale, deliveryIds[0], recipient.today);
  }
  await recordItems(sql, recipient.id, proposed, (i) => deliveryOf.get(fresh[i]) ?? null, now);
  const attached = waiting.filter((item) => deliveryOf.has(item));
  if (attached.length > 0) {
    await sql.query(
      `UPDATE reminder_items i SET delivery_id = a.delivery_id FROM unnest($1::uuid[], $2::uuid[]) AS a(id, delivery_id) WHERE i.id = a.id`,
      [attached.map((item) => item.id), attached.map((item) => deliveryOf.get(item))],
    );
  }
  return { items: proposed.length, deliveries: mails.length };
}

/** What waits for the recipient's next mail (status notices held for the digest), locked for this transaction. */
async function lockWaiting(sql: PlannerSql, userId: string): Promise<QueuedItem[]> {
  const rows = await sql.query<{ id: string; kind: ReminderItem['kind']; created_at: Date; snapshot: ReminderItem }>(
    `SELECT id, kind, created_at, snapshot FROM reminder_items WHERE user_id = $1 AND delivery_id IS NULL
      ORDER BY created_at, item_key FOR UPDATE`,
    [userId],
  );
  return rows.map((row) => ({ id: row.id, kind: row.kind, createdAt: row.created_at, snapshot: row.snapshot }));
}

/**
 * Adds the new reminders to the ledger in one statement, each with the mail that carries it (none: it waits for
 * the next digest). The pass checked the ledger under the planner lock; a reminder found there all the same rolls
 * the recipient's transaction back rather than mail it twice.
 */
async function recordItems(
  sql: PlannerSql,
  userId: string,
  proposed: readonly Proposal[],
  deliveryOf: (index: number) => string | null,
  now: Date,
): Promise<void> {
  if (proposed.length === 0) return;
  const rows = await sql.query<{ id: string }>(
    `INSERT INTO reminder_items (item_key, user_id, kind, commitment_id, reason, due_date, status_update_id, snapshot, created_at, delivery_id)
     SELECT p.item_key, $1, p.kind, p.commitment_id, p.reason, p.due_date, p.status_update_id, p.snapshot, $2, p.delivery_id
       FROM unnest($3::varchar[], $4::varchar[], $5::uuid[], $6::varchar[], $7::date[], $8::uuid[], $9::jsonb[], $10::uuid[])
         AS p(item_key, kind, commitment_id, reason, due_date, status_update_id, snapshot, delivery_id)
     ON CONFLICT (item_key) DO NOTHING RETURNING id`,
    [
      userId,
      now,
      proposed.map((p) => p.item.itemKey),
      proposed.map((p) => p.item.kind),
      proposed.map((p) => p.item.commitmentId),
      proposed.map((p) => p.item.reason),
      proposed.map((p) => p.dueDate),
      proposed.map((p) => p.statusUpdateId),
      proposed.map((p) => JSON.stringify(p.item)),
      proposed.map((_, i) => deliveryOf(i)),
    ],
  );
  if (rows.length < proposed.length) throw new Error(`${proposed.length - rows.length} reminder(s) were in the ledger already`);
}

function mailsFor(recipient: ReadyRecipient, queued: readonly QueuedItem[]): Mail[] {
  const { prefs, today, digestTime } = recipient;
  const digestKey = `digest:${recipient.id}:${today}`;
  const deadlines = queued.filter((q) => q.kind === 'deadline');
  const statusItems = queued.filter((q) => q.kind === 'status_change');
  const mails: Mail[] = [];
  if (prefs.statusChangeNotices === 'immediate') {
    for (const s of statusItems) mails.push({ kind: 'status', key: s.snapshot.itemKey, items: [s] });
  }
  const digestNotices = prefs.statusChangeNotices === 'digest' && digestTime ? statusItems : [];
  if (prefs.digest === 'immediate') {
    for (const d of deadlines) mails.push({ kind: 'reminder', key: d.snapshot.itemKey, items: [d] });
    if (digestNotices.length > 0) mails.push({ kind: 'digest', key: digestKey, items: digestNotices });
  } else if (deadlines.length + digestNotices.length > 0) {
    mails.push({ kind: 'digest', key: digestKey, items: [...deadlines, ...digestNotices] });
  }
  return mails;
}

/** The recipient's unsent reminder mail whose local day has ended, locked for this transaction. */
async function lockStale(sql: PlannerSql, userId: string, now: Date): Promise<StaleDelivery[]> {
  return sql.query<StaleDelivery>(
    `SELECT id, to_char(local_date, 'YYYY-MM-DD') AS local_date, items FROM mail_outbox
      WHERE recipient_id = $1 AND state IN ('pending', 'failed') AND kind <> 'message' AND stale_at <= $2
      ORDER BY created_at FOR UPDATE SKIP LOCKED`,
    [userId, now],
  );
}

/**
 * One mail in place of everything that missed its day: today's new reminders and what waited for the next mail
 * (ledger items), the status changes the missed mail told of, and where things stand now (lines of no ledger
 * item: a commitment named by a ledger item is not listed twice).
 */
function catchUpMail(
  recipient: ReadyRecipient,
  queued: readonly QueuedItem[],
  stale: readonly StaleDelivery[],
  situation: readonly ReminderItem[],
): Mail {
  const inLedger = new Set(queued.filter((q) => q.kind === 'deadline').map((q) => q.snapshot.commitmentId));
  const keys = new Set(queued.map((q) => q.snapshot.itemKey));
  const carried: ReminderItem[] = [];
  for (const item of stale.flatMap((d) => d.items)) {
    if (item.kind === 'status_change' && !keys.has(item.itemKey)) {
      keys.add(item.itemKey);
      carried.push(item);
    }
  }
  const since = stale.map((d) => d.local_date ?? recipient.today).sort()[0];
  return {
    kind: 'catchup',
    key: `catchup:${recipient.id}:${recipient.today}`,
    items: [...queued],
    extra: [...carried, ...situation.filter((item) => !inLedger.has(item.commitmentId))],
    catchUp: { replaced: stale.length, since },
  };
}

/** Marks the missed mail superseded by the catch-up; its ledger items stay with it, so each is accounted for. */
async function supersede(sql: PlannerSql, stale: readonly StaleDelivery[], catchUpId: string, today: string): Promise<void> {
  await sql.query(
    `UPDATE mail_outbox SET state = 'superseded', superseded_by = $2, next_attempt_at = NULL,
            last_error = COALESCE(last_error || ' / ', '') || $3
      WHERE id = ANY($1::uuid[])`,
    [stale.map((d) => d.id), catchUpId, `Not sent on its day (mail was failing); replaced by the catch-up mail of ${today}`],
  );
}

/** Enqueues the mails in one multi-row insert; a key already taken (a second digest today) gets the next free number. */
async function enqueueMails(
  sql: PlannerSql,
  recipient: ReadyRecipient,
  mails: readonly Mail[],
  context: MailContext,
  now: Date,
): Promise<string[]> {
  const rendered = mails.map((mail) => {
    const items = [...mail.items.map((q) => q.snapshot), ...(mail.extra ?? [])];
    const mode = mail.kind === 'catchup' ? 'catchup' : mail.kind === 'digest' ? 'digest' : 'single';
    return {
      ...renderReminderMail(items, mode, context, mail.catchUp),
      items,
      reason: mail.kind === 'catchup' ? 'catch_up' : mail.kind === 'digest' ? 'digest' : items[0].reason,
    };
  });
  const insert = (keys: readonly string[], indexes: readonly number[]) =>
    sql.query<{ id: string; dedupe_key: string }>(
      `INSERT INTO mail_outbox (recipient, recipient_id, subject, text, html, state, dedupe_key, created_at, kind, reason, items,
                                local_date, unsubscribe_url, attempts, next_attempt_at, stale_at)
       SELECT $1, $2, m.subject, m.text, m.html, 'pending', m.dedupe_key, $3, m.kind, m.reason, m.items, $4, $5, 0, $3, $13
         FROM unnest($6::varchar[], $7::text[], $8::text[], $9::varchar[], $10::varchar[], $11::varchar[], $12::jsonb[])
           AS m(subject, text, html, dedupe_key, kind, reason, items)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id, dedupe_key`,
      [
        recipient.email,
        recipient.id,
        now,
        recipient.today,
        context.unsubscribeUrl,
        indexes.map((i) => rendered[i].subject),
        indexes.map((i) => rendered[i].text),
        indexes.map((i) => rendered[i].html),
        keys,
        indexes.map((i) => mails[i].kind),
        indexes.map((i) => rendered[i].reason),
        indexes.map((i) => JSON.stringify(rendered[i].items)),
        recipient.dayEndsAt,
      ],
    );
  const ids: string[] = new Array(mails.length);
  let pending = mails.map((_, i) => i);
  for (let n = 1; n <= MAX_MAILS_PER_KEY && pending.length > 0; n += 1) {
    const keys = pending.map((i) => (n === 1 ? mails[i].key : `${mails[i].key}:${n}`));
    const created = new Map((await insert(keys, pending)).map((row) => [row.dedupe_key, row.id]));
    pending.forEach((i, k) => (ids[i] = created.get(keys[k]) ?? ids[i]));
    pending = pending.filter((i) => ids[i] === undefined);
  }
  if (pending.length > 0) throw new Error(`Could not find a free dedupe key for ${mails[pending[0]].key}`);
  return ids;
}
