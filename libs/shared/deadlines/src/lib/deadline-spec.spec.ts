import fc from 'fast-check';
import { Settings } from 'luxon';
import { dateFromDayNumber, dayNumber, isoDate, isoDuration, specWithAnchors } from '../../test/arbitraries';
import {
  AnchorDates,
  computeDueDate,
  DeadlineSpec,
  dependsOnAnchor,
  endOfPrecision,
  isIsoDate,
  validateDeadlineSpec,
} from './deadline-spec';
import { addDuration, parseIsoDuration } from './duration';
import { DeadlineError } from './errors';

const MOU = 'mou-signed';
const charter: DeadlineSpec = {
  kind: 'relative',
  anchorEventId: MOU,
  duration: 'P6M',
};
const waiver: DeadlineSpec = {
  kind: 'recurring',
  interval: 'P180D',
  start: '2025-08-08',
};

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof DeadlineError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('isIsoDate', () => {
  it.each(['2025-08-08', '2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31'])('accepts %s', (text) =>
    expect(isIsoDate(text)).toBe(true),
  );

  it.each([
    '2026-02-30',
    '2025-02-29',
    '1900-02-29',
    '2025-13-01',
    '2025-00-10',
    '2025-04-31',
    '2025-8-8',
    '20250808',
    '2025-08-08T00:00:00Z',
    ' 2025-08-08',
    '0000-01-01',
    '',
  ])('rejects %j', (text) => expect(isIsoDate(text)).toBe(false));

  it('rejects non-strings', () => {
    expect(isIsoDate(null as unknown as string)).toBe(false);
    expect(isIsoDate(20250808 as unknown as string)).toBe(false);
  });
});

describe('endOfPrecision', () => {
  it.each([
    ['2026-02-08', 'day', '2026-02-08'],
    ['2026-03-05', 'month', '2026-03-31'],
    ['2026-02-01', 'month', '2026-02-28'],
    ['2028-02-01', 'month', '2028-02-29'],
    ['2026-01-15', 'quarter', '2026-03-31'],
    ['2026-05-15', 'quarter', '2026-06-30'],
    ['2026-07-01', 'quarter', '2026-09-30'],
    ['2026-12-31', 'quarter', '2026-12-31'],
    ['2026-01-01', 'year', '2026-12-31'],
    ['2026-12-31', 'year', '2026-12-31'],
  ] as const)('%s at %s precision -> %s', (date, precision, expected) => {
    expect(endOfPrecision(date, precision)).toBe(expected);
  });

  it('rejects a bad date or precision', () => {
    expect(codeOf(() => endOfPrecision('2026-02-30', 'day'))).toBe('invalid_date');
    expect(codeOf(() => endOfPrecision('2026-02-01', 'week' as 'day'))).toBe('invalid_spec');
  });
});

