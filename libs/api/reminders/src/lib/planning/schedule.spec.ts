import fc from 'fast-check';
import { addDays, latestTrigger, OVERDUE_HORIZON_DAYS, ReminderRule } from './schedule';

const DEFAULT: ReminderRule = { leadDays: [30, 7, 1], onDueDay: true, overdueRepeatDays: 7 };
const due = '2026-02-08';

describe('latestTrigger', () => {
  it.each([
    ['2026-01-08', 'due_in_31', null],
    ['2026-01-09', 'due_in_30', '2026-01-09'],
    ['2026-01-20', 'due_in_30', '2026-01-09'],
    ['2026-02-01', 'due_in_7', '2026-02-01'],
    ['2026-02-07', 'due_in_1', '2026-02-07'],
    ['2026-02-08', 'due_today', '2026-02-08'],
    ['2026-02-09', 'overdue_1', '2026-02-09'],
    ['2026-02-15', 'overdue_1', '2026-02-09'],
    ['2026-02-16', 'overdue_8', '2026-02-16'],
  ])('on %s the latest reminder for a deadline on 8 Feb 2026 is %s', (today, reason, day) => {
    const trigger = latestTrigger(due, today, DEFAULT);
    expect(trigger).toEqual(day ? { reason, day } : null);
  });

  it('sends one overdue reminder and no repeats when the repeat is off', () => {
    const rule = { ...DEFAULT, overdueRepeatDays: null };
    expect(latestTrigger(due, '2026-03-30', rule)).toEqual({ reason: 'overdue_1', day: '2026-02-09' });
  });

  it('drops the due-day reminder once the day has passed (catch-up sends the overdue one instead)', () => {
    expect(latestTrigger(due, '2026-02-09', { ...DEFAULT, overdueRepeatDays: null })?.reason).toBe('overdue_1');
    expect(latestTrigger(due, '2026-02-08', { ...DEFAULT, onDueDay: false })).toBeNull();
  });

  it('stops overdue reminders after the horizon', () => {
    expect(latestTrigger(due, addDays(due, OVERDUE_HORIZON_DAYS + 10), DEFAULT)).toBeNull();
  });

  it('lets a weekly digest include what falls in the coming week', () => {
    expect(latestTrigger(due, '2026-02-02', DEFAULT, 6)).toEqual({ reason: 'due_today', day: '2026-02-08' });
    expect(latestTrigger(due, '2026-02-02', DEFAULT, 0)).toEqual({ reason: 'due_in_7', day: '2026-02-01' });
  });

  it('never returns a trigger after today (plus lookahead), and lead reminders only before the due date', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -400, max: 400 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 90 }), { maxLength: 5 }),
        fc.boolean(),
        fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
        fc.integer({ min: 0, max: 6 }),
        (offset, leadDays, onDueDay, overdueRepeatDays, lookahead) => {
          const today = addDays(due, offset);
          const trigger = latestTrigger(due, today, { leadDays, onDueDay, overdueRepeatDays }, lookahead);
          if (!trigger) return;
          expect(trigger.day <= addDays(today, lookahead)).toBe(true);
          if (trigger.reason.startsWith('due_in_')) expect(today < due).toBe(true);
          if (trigger.reason === 'due_today') expect(today <= due).toBe(true);
          if (trigger.reason.startsWith('overdue_')) expect(today > due && trigger.day <= today).toBe(true);
        },
      ),
    );
  });

  it('asks for each reminder exactly once when planned every day (the same trigger on consecutive days is one key)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 4 }), (leadDays) => {
        const rule = { leadDays, onDueDay: true, overdueRepeatDays: 7 };
        const seen = new Set<string>();
        for (let offset = -70; offset <= 30; offset += 1) {
          const trigger = latestTrigger(due, addDays(due, offset), rule);
          if (trigger) seen.add(`${trigger.reason}@${trigger.day}`);
        }
        const expected = new Set([
          ...leadDays.map((lead) => `due_in_${lead}@${addDays(due, -lead)}`),
          `due_today@${due}`,
          ...[1, 8, 15, 22, 29].map((n) => `overdue_${n}@${addDays(due, n)}`),
        ]);
        expect(seen).toEqual(expected);
      }),
    );
  });
});
