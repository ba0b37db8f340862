import fc from 'fast-check';
import { Settings } from 'luxon';
import { dateFromDayNumber, dayNumber, flagInput, instant, isoDate, WORKSPACE_TIME_ZONES } from '../../test/arbitraries';
import { computeDueDate, DeadlineSpec } from './deadline-spec';
import { DeadlineError } from './errors';
import {
  computeScheduleFlags,
  daysBetween,
  dueInstant,
  FlagInput,
  isValidTimeZone,
  localDate,
  primaryFlag,
  scheduleFlagsAt,
} from './flags';
import { CLOSED_STATUSES, SCHEDULE_FLAGS, ScheduleFlag } from './status';

const TODAY = '2026-02-08';
const PRIMARY_GROUP: readonly ScheduleFlag[] = SCHEDULE_FLAGS.filter((f) => f !== 'stale');

function plusDays(date: string, n: number): string {
  return dateFromDayNumber(dayNumber(date) + n);
}

function open(overrides: Partial<FlagInput> = {}): FlagInput {
  return {
    status: 'in_progress',
    deadlineKind: 'relative',
    dueDate: TODAY,
    anchorPending: false,
    lastVerifiedOn: TODAY,
    ...overrides,
  };
}

const options = { today: TODAY, staleAfterDays: 90 };

