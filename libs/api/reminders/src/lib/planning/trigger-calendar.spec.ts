import fc from 'fast-check';
import { addDays, latestTrigger } from './schedule';
import { TriggerCalendar, type TriggerRule } from './trigger-calendar';

const WINDOW = { from: '2025-12-01', to: '2026-04-30' };
const rules = fc.record({
  leadDays: fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 4 }),
  onDueDay: fc.boolean(),
  overdueRepeatDays: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
  lookaheadDays: fc.constantFrom(0, 6),
});
const days = fc.integer({ min: 0, max: 120 }).map((offset) => addDays('2025-12-20', offset));

describe('TriggerCalendar', () => {
  it('gives each due date of the window the reminder latestTrigger calls for', () => {
    fc.assert(
      fc.property(rules, days, (rule: TriggerRule, day) => {
        const calendar = new TriggerCalendar(WINDOW);
        const reasons = calendar.reasons(rule, day);
        calendar.dates.forEach((due, i) => {
          expect(reasons[i]).toBe(latestTrigger(due, day, rule, rule.lookaheadDays)?.reason ?? null);
        });
      }),
      { numRuns: 50 },
    );
  });

  it('finds exactly the due dates whose reminder changed since an earlier day, and none on the same day', () => {
    fc.assert(
      fc.property(rules, days, fc.integer({ min: 1, max: 10 }), (rule: TriggerRule, day, gap) => {
        const calendar = new TriggerCalendar(WINDOW);
        const since = addDays(day, -gap);
        const expected = calendar.dates.flatMap((due, i) => {
          const now = latestTrigger(due, day, rule, rule.lookaheadDays)?.reason;
          return now && now !== latestTrigger(due, since, rule, rule.lookaheadDays)?.reason ? [i] : [];
        });
        expect([...calendar.changedSince(rule, day, since)]).toEqual(expected);
        expect(calendar.changedSince(rule, day, day).size).toBe(0);
      }),
      { numRuns: 50 },
    );
  });

  it('places due dates in the window and none outside it', () => {
    const calendar = new TriggerCalendar(WINDOW);
    expect(calendar.dates).toHaveLength(151);
    expect([calendar.indexOf('2025-12-01'), calendar.indexOf('2026-04-30'), calendar.indexOf('2026-05-01')]).toEqual([0, 150, -1]);
  });
});
