/**
 * The test's own statement of which reminders are due, written independently of the planner:
 * every trigger day of a deadline, and the catch-up rule for the first day the planner sees.
 */
const DAY_MS = 86_400_000;

export function shift(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export interface Rule {
  leadDays: number[];
  onDueDay: boolean;
  overdueRepeatDays: number | null;
}

/** Every reminder a deadline ever calls for (overdue ones for a year). */
export function allTriggers(due: string, rule: Rule): { reason: string; day: string }[] {
  const triggers = rule.leadDays.map((lead) => ({ reason: `due_in_${lead}`, day: shift(due, -lead) }));
  if (rule.onDueDay) triggers.push({ reason: 'due_today', day: due });
  for (let n = 1; n <= 365; n += rule.overdueRepeatDays ?? 366) triggers.push({ reason: `overdue_${n}`, day: shift(due, n) });
  return triggers;
}

/**
 * Reminders a recipient planned every day from `firstDay` to `lastDay` should get, and the local day each
 * goes out: those falling in the period on their own day, plus, on the first day, the most recent earlier
 * one if it still holds (lead reminders before the due date, overdue ones after it).
 */
export function expectedReminders(due: string, rule: Rule, firstDay: string, lastDay: string): Map<string, string> {
  const expected = new Map<string, string>();
  const triggers = allTriggers(due, rule).sort((a, b) => a.day.localeCompare(b.day));
  const earlier = triggers.filter((t) => t.day < firstDay);
  const last = earlier.at(-1);
  const holds = (t: { reason: string }) =>
    t.reason.startsWith('due_in_') ? firstDay < due : t.reason === 'due_today' ? firstDay === due : firstDay > due;
  const onFirstDay = triggers.some((t) => t.day === firstDay);
  if (last && holds(last) && !onFirstDay) expected.set(`${last.reason}:${due}`, firstDay);
  for (const t of triggers) if (t.day >= firstDay && t.day <= lastDay) expected.set(`${t.reason}:${due}`, t.day);
  return expected;
}
