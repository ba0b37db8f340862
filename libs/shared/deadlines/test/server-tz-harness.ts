/**
 * Property: schedule flags do not depend on the server's own time zone.
 *
 * jest gives each test file a copy of process.env, so setting TZ inside a
 * test does not change the time zone of the process. This script is therefore
 * run by `src/lib/server-tz.spec.ts` as a child process, where assigning
 * process.env.TZ really switches the time zone seen by Date, Intl and luxon
 * (luxon's caches are reset and its default zone set back to the system's).
 *
 * It prints one JSON report on stdout:
 * - probes: what the host reports under each server time zone, to prove the switch happened;
 * - library: the property run against the library;
 * - naiveDate / luxonLocal: the same property run against two deliberately
 *   wrong implementations that take "today" from local time; the property must
 *   catch both, or it would not be testing anything.
 */
import fc from 'fast-check';
import { DateTime, Settings } from 'luxon';
import {
  computeDueDate,
  computeScheduleFlags,
  DeadlineSpec,
  dueInstant,
  FlagInput,
  localDate,
  ScheduleFlag,
  scheduleFlagsAt,
} from '../src/index';
import { dateFromDayNumber, dayNumber, instant, isoDuration, specWithAnchors, status, WORKSPACE_TIME_ZONES } from './arbitraries';

export const SERVER_TIME_ZONES = ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles', 'Asia/Kathmandu'] as const;

export interface PropertyReport {
  failed: boolean;
  numRuns: number;
  counterexample: string | null;
  error: string | null;
}

export interface HarnessReport {
  probes: {
    serverTimeZone: string;
    /** ICU's canonical name for serverTimeZone (e.g. Asia/Kathmandu is Asia/Katmandu). */
    canonicalName: string;
    intlTimeZone: string;
    luxonZone: string;
    offsetMinutes: number;
    naiveDate: string;
  }[];
  library: PropertyReport;
  naiveDate: PropertyReport;
  luxonLocal: PropertyReport;
}

type FlagsAt = (input: FlagInput, now: Date, timeZone: string, staleAfterDays: number) => ScheduleFlag[];

function useServerTimeZone(tz: string): void {
  process.env['TZ'] = tz;
  Settings.resetCaches();
  Settings.defaultZone = 'system';
}

function naiveLocalDate(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** Wrong on purpose: today from the server's local time via Date. */
const naiveDateImpl: FlagsAt = (input, now, _tz, staleAfterDays) =>
  computeScheduleFlags(input, { today: naiveLocalDate(now), staleAfterDays });

/** Wrong on purpose: today from luxon's default (system) zone. */
const luxonLocalImpl: FlagsAt = (input, now, _tz, staleAfterDays) =>
  computeScheduleFlags(input, {
    today: DateTime.fromJSDate(now).toFormat('yyyy-MM-dd'),
    staleAfterDays,
  });

/** UTC calendar date of an instant, shifted: a neutral way to put deadlines near "now". */
function utcDatePlus(at: Date, days: number): string {
  return dateFromDayNumber(dayNumber(at.toISOString().slice(0, 10)) + days);
}

const scenario = fc.record({
  now: instant,
  workspaceTimeZone: fc.constantFrom(...WORKSPACE_TIME_ZONES),
  status,
  staleAfterDays: fc.integer({ min: 0, max: 120 }),
  verifiedDaysAgo: fc.option(fc.integer({ min: -2, max: 125 }), { nil: null }),
  // Either a deadline within a few days of now (where a one-day error shows)
  // or any spec at all.
  near: fc.option(
    fc.record({
      offset: fc.integer({ min: -2, max: 2 }),
      duration: isoDuration,
      relative: fc.boolean(),
    }),
    { nil: null, freq: 4 },
  ),
  any: specWithAnchors,
});

function flagsProperty(flagsAt: FlagsAt) {
  return fc.property(scenario, (s) => {
    let spec: DeadlineSpec = s.any.spec;
    let anchors = s.any.anchors;
    if (s.near) {
      const date = utcDatePlus(s.now, s.near.offset);
      spec = { kind: 'absolute', date, precision: 'day' };
      if (s.near.relative) {
        // An anchor whose date + duration lands near now is hard to aim; use a
        // recurring cadence that has an occurrence on `date` instead.
        spec = { kind: 'recurring', interval: s.near.duration, start: date };
        anchors = {};
      }
    }
    const results = SERVER_TIME_ZONES.map((serverTimeZone) => {
      useServerTimeZone(serverTimeZone);
      const today = localDate(s.now, s.workspaceTimeZone);
      const due = computeDueDate(spec, anchors, today);
      const lastVerifiedOn = s.verifiedDaysAgo === null ? null : dateFromDayNumber(dayNumber(today) - s.verifiedDaysAgo);
      const input: FlagInput = {
        status: s.status,
        deadlineKind: spec.kind,
        dueDate: due.dueDate,
        anchorPending: due.anchorPending,
        lastVerifiedOn,
      };
      return JSON.stringify({
        today,
        due,
        flags: flagsAt(input, s.now, s.workspaceTimeZone, s.staleAfterDays),
        dueInstant: due.dueDate ? dueInstant(due.dueDate, s.workspaceTimeZone).toISOString() : null,
      });
    });
    for (const result of results.slice(1)) {
      if (result !== results[0]) {
        throw new Error(`results differ by server time zone:\n${SERVER_TIME_ZONES.map((tz, i) => `  ${tz}: ${results[i]}`).join('\n')}`);
      }
    }
  });
}

function run(flagsAt: FlagsAt, numRuns: number): PropertyReport {
  const details = fc.check(flagsProperty(flagsAt), {
    numRuns,
    seed: 20250808 ^ numRuns,
  });
  return {
    failed: details.failed,
    numRuns: details.numRuns,
    counterexample: details.counterexample ? fc.stringify(details.counterexample) : null,
    error: details.errorInstance instanceof Error ? details.errorInstance.message : null,
  };
}

function main(): void {
  const at = new Date('2026-02-08T20:00:00Z');
  const probes = SERVER_TIME_ZONES.map((serverTimeZone) => {
    useServerTimeZone(serverTimeZone);
    return {
      serverTimeZone,
      canonicalName: new Intl.DateTimeFormat('en', {
        timeZone: serverTimeZone,
      }).resolvedOptions().timeZone,
      intlTimeZone: new Intl.DateTimeFormat().resolvedOptions().timeZone,
      luxonZone: DateTime.fromJSDate(at).zoneName ?? 'unknown',
      offsetMinutes: at.getTimezoneOffset(),
      naiveDate: naiveLocalDate(at),
    };
  });
  const report: HarnessReport = {
    probes,
    library: run(scheduleFlagsAt, 300),
    naiveDate: run(naiveDateImpl, 300),
    luxonLocal: run(luxonLocalImpl, 300),
  };
  process.stdout.write(JSON.stringify(report));
}

main();
