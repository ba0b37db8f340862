import { dateOf, dayNumber, latestTriggerDay, type ReminderRule } from './schedule';

/** A recipient's reminder rule as the planner applies it: the rule itself and how far a digest looks ahead. */
export interface TriggerRule extends ReminderRule {
  lookaheadDays: number;
}

/**
 * Which reminder each due date of a window calls for (`latestTrigger`), worked out once per rule and day and
 * shared by every recipient with that rule and day, however many commitments they are reminded of.
 */
export class TriggerCalendar {
  readonly dates: readonly string[];
  private readonly first: number;
  private readonly reasonsByKey = new Map<string, readonly (string | null)[]>();

  constructor(window: { from: string; to: string }) {
    this.first = dayNumber(window.from);
    this.dates = Array.from({ length: dayNumber(window.to) - this.first + 1 }, (_, i) => dateOf(this.first + i));
  }

  /** The position of a due date in the window, or -1 outside it. */
  indexOf(dueDate: string): number {
    const index = dayNumber(dueDate) - this.first;
    return index >= 0 && index < this.dates.length ? index : -1;
  }

  /** The reminder reason each due date of the window calls for on `day` (null: none), by position. */
  reasons(rule: TriggerRule, day: string): readonly (string | null)[] {
    const key = JSON.stringify([day, rule.leadDays, rule.onDueDay, rule.overdueRepeatDays, rule.lookaheadDays]);
    let reasons = this.reasonsByKey.get(key);
    if (!reasons) {
      const today = dayNumber(day);
      reasons = this.dates.map((_, i) => latestTriggerDay(this.first + i, today, rule, rule.lookaheadDays)?.reason ?? null);
      this.reasonsByKey.set(key, reasons);
    }
    return reasons;
  }

  /** Positions of the due dates whose reminder on `day` is not the one they called for on `since`: what time brought. */
  changedSince(rule: TriggerRule, day: string, since: string): ReadonlySet<number> {
    const now = this.reasons(rule, day);
    const before = this.reasons(rule, since);
    return new Set(now.flatMap((reason, i) => (reason !== null && reason !== before[i] ? [i] : [])));
  }
}
