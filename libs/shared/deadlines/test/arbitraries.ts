/** fast-check arbitraries shared by the deadline library's property tests. */
import fc from 'fast-check';
import type { AnchorDates, DatePrecision, DeadlineSpec, FlagInput, ImplementationStatus } from '../src/index';
import { IMPLEMENTATION_STATUSES } from '../src/index';

/** Workspace time zones, including ones far from UTC, half-hour offsets and DST at midnight. */
export const WORKSPACE_TIME_ZONES = [
  'UTC',
  'Europe/Brussels',
  'America/Los_Angeles',
  'America/Santiago',
  'America/St_Johns',
  'Pacific/Auckland',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'Asia/Kathmandu',
  'Asia/Baku',
  'Australia/Lord_Howe',
] as const;

const DAY_MS = 86_400_000;

/** YYYY-MM-DD from a UTC day number (days since 1970-01-01). */
export function dateFromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** A calendar date between two YYYY-MM-DD bounds, month ends and leap days weighted up. */
export function isoDate(min = '1990-01-01', max = '2090-12-31'): fc.Arbitrary<string> {
  const any = fc.integer({ min: dayNumber(min), max: dayNumber(max) }).map(dateFromDayNumber);
  const monthEnd = fc
    .record({
      year: fc.integer({
        min: Number(min.slice(0, 4)) + 1,
        max: Number(max.slice(0, 4)) - 1,
      }),
      month: fc.integer({ min: 1, max: 12 }),
      back: fc.integer({ min: 0, max: 3 }),
    })
    .map(({ year, month, back }) => {
      // The last day of the month (minus `back` days): the day before the 1st of the next month.
      const firstOfNext = Date.UTC(year, month, 1) / DAY_MS;
      return dateFromDayNumber(firstOfNext - 1 - back);
    });
  return fc.oneof({ weight: 3, arbitrary: any }, { weight: 1, arbitrary: monthEnd });
}

export interface DurationParts {
  years: number;
  months: number;
  weeks: number;
  days: number;
}

export function formatDuration(d: DurationParts): string {
  return (
    'P' + (d.years ? `${d.years}Y` : '') + (d.months ? `${d.months}M` : '') + (d.weeks ? `${d.weeks}W` : '') + (d.days ? `${d.days}D` : '')
  );
}

/** A valid, non-zero duration of up to ~20 years. */
export const durationParts: fc.Arbitrary<DurationParts> = fc
  .record({
    years: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 10 })),
    months: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 36 })),
    weeks: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 20 })),
    days: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 400 })),
  })
  .filter((d) => d.years + d.months + d.weeks + d.days > 0);

export const isoDuration: fc.Arbitrary<string> = durationParts.map(formatDuration);

export const precision: fc.Arbitrary<DatePrecision> = fc.constantFrom('day', 'month', 'quarter', 'year');

const anchorId = fc.constantFrom('mou-signed', 'charter-adopted', 'waiver-issued');

/** A valid spec together with the anchor dates it may refer to. */
export const specWithAnchors: fc.Arbitrary<{
  spec: DeadlineSpec;
  anchors: AnchorDates;
}> = fc.record({
  spec: fc.oneof(
    fc.constant<DeadlineSpec>({ kind: 'none' }),
    fc.record({
      kind: fc.constant('absolute' as const),
      date: isoDate(),
      precision,
    }),
    fc.record({
      kind: fc.constant('relative' as const),
      anchorEventId: anchorId,
      duration: isoDuration,
    }),
    fc.record({
      kind: fc.constant('recurring' as const),
      interval: isoDuration,
      start: isoDate(),
    }),
    fc.record({
      kind: fc.constant('recurring' as const),
      interval: isoDuration,
      anchorEventId: anchorId,
    }),
  ),
  anchors: fc.record({
    'mou-signed': fc.option(isoDate(), { nil: null }),
    'charter-adopted': fc.option(isoDate(), { nil: null }),
  }),
});

export const status: fc.Arbitrary<ImplementationStatus> = fc.constantFrom(...IMPLEMENTATION_STATUSES);

/** A flag input whose dates cluster around `around` so every boundary gets hit. */
export function flagInput(around: string): fc.Arbitrary<FlagInput> {
  const near = fc.integer({ min: -45, max: 45 }).map((offset) => dateFromDayNumber(dayNumber(around) + offset));
  return fc.record({
    status,
    deadlineKind: fc.constantFrom('none', 'absolute', 'relative', 'recurring'),
    dueDate: fc.option(near, { nil: null }),
    anchorPending: fc.boolean(),
    lastVerifiedOn: fc.option(near, { nil: null }),
  });
}

/** An instant between 2020 and 2035, with extra weight near local midnights. */
export const instant: fc.Arbitrary<Date> = fc.oneof(
  fc.date({
    min: new Date('2020-01-01T00:00:00Z'),
    max: new Date('2035-12-31T23:59:59Z'),
    noInvalidDate: true,
  }),
  fc
    .record({
      day: fc.integer({
        min: dayNumber('2020-01-01'),
        max: dayNumber('2035-12-31'),
      }),
      // offsets of UTC midnights from the zones above, ± a minute
      hour: fc.constantFrom(-14, -13, -12, -11, -10, -8, -6, -5, -3, 0, 1, 4, 5, 10, 11, 12, 13, 14),
      minute: fc.constantFrom(-46, -45, -31, -30, -1, 0, 1, 14, 15, 29, 30, 44, 45),
    })
    .map(({ day, hour, minute }) => new Date(day * DAY_MS + hour * 3_600_000 + minute * 60_000)),
);