/** An independent oracle for the local date: Intl, not luxon. */
function intlDate(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof DeadlineError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('computeScheduleFlags', () => {
  it.each<[number, ScheduleFlag[]]>([
    [-400, ['overdue']],
    [-1, ['overdue']],
    [0, ['due_today']],
    [1, ['due_soon']],
    [7, ['due_soon']],
    [8, ['upcoming']],
    [30, ['upcoming']],
    [31, []],
    [365, []],
  ])('due %i days from today -> %j', (offset, expected) => {
    expect(computeScheduleFlags(open({ dueDate: plusDays(TODAY, offset) }), options)).toEqual(expected);
  });

  it('honours custom due-soon and upcoming windows', () => {
    const custom = { ...options, dueSoonDays: 3, upcomingDays: 14 };
    expect(computeScheduleFlags(open({ dueDate: plusDays(TODAY, 3) }), custom)).toEqual(['due_soon']);
    expect(computeScheduleFlags(open({ dueDate: plusDays(TODAY, 4) }), custom)).toEqual(['upcoming']);
    expect(computeScheduleFlags(open({ dueDate: plusDays(TODAY, 14) }), custom)).toEqual(['upcoming']);
    expect(computeScheduleFlags(open({ dueDate: plusDays(TODAY, 15) }), custom)).toEqual([]);
  });

  it.each(CLOSED_STATUSES)('%s carries no flags, not even overdue or stale', (status) => {
    expect(computeScheduleFlags(open({ status, dueDate: '2020-01-01', lastVerifiedOn: null }), options)).toEqual([]);
    expect(computeScheduleFlags(open({ status, deadlineKind: 'none', dueDate: null }), options)).toEqual([]);
  });

  it.each(['not_started', 'in_progress', 'at_risk', 'stalled'] as const)('%s carries schedule flags', (status) => {
    expect(computeScheduleFlags(open({ status, dueDate: plusDays(TODAY, -1) }), options)).toEqual(['overdue']);
  });

  it('flags no_deadline and anchor_pending', () => {
    expect(computeScheduleFlags(open({ deadlineKind: 'none', dueDate: null }), options)).toEqual(['no_deadline']);
    // kind none wins over anything else in the input
    expect(computeScheduleFlags(open({ deadlineKind: 'none', dueDate: TODAY, anchorPending: true }), options)).toEqual(['no_deadline']);
    expect(computeScheduleFlags(open({ dueDate: null, anchorPending: true }), options)).toEqual(['anchor_pending']);
    expect(computeScheduleFlags(open({ dueDate: null, anchorPending: false }), options)).toEqual(['no_deadline']);
  });

  describe('stale', () => {
    it('is set when never verified', () => {
      expect(computeScheduleFlags(open({ lastVerifiedOn: null }), options)).toEqual(['due_today', 'stale']);
    });

    it('is set only when verified more than staleAfterDays days ago', () => {
      const at = (lastVerifiedOn: string) => computeScheduleFlags(open({ dueDate: '2027-01-01', lastVerifiedOn }), options);
      expect(at(TODAY)).toEqual([]);
      expect(at(plusDays(TODAY, -90))).toEqual([]);
      expect(at(plusDays(TODAY, -91))).toEqual(['stale']);
      expect(at(plusDays(TODAY, 3))).toEqual([]); // verified "in the future": not stale
    });

    it('comes after the primary flag', () => {
      expect(computeScheduleFlags(open({ dueDate: '2026-01-01', lastVerifiedOn: '2025-01-01' }), options)).toEqual(['overdue', 'stale']);
      expect(computeScheduleFlags(open({ dueDate: null, anchorPending: true, lastVerifiedOn: null }), options)).toEqual([
        'anchor_pending',
        'stale',
      ]);
    });

    it('with a window of zero days, anything verified before today is stale', () => {
      const zero = { ...options, staleAfterDays: 0 };
      expect(computeScheduleFlags(open({ dueDate: null, lastVerifiedOn: TODAY }), zero)).toEqual(['no_deadline']);
      expect(computeScheduleFlags(open({ dueDate: null, lastVerifiedOn: plusDays(TODAY, -1) }), zero)).toEqual(['no_deadline', 'stale']);
    });
  });

  it('rejects bad dates and windows', () => {
    expect(codeOf(() => computeScheduleFlags(open(), { ...options, today: '2026-02-30' }))).toBe('invalid_date');
    expect(codeOf(() => computeScheduleFlags(open({ dueDate: '8 Feb 2026' }), options))).toBe('invalid_date');
    expect(codeOf(() => computeScheduleFlags(open({ lastVerifiedOn: '2026/02/01' }), options))).toBe('invalid_date');
    expect(() => computeScheduleFlags(open(), { ...options, staleAfterDays: -1 })).toThrow(RangeError);
    expect(() => computeScheduleFlags(open(), { ...options, staleAfterDays: NaN })).toThrow(RangeError);
  });

  it('property: exactly the documented flags, at most one from the primary group, in stable order', () => {
    fc.assert(
      fc.property(flagInput(TODAY), fc.integer({ min: 0, max: 400 }), (input, staleAfterDays) => {
        const flags = computeScheduleFlags(input, {
          today: TODAY,
          staleAfterDays,
        });
        if (CLOSED_STATUSES.includes(input.status)) {
          expect(flags).toEqual([]);
          return;
        }
        const primary = flags.filter((f) => PRIMARY_GROUP.includes(f));
        expect(primary.length).toBeLessThanOrEqual(1);
        if (input.deadlineKind === 'none' || input.dueDate === null) {
          expect(primary).toHaveLength(1);
        } else {
          const days = daysBetween(TODAY, input.dueDate);
          expect(primary).toHaveLength(days > 30 ? 0 : 1);
        }
        expect(flags).toEqual(SCHEDULE_FLAGS.filter((f) => flags.includes(f)));
        const stale = input.lastVerifiedOn === null || daysBetween(input.lastVerifiedOn, TODAY) > staleAfterDays;
        expect(flags.includes('stale')).toBe(stale);
        expect(primaryFlag(flags)).toBe(primary[0] ?? (stale ? 'stale' : null));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('primaryFlag', () => {
  it('is the first non-stale flag, else stale, else null', () => {
    expect(primaryFlag([])).toBeNull();
    expect(primaryFlag(['stale'])).toBe('stale');
    expect(primaryFlag(['due_soon', 'stale'])).toBe('due_soon');
    expect(primaryFlag(['stale', 'anchor_pending'])).toBe('anchor_pending');
  });
});

describe('daysBetween', () => {
  it('counts calendar days, to − from', () => {
    expect(daysBetween('2026-02-08', '2026-02-08')).toBe(0);
    expect(daysBetween('2026-02-08', '2026-02-09')).toBe(1);
    expect(daysBetween('2026-02-09', '2026-02-08')).toBe(-1);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-02-28', '2025-03-01')).toBe(1);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2); // across a European DST change
    expect(daysBetween('2025-08-08', '2026-02-08')).toBe(184);
  });

  it('rejects malformed dates', () => {
    expect(codeOf(() => daysBetween('2026-02-30', '2026-03-01'))).toBe('invalid_date');
  });

  it('property: antisymmetric and consistent with adding days', () => {
    fc.assert(
      fc.property(isoDate(), fc.integer({ min: -20000, max: 20000 }), (date, n) => {
        const other = plusDays(date, n);
        expect(daysBetween(date, other)).toBe(n);
        expect(daysBetween(other, date)).toBe(n === 0 ? 0 : -n);
      }),
    );
  });
});

describe('time zones', () => {
  it('isValidTimeZone accepts IANA names and rejects everything else', () => {
    for (const tz of ['UTC', 'Europe/Brussels', 'Asia/Baku', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5']) {
      expect(isValidTimeZone(tz)).toBe(true);
    }
    for (const tz of ['', 'Mars/Olympus', '+03:00', 'UTC+3', 'local', 'system', ' Europe/Brussels']) {
      expect(isValidTimeZone(tz)).toBe(false);
    }
    expect(isValidTimeZone(undefined as unknown as string)).toBe(false);
  });

  it.each([
    ['UTC', '2026-02-08'],
    ['Pacific/Auckland', '2026-02-09'],
    ['Pacific/Kiritimati', '2026-02-09'],
    ['Asia/Kathmandu', '2026-02-09'],
    ['America/Los_Angeles', '2026-02-08'],
    ['Pacific/Pago_Pago', '2026-02-08'],
  ])('at 2026-02-08T20:00Z the date in %s is %s', (tz, expected) => {
    expect(localDate(new Date('2026-02-08T20:00:00Z'), tz)).toBe(expected);
  });

  it.each([
    ['2026-02-08', 'UTC', '2026-02-08T23:59:59.999Z'],
    ['2026-02-08', 'Pacific/Auckland', '2026-02-08T10:59:59.999Z'],
    ['2026-02-08', 'America/Los_Angeles', '2026-02-09T07:59:59.999Z'],
    ['2026-02-08', 'Asia/Kathmandu', '2026-02-08T18:14:59.999Z'],
    ['2026-03-08', 'America/Los_Angeles', '2026-03-09T06:59:59.999Z'], // spring forward that day
    ['2026-11-01', 'America/Los_Angeles', '2026-11-02T07:59:59.999Z'], // fall back that day
    ['2026-09-06', 'America/Santiago', '2026-09-07T02:59:59.999Z'], // midnight skipped that day
  ])('dueInstant(%s, %s) = %s', (date, tz, expected) => {
    expect(dueInstant(date, tz).toISOString()).toBe(expected);
  });

  it('rejects invalid zones and instants with typed errors', () => {
    expect(codeOf(() => localDate(new Date('2026-02-08T20:00:00Z'), 'Mars/Olympus'))).toBe('invalid_time_zone');
    expect(codeOf(() => dueInstant('2026-02-08', 'local'))).toBe('invalid_time_zone');
    expect(codeOf(() => localDate(new Date('nonsense'), 'UTC'))).toBe('invalid_date');
    expect(codeOf(() => dueInstant('2026-02-30', 'UTC'))).toBe('invalid_date');
  });

  describe('a workspace time zone far from UTC (the reference case)', () => {
    const charter: DeadlineSpec = {
      kind: 'relative',
      anchorEventId: 'mou',
      duration: 'P6M',
    };
    const { dueDate, anchorPending } = computeDueDate(charter, { mou: '2025-08-08' }, '2026-02-08');
    const input: FlagInput = {
      status: 'in_progress',
      deadlineKind: 'relative',
      dueDate,
      anchorPending,
      lastVerifiedOn: '2026-02-01',
    };
    const now = new Date('2026-02-08T20:00:00Z');

    it('the charter is due 8 Feb 2026', () => {
      expect(dueDate).toBe('2026-02-08');
    });

    it('at 20:00Z it is already 9 Feb in Auckland: overdue', () => {
      expect(scheduleFlagsAt(input, now, 'Pacific/Auckland', 90)).toEqual(['overdue']);
    });

    it('at 20:00Z it is still 8 Feb in Los Angeles: due today', () => {
      expect(scheduleFlagsAt(input, now, 'America/Los_Angeles', 90)).toEqual(['due_today']);
    });

    it('in Auckland it turns overdue exactly after the last millisecond of 8 Feb local time', () => {
      const end = dueInstant('2026-02-08', 'Pacific/Auckland');
      expect(scheduleFlagsAt(input, end, 'Pacific/Auckland', 90)).toEqual(['due_today']);
      expect(scheduleFlagsAt(input, new Date(end.getTime() + 1), 'Pacific/Auckland', 90)).toEqual(['overdue']);
    });
  });

  it('property: localDate agrees with Intl in every zone', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...WORKSPACE_TIME_ZONES), (at, tz) => {
        expect(localDate(at, tz)).toBe(intlDate(at, tz));
      }),
      { numRuns: 1000 },
    );
  });

  it('property: localDate stays right when nearby instants are asked in turn (it remembers the last day per zone)', () => {
    const hours = 3_600_000;
    fc.assert(
      fc.property(
        instant,
        fc.array(fc.integer({ min: -36 * hours, max: 36 * hours }), { minLength: 2, maxLength: 20 }),
        fc.constantFrom(...WORKSPACE_TIME_ZONES),
        (base, steps, tz) => {
          for (const step of steps) {
            const at = new Date(base.getTime() + step);
            expect(localDate(at, tz)).toBe(intlDate(at, tz));
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it.each([
    ['America/Santiago', '2026-09-05T20:00:00Z'], // midnight skipped on 6 Sep
    ['America/Los_Angeles', '2026-11-01T00:00:00Z'], // an hour repeated on 1 Nov
    ['Pacific/Chatham', '2026-04-04T00:00:00Z'],
  ])('localDate in %s minute by minute across a clock change from %s', (tz, from) => {
    for (let minute = 0; minute < 48 * 60; minute++) {
      const at = new Date(Date.parse(from) + minute * 60_000);
      expect(localDate(at, tz)).toBe(intlDate(at, tz));
    }
  });

  it('property: dueInstant is the last millisecond of that local day', () => {
    fc.assert(
      fc.property(isoDate('2000-01-01', '2040-12-31'), fc.constantFrom(...WORKSPACE_TIME_ZONES), (date, tz) => {
        const end = dueInstant(date, tz);
        expect(localDate(end, tz)).toBe(date);
        expect(localDate(new Date(end.getTime() + 1), tz)).toBe(plusDays(date, 1));
      }),
      { numRuns: 1000 },
    );
  });

  it('property: overdue exactly when now is past dueInstant in the workspace zone', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...WORKSPACE_TIME_ZONES), fc.integer({ min: -3, max: 3 }), (now, tz, offset) => {
        const dueDate = plusDays(intlDate(now, tz), offset);
        const flags = scheduleFlagsAt(
          {
            status: 'at_risk',
            deadlineKind: 'absolute',
            dueDate,
            anchorPending: false,
            lastVerifiedOn: null,
          },
          now,
          tz,
          30,
        );
        expect(flags.includes('overdue')).toBe(now.getTime() > dueInstant(dueDate, tz).getTime());
        expect(flags.includes('due_today')).toBe(offset === 0);
      }),
      { numRuns: 1000 },
    );
  });

  it('property: flags do not depend on luxon’s default zone', () => {
    const zones = ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles', 'Asia/Kathmandu', 'Pacific/Pago_Pago'];
    try {
      fc.assert(
        fc.property(
          instant,
          fc.constantFrom(...WORKSPACE_TIME_ZONES),
          flagInput('2028-01-01'),
          fc.integer({ min: -3, max: 3 }),
          (now, tz, base, shift) => {
            // Put the due date near "now" so that a one-day error would change the flags.
            const input = base.dueDate === null ? base : { ...base, dueDate: plusDays(intlDate(now, tz), shift) };
            const expected = computeScheduleFlags(input, {
              today: intlDate(now, tz),
              staleAfterDays: 30,
            });
            for (const zone of zones) {
              Settings.defaultZone = zone;
              expect(scheduleFlagsAt(input, now, tz, 30)).toEqual(expected);
            }
          },
        ),
        { numRuns: 300 },
      );
    } finally {
      Settings.defaultZone = 'system';
    }
  });
});
