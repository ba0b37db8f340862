import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditEntry, AuditService, SYSTEM_ACTOR } from '@pactwatch/api/audit';
import { AppConfig, tryWithAdvisoryLock } from '@pactwatch/api/core';
import { computeDueDate, DeadlineSpec } from '@pactwatch/shared/deadlines';
import { DataSource } from 'typeorm';
import { WorkspaceCalendar } from '../shared/workspace-calendar';

/** Advisory lock of the roll-forward job (next to ADVISORY_LOCKS in @pactwatch/api/core). */
export const RECURRING_DEADLINES_LOCK = 7_302_010;

interface StaleRow {
  id: string;
  ref_code: string;
  deadline: DeadlineSpec;
  due_date: string | null;
  anchor_pending: boolean;
  anchor_event_id: string | null;
  occurred_on: string | null;
}

/**
 * Recurring deadlines ("renew the waiver every year") have a due date that depends on today:
 * the first occurrence on or after today. The stored `due_date` is what the list, the flags
 * and the reminders query, so it is rolled forward once an occurrence has passed:
 * - a cron job every 15 minutes (so it follows midnight in any workspace time zone) takes an
 *   advisory lock and rolls every passed occurrence forward, with 'recompute' audit entries;
 * - every read that depends on today calls `ensureFresh` first: one indexed EXISTS query per
 *   process per day, so reads are right even when the scheduler is off or missed a run.
 * Rolling forward is not an edit: it does not bump the commitment's version.
 */
@Injectable()
export class RecurringDeadlinesService {
  private readonly logger = new Logger('RecurringDeadlines');
  private freshOn: string | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly calendar: WorkspaceCalendar,
    private readonly config: AppConfig,
  ) {}

  @Cron('0 */15 * * * *', { name: 'recurring-deadlines' })
  async scheduledRefresh(): Promise<void> {
    if (!this.config.env.SCHEDULER_ENABLED) return;
    try {
      const { today } = await this.calendar.day();
      const outcome = await tryWithAdvisoryLock(this.dataSource, RECURRING_DEADLINES_LOCK, () => this.refresh(today));
      if (outcome.ran && outcome.result > 0)
        this.logger.log(`Rolled ${outcome.result} recurring deadline(s) forward to their next occurrence`);
    } catch (error) {
      this.logger.error(`Rolling recurring deadlines forward failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Makes sure no recurring due date lies before `today`; cheap after the first call of the day. True if it moved any. */
  async ensureFresh(today: string): Promise<boolean> {
    if (this.freshOn === today) return false;
    try {
      const [row] = await this.dataSource.query(
        `SELECT EXISTS (SELECT 1 FROM commitments WHERE (deadline->>'kind') = 'recurring' AND due_date < $1::date) AS stale`,
        [today],
      );
      const moved = row.stale ? (await this.refresh(today)) > 0 : false;
      this.freshOn = today;
      return moved;
    } catch (error) {
      // A read must still work when the database refuses writes (read-only replica, maintenance).
      this.logger.warn(`Could not roll recurring deadlines forward: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }

  /** Rolls every recurring deadline whose due date has passed forward to its next occurrence; returns how many moved. */
  refresh(today: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: StaleRow[] = await manager.query(
        `SELECT c.id, c.ref_code, c.deadline, c.due_date::text AS due_date, c.anchor_pending, c.anchor_event_id, a.occurred_on::text AS occurred_on
         FROM commitments c LEFT JOIN anchor_events a ON a.id = c.anchor_event_id
         WHERE (c.deadline->>'kind') = 'recurring' AND c.due_date < $1::date
         ORDER BY c.id
         FOR UPDATE OF c SKIP LOCKED`,
        [today],
      );
      const entries: AuditEntry[] = [];
      for (const row of rows) {
        const anchors = row.anchor_event_id ? { [row.anchor_event_id]: row.occurred_on } : {};
        const due = computeDueDate(row.deadline, anchors, today);
        if (due.dueDate === row.due_date && due.anchorPending === row.anchor_pending) continue;
        await manager.query(`UPDATE commitments SET due_date = $2::date, anchor_pending = $3 WHERE id = $1`, [
          row.id,
          due.dueDate,
          due.anchorPending,
        ]);
        entries.push({
          action: 'recompute',
          entityType: 'commitment',
          entityId: row.id,
          before: { dueDate: row.due_date, anchorPending: row.anchor_pending },
          after: { dueDate: due.dueDate, anchorPending: due.anchorPending },
          summary: `${row.ref_code}: recurring deadline rolled forward to its next occurrence (${due.dueDate ?? 'pending'})`,
        });
      }
      await this.audit.record(manager, SYSTEM_ACTOR, entries);
      return entries.length;
    });
  }
}
