/**
 * "Flags are the same whatever the server's time zone."
 *
 * The property runs in a child process (test/server-tz-harness.ts): jest
 * sandboxes process.env, so assigning process.env.TZ in here would not change
 * the time zone Date, Intl and luxon use.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import type { HarnessReport } from '../../test/server-tz-harness';

const projectRoot = path.resolve(__dirname, '../..');

function runHarness(): HarnessReport {
  const stdout = execFileSync(
    process.execPath,
    ['-r', require.resolve('ts-node/register/transpile-only'), path.join(projectRoot, 'test/server-tz-harness.ts')],
    {
      cwd: projectRoot,
      encoding: 'utf8',
      env: {
        ...process.env,
        TZ: 'UTC',
        TS_NODE_PROJECT: path.join(projectRoot, 'tsconfig.spec.json'),
      },
      maxBuffer: 16 * 1024 * 1024,
      timeout: 120_000,
    },
  );
  return JSON.parse(stdout) as HarnessReport;
}

describe('schedule flags whatever the server time zone', () => {
  let report: HarnessReport;

  beforeAll(() => {
    report = runHarness();
  }, 150_000);

  it('really switches the server time zone (UTC, Kiritimati, Los Angeles, Kathmandu)', () => {
    expect(
      report.probes.map(({ serverTimeZone, offsetMinutes, naiveDate }) => ({
        serverTimeZone,
        offsetMinutes,
        naiveDate,
      })),
    ).toEqual([
      { serverTimeZone: 'UTC', offsetMinutes: 0, naiveDate: '2026-02-08' },
      {
        serverTimeZone: 'Pacific/Kiritimati',
        offsetMinutes: -840,
        naiveDate: '2026-02-09',
      },
      {
        serverTimeZone: 'America/Los_Angeles',
        offsetMinutes: 480,
        naiveDate: '2026-02-08',
      },
      {
        serverTimeZone: 'Asia/Kathmandu',
        offsetMinutes: -345,
        naiveDate: '2026-02-09',
      },
    ]);
    for (const probe of report.probes) {
      expect(probe.intlTimeZone).toBe(probe.canonicalName);
      expect(probe.luxonZone).toBe(probe.canonicalName);
    }
  });

  it('property: today, due dates, due instants and flags are identical under every server time zone', () => {
    expect(report.library.error).toBeNull();
    expect(report.library).toEqual({
      failed: false,
      numRuns: 300,
      counterexample: null,
      error: null,
    });
  });

  it('the same property catches an implementation that takes today from Date local time', () => {
    expect(report.naiveDate.failed).toBe(true);
    expect(report.naiveDate.error).toContain('results differ by server time zone');
  });

  it('the same property catches an implementation that takes today from luxon’s default zone', () => {
    expect(report.luxonLocal.failed).toBe(true);
    expect(report.luxonLocal.error).toContain('results differ by server time zone');
  });
});
