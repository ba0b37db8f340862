import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ADVISORY_LOCKS, Clock, WorkspaceSettingsService } from '@pactwatch/api/core';
import { DataSource } from 'typeorm';
import { ReminderLinks } from '../mail/reminder-links';
import type { ReminderItem } from '../mail/reminder-mail';
import { commitPlan, type RecipientPlan } from './assembly';
import { findCandidates, findGroupWatches, Reach, type CandidateCommitment } from './candidates';
import { plannedKeys, remindersToCheck, type DueCheck } from './due-reminders';
import { PlannerSession } from './planner-session';
import {
  commitmentChanges,
  forgetRecipients,
  markRecipients,
  nextPass,
  recipientFingerprint,
  recipientMarks,
  saveCommitmentMarks,
  type RecipientMark,
} from './planning-marks';
import { loadRecipients, readyAt, WEEKLY_LOOKAHEAD_DAYS, type ReadyRecipient, type Recipient } from './recipients';
import { CommitmentCache, deadlineProposal, type Proposal, type Via } from './reminder-items';
import { candidateWindow, daysUntil } from './schedule';
import { cancelStaleDeliveries } from './stale-deliveries';
import { findStatusNotices, saveStatusCursor, statusProposals, type StatusNotices } from './status-notices';
import { TriggerCalendar } from './trigger-calendar';

export { WEEKLY_DIGEST_WEEKDAY, WEEKLY_LOOKAHEAD_DAYS } from './recipients';

/** Who has unsent reminder mail whose local day has ended (see mail_outbox.stale_at), and what it was about. */
async function missedMail(session: PlannerSession, now: Date): Promise<Map<string, Set<string>>> {
  const rows = await session.query<{ recipient_id: string; commitment_ids: (string | null)[] }>(
    `SELECT d.recipient_id, array_agg(DISTINCT i->>'commitmentId') AS commitment_ids
       FROM mail_outbox d LEFT JOIN LATERAL jsonb_array_elements(d.items) i ON true
      WHERE d.state IN ('pending', 'failed') AND d.stale_at <= $1 AND d.kind <> 'message' AND d.recipient_id IS NOT NULL
      GROUP BY d.recipient_id`,
    [now],
  );
  return new Map(rows.map((row) => [row.recipient_id, new Set(row.commitment_ids.filter((id): id is string => id !== null))]));
}

/** Recipients planned per round: bounds the reminders held in memory at once. */
export const RECIPIENTS_PER_BATCH = 250;
/** A pass that runs longer than this logs its progress. */
const PROGRESS_EVERY_MS = 10_000;

export interface PlanResult {
  /** Open commitments due in the window a reminder can come from (the candidate query's rows). */
  commitmentsDue: number;
  /** Users whose send hour has come, so that deadline reminders can go out to them in this pass. */
  recipientsReady: number;
  /** Deadline reminders looked up in the ledger: what changed since the last pass, or everything for a new recipient. */
  remindersChecked: number;
  /** Users who got new reminders. */
  recipients: number;
  itemsPlanned: number;
  deliveriesCreated: number;
  deliveriesCancelled: number;
  failures: number;
}

/** What a pass knows once it has read the candidates, the watches and the marks. */
interface PassContext {
  pass: number;
  now: Date;
  reach: Reach;
  calendar: TriggerCalendar;
  commitmentPasses: ReadonlyMap<string, number>;
  marks: ReadonlyMap<string, RecipientMark>;
  notices: StatusNotices;
  queued: ReadonlySet<string>;
  /** Recipients with unsent mail whose day has ended, and the commitments that mail was about. */
  missed: ReadonlyMap<string, ReadonlySet<string>>;
  commitments: CommitmentCache;
}

/** A catch-up lists, besides what the missed mail was about, everything open due within this many days (or overdue). */
export const CATCH_UP_DUE_SOON_DAYS = 7;