describe('computeDueDate', () => {
  const anchors: AnchorDates = { [MOU]: '2025-08-08', pending: null };

  it('none has no due date', () => {
    expect(computeDueDate({ kind: 'none' }, anchors, '2026-01-01')).toEqual({
      dueDate: null,
      anchorPending: false,
    });
  });

  it('absolute dates end at their precision ("by end of 2026")', () => {
    expect(computeDueDate({ kind: 'absolute', date: '2026-06-01', precision: 'year' }, {}, '2026-01-01')).toEqual({
      dueDate: '2026-12-31',
      anchorPending: false,
    });
    expect(computeDueDate({ kind: 'absolute', date: '2026-02-08', precision: 'day' }, {}, '2030-01-01')).toEqual({
      dueDate: '2026-02-08',
      anchorPending: false,
    });
  });

  it('relative: the reference case is due 8 Feb 2026', () => {
    expect(computeDueDate(charter, anchors, '2025-09-01')).toEqual({
      dueDate: '2026-02-08',
      anchorPending: false,
    });
  });

  it('relative: moves with a corrected anchor date', () => {
    expect(computeDueDate(charter, { [MOU]: '2025-08-31' }, '2025-09-01').dueDate).toBe('2026-02-28');
  });

  it('relative: a zero period ("immediately upon signature") falls due on the anchor\'s own date, and validates', () => {
    const immediately = { ...charter, duration: 'P0D' };
    expect(computeDueDate(immediately, anchors, '2025-09-01')).toEqual({ dueDate: '2025-08-08', anchorPending: false });
    expect(validateDeadlineSpec(immediately)).toEqual({ ok: true, spec: immediately });
  });

  it('relative: a pending or unknown anchor gives anchorPending and no due date', () => {
    const pending = { dueDate: null, anchorPending: true };
    expect(computeDueDate(charter, { [MOU]: null }, '2025-09-01')).toEqual(pending);
    expect(computeDueDate(charter, {}, '2025-09-01')).toEqual(pending);
    expect(computeDueDate({ ...charter, anchorEventId: 'toString' }, {}, '2025-09-01')).toEqual(pending);
  });

  it('relative: a malformed anchor date or duration throws', () => {
    expect(codeOf(() => computeDueDate(charter, { [MOU]: '8 Aug 2025' }, '2025-09-01'))).toBe('invalid_date');
    expect(codeOf(() => computeDueDate({ ...charter, duration: 'P6' }, anchors, '2025-09-01'))).toBe('invalid_duration');
  });

  describe('recurring from a start date (k ≥ 0)', () => {
    it.each([
      ['2025-01-01', '2025-08-08'], // before the start: the start itself
      ['2025-08-08', '2025-08-08'], // on the start
      ['2025-08-09', '2026-02-04'],
      ['2026-02-04', '2026-02-04'], // on an occurrence: due today
      ['2026-02-05', '2026-08-03'],
      ['2035-06-01', '2035-06-17'],
    ])('as of %s the 180-day waiver is next due %s', (asOf, expected) => {
      expect(computeDueDate(waiver, {}, asOf)).toEqual({
        dueDate: expected,
        anchorPending: false,
      });
    });

    it('counts months from the start, not from the previous occurrence', () => {
      const monthly: DeadlineSpec = {
        kind: 'recurring',
        interval: 'P1M',
        start: '2025-01-31',
      };
      expect(computeDueDate(monthly, {}, '2025-02-01').dueDate).toBe('2025-02-28');
      expect(computeDueDate(monthly, {}, '2025-03-01').dueDate).toBe('2025-03-31');
      expect(computeDueDate(monthly, {}, '2025-04-01').dueDate).toBe('2025-04-30');
      expect(computeDueDate(monthly, {}, '2025-05-01').dueDate).toBe('2025-05-31');
    });

    it('handles annual cadences from a leap day', () => {
      const annual: DeadlineSpec = {
        kind: 'recurring',
        interval: 'P1Y',
        start: '2024-02-29',
      };
      expect(computeDueDate(annual, {}, '2024-03-01').dueDate).toBe('2025-02-28');
      expect(computeDueDate(annual, {}, '2027-03-01').dueDate).toBe('2028-02-29');
    });
  });

  describe('recurring from an anchor (k ≥ 1)', () => {
    const review: DeadlineSpec = {
      kind: 'recurring',
      interval: 'P180D',
      anchorEventId: MOU,
    };

    it.each([
      ['2025-01-01', '2026-02-04'], // the anchor itself is not an occurrence
      ['2025-08-08', '2026-02-04'],
      ['2026-02-04', '2026-02-04'],
      ['2026-02-05', '2026-08-03'],
    ])('as of %s the review is next due %s', (asOf, expected) => {
      expect(computeDueDate(review, anchors, asOf)).toEqual({
        dueDate: expected,
        anchorPending: false,
      });
    });

    it('is anchor-pending while the anchor has no date', () => {
      expect(computeDueDate(review, { [MOU]: null }, '2026-01-01')).toEqual({
        dueDate: null,
        anchorPending: true,
      });
    });
  });

  it('recurring: rejects specs with both or neither of start and anchorEventId, and a bad asOf', () => {
    expect(
      codeOf(() =>
        computeDueDate(
          {
            kind: 'recurring',
            interval: 'P1Y',
            start: '2025-01-01',
            anchorEventId: MOU,
          },
          anchors,
          '2026-01-01',
        ),
      ),
    ).toBe('invalid_spec');
    expect(codeOf(() => computeDueDate({ kind: 'recurring', interval: 'P1Y' }, anchors, '2026-01-01'))).toBe('invalid_spec');
    expect(codeOf(() => computeDueDate(waiver, anchors, '2026-02-30'))).toBe('invalid_date');
  });

  it('property: a relative due date never precedes its anchor', () => {
    fc.assert(
      fc.property(isoDate(), isoDuration, (anchor, duration) => {
        const { dueDate } = computeDueDate({ kind: 'relative', anchorEventId: MOU, duration }, { [MOU]: anchor }, '2000-01-01');
        expect(dueDate).not.toBeNull();
        expect((dueDate as string) >= anchor).toBe(true);
        expect(dueDate).toBe(addDuration(anchor, duration));
      }),
      { numRuns: 500 },
    );
  });

  it('property: a recurring due date is the first occurrence on or after asOf', () => {
    fc.assert(
      fc.property(
        isoDate('1990-01-01', '2060-12-31'),
        isoDuration,
        fc.integer({ min: -400, max: 4000 }),
        fc.boolean(),
        (base, interval, offset, fromAnchor) => {
          const asOf = dateFromDayNumber(dayNumber(base) + offset);
          const spec: DeadlineSpec = fromAnchor
            ? { kind: 'recurring', interval, anchorEventId: MOU }
            : { kind: 'recurring', interval, start: base };
          const { dueDate } = computeDueDate(spec, { [MOU]: base }, asOf);
          const firstK = fromAnchor ? 1 : 0;
          const d = parseIsoDuration(interval);
          const occurrence = (k: number) =>
            k === 0
              ? base
              : addDuration(base, {
                  years: d.years * k,
                  months: d.months * k,
                  weeks: d.weeks * k,
                  days: d.days * k,
                });
          // Find k by walking (slow but obviously right).
          let k = firstK;
          while (occurrence(k) < asOf) k += 1;
          expect(dueDate).toBe(occurrence(k));
          expect((dueDate as string) >= asOf).toBe(true);
          expect((dueDate as string) > base || (!fromAnchor && dueDate === base)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: deterministic, pure and independent of luxon’s default zone', () => {
    const zones = ['UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kathmandu', 'system'];
    try {
      fc.assert(
        fc.property(
          specWithAnchors,
          isoDate('2020-01-01', '2040-12-31'),
          fc.constantFrom(...zones),
          ({ spec, anchors: dates }, asOf, zone) => {
            const frozenSpec = Object.freeze({ ...spec }) as DeadlineSpec;
            const frozenAnchors = Object.freeze({ ...dates });
            Settings.defaultZone = 'UTC';
            const first = computeDueDate(frozenSpec, frozenAnchors, asOf);
            Settings.defaultZone = zone;
            const second = computeDueDate(frozenSpec, frozenAnchors, asOf);
            expect(second).toEqual(first);
            expect(frozenSpec).toEqual(spec);
            expect(first.anchorPending).toBe(
              first.dueDate === null && spec.kind !== 'none' && spec.kind !== 'absolute' && !('start' in spec),
            );
          },
        ),
        { numRuns: 300 },
      );
    } finally {
      Settings.defaultZone = 'system';
    }
  });
});

describe('dependsOnAnchor', () => {
  it('is true only for relative and anchored recurring specs with that anchor', () => {
    expect(dependsOnAnchor(charter, MOU)).toBe(true);
    expect(dependsOnAnchor(charter, 'other')).toBe(false);
    expect(dependsOnAnchor({ kind: 'recurring', interval: 'P1Y', anchorEventId: MOU }, MOU)).toBe(true);
    expect(dependsOnAnchor(waiver, MOU)).toBe(false);
    expect(dependsOnAnchor({ kind: 'none' }, MOU)).toBe(false);
    expect(dependsOnAnchor({ kind: 'absolute', date: '2026-12-31', precision: 'year' }, MOU)).toBe(false);
  });
});

describe('validateDeadlineSpec', () => {
  it.each<[string, DeadlineSpec]>([
    ['none', { kind: 'none' }],
    ['absolute', { kind: 'absolute', date: '2026-12-31', precision: 'year' }],
    ['relative', charter],
    ['recurring from a start', waiver],
    ['recurring from an anchor', { kind: 'recurring', interval: 'P1Y', anchorEventId: MOU }],
  ])('accepts a valid %s spec', (_, spec) => {
    expect(validateDeadlineSpec(spec)).toEqual({ ok: true, spec });
  });

  it('returns a clean spec, ignoring null and undefined fields of other kinds', () => {
    expect(
      validateDeadlineSpec({
        kind: 'relative',
        anchorEventId: MOU,
        duration: 'P6M',
        date: null,
        start: undefined,
      }),
    ).toEqual({ ok: true, spec: charter });
    expect(
      validateDeadlineSpec({
        kind: 'recurring',
        interval: 'P180D',
        start: '2025-08-08',
        anchorEventId: null,
      }),
    ).toEqual({ ok: true, spec: waiver });
  });

  it.each<[string, unknown, { path: string; message: string }[]]>([
    ['not an object', 'P6M', [{ path: '', message: 'must be an object with a kind' }]],
    ['null', null, [{ path: '', message: 'must be an object with a kind' }]],
    ['an array', [], [{ path: '', message: 'must be an object with a kind' }]],
    [
      'no kind',
      {},
      [
        {
          path: 'kind',
          message: 'must be one of none, absolute, relative, recurring',
        },
      ],
    ],
    [
      'an unknown kind',
      { kind: 'sometime' },
      [
        {
          path: 'kind',
          message: 'must be one of none, absolute, relative, recurring',
        },
      ],
    ],
    [
      'a relative spec with a bad duration',
      { kind: 'relative', anchorEventId: MOU, duration: 'six months' },
      [
        {
          path: 'duration',
          message: 'must be an ISO-8601 duration such as P6M or P90D',
        },
      ],
    ],
    [
      'a relative spec with a time duration and no anchor',
      { kind: 'relative', duration: 'PT5H' },
      [
        { path: 'anchorEventId', message: 'must be the id of an anchor event' },
        {
          path: 'duration',
          message: 'must be an ISO-8601 duration such as P6M or P90D; hours, minutes and seconds are not supported',
        },
      ],
    ],
    [
      'a relative spec with a negative duration',
      { kind: 'relative', anchorEventId: MOU, duration: '-P6M' },
      [{ path: 'duration', message: 'must not be negative' }],
    ],
    [
      'a relative spec with an absurd duration',
      { kind: 'relative', anchorEventId: '  ', duration: 'P500Y' },
      [
        { path: 'anchorEventId', message: 'must be the id of an anchor event' },
        { path: 'duration', message: 'must not exceed 100 years' },
      ],
    ],
    [
      'an absolute spec with an impossible date and an unknown precision',
      { kind: 'absolute', date: '2026-02-30', precision: 'week' },
      [
        { path: 'date', message: 'must be a real calendar date' },
        {
          path: 'precision',
          message: 'must be one of day, month, quarter, year',
        },
      ],
    ],
    [
      'an absolute spec with a date in another format',
      { kind: 'absolute', date: '31/12/2026', precision: 'year' },
      [{ path: 'date', message: 'must be a date in YYYY-MM-DD format' }],
    ],
    [
      'a recurring spec with both start and anchor',
      {
        kind: 'recurring',
        interval: 'P180D',
        start: '2025-08-08',
        anchorEventId: MOU,
      },
      [
        {
          path: 'anchorEventId',
          message: 'must not be given together with start; a cadence counts from one or the other',
        },
      ],
    ],
    [
      'a recurring spec with neither start nor anchor and a zero interval',
      { kind: 'recurring', interval: 'P0D' },
      [
        { path: 'interval', message: 'must be longer than zero' },
        { path: 'start', message: 'is required unless anchorEventId is given' },
      ],
    ],
    [
      'a spec with fields of another kind',
      { kind: 'none', duration: 'P6M', date: '2026-01-01' },
      [
        { path: 'date', message: 'is not allowed in a none deadline' },
        { path: 'duration', message: 'is not allowed in a none deadline' },
      ],
    ],
  ])('rejects %s with clear messages', (_, input, errors) => {
    expect(validateDeadlineSpec(input)).toEqual({ ok: false, errors });
  });

  it('property: accepts every generated spec unchanged, and computeDueDate never throws on it', () => {
    fc.assert(
      fc.property(specWithAnchors, isoDate(), ({ spec, anchors }, asOf) => {
        expect(validateDeadlineSpec(spec)).toEqual({ ok: true, spec });
        expect(() => computeDueDate(spec, anchors, asOf)).not.toThrow();
      }),
    );
  });
});