/**
 * Plans reminder mail into the outbox. One pass, on a connection of its own that holds the cluster-wide planner
 * lock and the planner's statement timeout:
 * 1. reads the recipients, the open commitments due in the reminder window (an index range on due_date, one row
 *    each) and the agreement and area watches, joined in memory, and compares them with the planning marks;
 * 2. cancels or trims pending deliveries of what changed that no longer make sense (closed, due date moved,
 *    recipient gone);
 * 3. for each recipient at their send hour, checks against the ledger the reminders that may be new since the
 *    recipient's last pass (see due-reminders.ts), batch by batch of recipients;
 * 4. per recipient with something new or queued (own transaction and error capture): records the reminders in
 *    the `reminder_items` ledger and puts them in one digest, or one mail each, per the recipient's preferences.
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
    const session = await PlannerSession.open(this.dataSource, ADVISORY_LOCKS.reminderPlanner);
    if (!session) return null;
    try {
      return await this.plan(session, now);
    } finally {
      await session.close();
    }
  }

  private async plan(session: PlannerSession, now: Date): Promise<PlanResult> {
    const started = Date.now();
    const pass = await nextPass(session);
    const recipients = await loadRecipients(session, (await this.settings.get()).timeZone);
    const ready = recipients.map((recipient) => readyAt(recipient, now)).filter((r): r is ReadyRecipient => r !== null);
    const maxLead = Math.max(0, ...recipients.flatMap((r) => r.prefs.leadDays));
    const window = candidateWindow(now.toISOString().slice(0, 10), maxLead, WEEKLY_LOOKAHEAD_DAYS);
    const candidates = await findCandidates(session, window);
    const reach = new Reach(candidates, await findGroupWatches(session));
    const changes = await this.replanChanges(session, pass, recipients, candidates, reach, now);
    const context: PassContext = {
      pass,
      now,
      reach,
      calendar: new TriggerCalendar(window),
      commitmentPasses: changes.commitmentPasses,
      marks: changes.marks,
      notices: await findStatusNotices(session),
      queued: new Set(
        (await session.query<{ user_id: string }>(`SELECT DISTINCT user_id FROM reminder_items WHERE delivery_id IS NULL`)).map(
          (q) => q.user_id,
        ),
      ),
      missed: await missedMail(session, now),
      commitments: new CommitmentCache(),
    };
    const result: PlanResult = {
      commitmentsDue: candidates.length,
      recipientsReady: ready.filter((r) => r.digestTime).length,
      remindersChecked: 0,
      recipients: 0,
      itemsPlanned: 0,
      deliveriesCreated: 0,
      deliveriesCancelled: changes.cancelled,
      failures: 0,
    };
    // Only recipients at their send hour, or with status notices or reminders waiting for their next mail.
    const involved = ready.filter(
      (r) =>
        r.digestTime ||
        context.notices.byRecipient.has(r.id) ||
        context.queued.has(r.id) ||
        (r.sendHourReached && context.missed.has(r.id)),
    );
    const { planned, failed } = await this.planRecipients(session, involved, context, result, started);
    await markRecipients(session, planned);
    await forgetRecipients(session, [...failed, ...changes.failedRecipients]);
    await saveStatusCursor(session, context.notices, now);
    this.logFigures(result, Date.now() - started);
    return result;
  }

  /**
   * Compares the candidates and recipients with the planning marks, cancels or trims the pending deliveries the
   * changes made stale, then records the commitments as seen. In that order: a pass that stops in between sees the
   * same changes again. Recipients who no longer receive reminders lose their mark (planned in full if they return).
   */
  private async replanChanges(
    session: PlannerSession,
    pass: number,
    recipients: readonly Recipient[],
    candidates: readonly CandidateCommitment[],
    reach: Reach,
    now: Date,
  ): Promise<{
    commitmentPasses: Map<string, number>;
    marks: Map<string, RecipientMark>;
    cancelled: number;
    failedRecipients: Set<string>;
  }> {
    const changes = await commitmentChanges(session, candidates, pass);
    const marks = await recipientMarks(session);
    const receiving = new Set(recipients.map((r) => r.id));
    const gone = [...marks.keys()].filter((id) => !receiving.has(id));
    const changedRecipients = recipients.filter((r) => marks.get(r.id)?.fingerprint !== this.fingerprintOf(r, reach)).map((r) => r.id);
    const replanned = await cancelStaleDeliveries(
      session,
      this.links,
      { commitmentIds: [...changes.changed.map((c) => c.id), ...changes.left], userIds: [...changedRecipients, ...gone] },
      now,
      this.logger,
    );
    await saveCommitmentMarks(session, changes, pass, replanned.failed.commitmentIds);
    await forgetRecipients(
      session,
      gone.filter((id) => !replanned.failed.userIds.has(id)),
    );
    return { commitmentPasses: changes.passes, marks, cancelled: replanned.cancelled, failedRecipients: replanned.failed.userIds };
  }

  /** Plans batch after batch of recipients, each in its own transaction; returns the marks to record and who failed. */
  private async planRecipients(
    session: PlannerSession,
    involved: readonly ReadyRecipient[],
    context: PassContext,
    result: PlanResult,
    started: number,
  ): Promise<{ planned: Map<string, RecipientMark>; failed: string[] }> {
    const planned = new Map<string, RecipientMark>();
    const failed: string[] = [];
    let lastProgress = started;
    for (let start = 0; start < involved.length; start += RECIPIENTS_PER_BATCH) {
      const { plans, checked } = await this.proposeBatch(session, involved.slice(start, start + RECIPIENTS_PER_BATCH), context);
      result.remindersChecked += checked;
      for (const plan of plans) {
        const { recipient } = plan;
        if (plan.proposed.length > 0 || context.queued.has(recipient.id) || plan.situation) {
          try {
            const done = await session.transaction((sql) =>
              commitPlan(
                sql,
                plan,
                () => this.links.contextFor(recipient.id, recipient.displayName, recipient.prefs.timeZone),
                context.now,
              ),
            );
            if (done.items > 0) result.recipients += 1;
            result.itemsPlanned += done.items;
            result.deliveriesCreated += done.deliveries;
          } catch (error) {
            result.failures += 1;
            failed.push(recipient.id);
            this.logger.error(`Planning reminders for user ${recipient.id} failed`, error instanceof Error ? error.stack : String(error));
            continue;
          }
        }
        if (recipient.digestTime) planned.set(recipient.id, this.markOf(recipient, context));
      }
      if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = Date.now();
        this.logger.log(
          `Planning reminders: ${Math.min(start + RECIPIENTS_PER_BATCH, involved.length)} of ${involved.length} recipient(s) done, ` +
            `${result.itemsPlanned} reminder(s) in ${result.deliveriesCreated} mail(s) so far`,
        );
      }
    }
    return { planned, failed };
  }

  /** The new reminders of a batch of recipients: due deadlines the ledger does not hold yet, and status notices. */
  private async proposeBatch(
    session: PlannerSession,
    batch: readonly ReadyRecipient[],
    context: PassContext,
  ): Promise<{ plans: RecipientPlan[]; checked: number }> {
    const checks = new Map(
      batch.map((recipient) => [
        recipient.id,
        recipient.digestTime
          ? remindersToCheck(recipient, this.previousMark(recipient, context), context.reach, context.calendar, context.commitmentPasses)
          : [],
      ]),
    );
    const notices = new Map(
      batch.map((recipient) => [
        recipient.id,
        recipient.prefs.statusChangeNotices === 'off'
          ? []
          : statusProposals(recipient, context.notices.byRecipient.get(recipient.id) ?? []),
      ]),
    );
    const allChecks = [...checks.values()].flat();
    const known = await plannedKeys(session, [
      ...allChecks.map((check) => check.itemKey),
      // Status notices already in the ledger (the cursor re-reads a margin behind itself) are not proposed again.
      ...[...notices.values()].flat().map((p) => p.item.itemKey),
    ]);
    const catchingUp = new Map(
      batch
        .filter((recipient) => recipient.sendHourReached && context.missed.has(recipient.id))
        .map((recipient) => [recipient.id, this.situationOf(recipient, context)]),
    );
    await context.commitments.load(session, [
      ...allChecks.filter((check) => !known.has(check.itemKey)).map((check) => check.candidate.id),
      ...[...catchingUp.values()].flatMap((concerns) => [...concerns.keys()].map((c) => c.id)),
    ]);
    const plans = batch.map(
      (recipient): RecipientPlan => ({
        recipient,
        proposed: [
          ...this.deadlineProposals(recipient, checks.get(recipient.id) ?? [], known, context.commitments),
          ...(notices.get(recipient.id) ?? []).filter((p) => !known.has(p.item.itemKey)),
        ],
        situation: catchingUp.has(recipient.id)
          ? this.situationItems(recipient, catchingUp.get(recipient.id) ?? new Map(), context.commitments)
          : undefined,
      }),
    );
    return { plans, checked: allChecks.length };
  }

  /** What a catch-up covers: the recipient's open commitments due soon or overdue, and those their missed mail named. */
  private situationOf(recipient: ReadyRecipient, context: PassContext): Map<CandidateCommitment, Via[]> {
    const named = context.missed.get(recipient.id) ?? new Set<string>();
    return context.reach.concerns(recipient.id, (c) => named.has(c.id) || daysUntil(recipient.today, c.due_date) <= CATCH_UP_DUE_SOON_DAYS);
  }

  private situationItems(
    recipient: ReadyRecipient,
    concerns: ReadonlyMap<CandidateCommitment, Via[]>,
    commitments: CommitmentCache,
  ): ReminderItem[] {
    const items: ReminderItem[] = [];
    for (const [candidate, vias] of concerns) {
      const commitment = commitments.get(candidate.id);
      if (!commitment || commitment.due_date !== candidate.due_date) continue;
      const { item } = deadlineProposal(recipient, { ...commitment, due_date: candidate.due_date }, 'catch_up', vias);
      items.push({ ...item, itemKey: `catchup:${recipient.id}:${candidate.id}:${recipient.today}` });
    }
    return items;
  }

  private deadlineProposals(
    recipient: ReadyRecipient,
    checks: readonly DueCheck[],
    known: ReadonlySet<string>,
    commitments: CommitmentCache,
  ): Proposal[] {
    const proposals: Proposal[] = [];
    for (const check of checks) {
      if (known.has(check.itemKey)) continue;
      const commitment = commitments.get(check.candidate.id);
      // The due date changed since the candidates were read: the next pass plans the reminder for the new one.
      if (commitment?.due_date !== check.candidate.due_date) continue;
      proposals.push(deadlineProposal(recipient, { ...commitment, due_date: check.candidate.due_date }, check.reason, check.vias));
    }
    return proposals;
  }

  /** The recipient's last mark, if it still applies: same rule, zone and watches, and not a later day than today. */
  private previousMark(recipient: ReadyRecipient, context: PassContext): RecipientMark | null {
    const mark = context.marks.get(recipient.id);
    return mark && mark.fingerprint === this.fingerprintOf(recipient, context.reach) && mark.localDay <= recipient.today ? mark : null;
  }

  private markOf(recipient: ReadyRecipient, context: PassContext): RecipientMark {
    return { fingerprint: this.fingerprintOf(recipient, context.reach), localDay: recipient.today, pass: context.pass };
  }

  private fingerprintOf(recipient: Recipient, reach: Reach): string {
    return recipientFingerprint(recipient, reach.groupWatchesOf(recipient.id));
  }

  private logFigures(result: PlanResult, ms: number): void {
    const message =
      `Reminder pass in ${ms} ms: ${result.commitmentsDue} commitment(s) due, ${result.recipientsReady} recipient(s) at their send hour, ` +
      `${result.remindersChecked} reminder(s) checked; planned ${result.itemsPlanned} reminder(s) in ${result.deliveriesCreated} mail(s) ` +
      `for ${result.recipients} recipient(s); cancelled ${result.deliveriesCancelled}; ${result.failures} failure(s)`;
    if (result.itemsPlanned > 0 || result.deliveriesCancelled > 0 || result.failures > 0 || ms >= PROGRESS_EVERY_MS)
      this.logger.log(message);
    else this.logger.debug(message);
  }
}
