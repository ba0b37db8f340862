import fc from 'fast-check';
import { isoDate, specWithAnchors } from '../../test/arbitraries';
import { computeDueDate, DeadlineSpec } from './deadline-spec';
import { AnchorInfo, describeDeadline, formatDate } from './describe';
import { DeadlineError } from './errors';

const anchors: Record<string, AnchorInfo> = {
  mou: { name: 'MoU signed', date: '2025-08-08' },
  ratified: { name: 'Charter ratified', date: null },
};
const dates = { mou: '2025-08-08', ratified: null };

function describeAt(spec: DeadlineSpec, asOf = '2025-09-01'): string {
  return describeDeadline(spec, anchors, computeDueDate(spec, dates, asOf));
}

describe('formatDate', () => {
  it.each([
    ['2025-08-08', '8 Aug 2025'],
    ['2026-02-28', '28 Feb 2026'],
    ['2026-09-30', '30 Sep 2026'],
    ['2026-12-31', '31 Dec 2026'],
  ])('%s -> %s', (date, expected) => expect(formatDate(date)).toBe(expected));

  it('rejects a malformed date', () => {
    expect(() => formatDate('2026-02-30')).toThrow(DeadlineError);
  });

  it('property: one day number, an English month abbreviation, the year', () => {
    fc.assert(
      fc.property(isoDate(), (date) => {
        const [y, m, d] = date.split('-').map(Number);
        expect(formatDate(date)).toMatch(/^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}$/);
        expect(formatDate(date).split(' ')[0]).toBe(String(d));
        expect(formatDate(date).split(' ')[2]).toBe(String(y));
        expect(m).toBeGreaterThan(0);
      }),
    );
  });
});

describe('describeDeadline', () => {
  it('relative, with the anchor date known', () => {
    expect(describeAt({ kind: 'relative', anchorEventId: 'mou', duration: 'P6M' })).toBe(
      '6 months after MoU signed (8 Aug 2025) → 8 Feb 2026',
    );
    expect(describeAt({ kind: 'relative', anchorEventId: 'mou', duration: 'P90D' })).toBe(
      '90 days after MoU signed (8 Aug 2025) → 6 Nov 2025',
    );
  });

  it('relative, with the anchor pending', () => {
    expect(
      describeAt({
        kind: 'relative',
        anchorEventId: 'ratified',
        duration: 'P6M',
      }),
    ).toBe('6 months after Charter ratified (date pending)');
  });

  it('relative, with an unknown anchor', () => {
    expect(describeAt({ kind: 'relative', anchorEventId: 'gone', duration: 'P1Y' })).toBe(
      '1 year after unknown anchor event (date pending)',
    );
  });

  it.each<[DeadlineSpec, string]>([
    [{ kind: 'absolute', date: '2026-06-01', precision: 'year' }, 'By 31 Dec 2026 (end of year)'],
    [{ kind: 'absolute', date: '2026-04-15', precision: 'quarter' }, 'By 30 Jun 2026 (end of Q2)'],
    [{ kind: 'absolute', date: '2026-01-02', precision: 'quarter' }, 'By 31 Mar 2026 (end of Q1)'],
    [{ kind: 'absolute', date: '2026-12-01', precision: 'quarter' }, 'By 31 Dec 2026 (end of Q4)'],
    [{ kind: 'absolute', date: '2026-03-05', precision: 'month' }, 'By 31 Mar 2026 (end of month)'],
    [{ kind: 'absolute', date: '2026-02-08', precision: 'day' }, 'By 8 Feb 2026'],
  ])('absolute %j -> %s', (spec, expected) => {
    expect(describeAt(spec)).toBe(expected);
  });

  it('recurring from a start date', () => {
    expect(describeAt({ kind: 'recurring', interval: 'P180D', start: '2025-08-08' })).toBe(
      'Every 180 days from 8 Aug 2025 → next 4 Feb 2026',
    );
  });

  it('recurring with a single-unit interval reads naturally', () => {
    expect(describeAt({ kind: 'recurring', interval: 'P1Y', start: '2025-08-08' })).toBe('Every year from 8 Aug 2025 → next 8 Aug 2026');
    expect(describeAt({ kind: 'recurring', interval: 'P1M', start: '2025-01-31' })).toBe('Every month from 31 Jan 2025 → next 30 Sep 2025');
  });

  it('recurring from an anchor, known and pending', () => {
    expect(describeAt({ kind: 'recurring', interval: 'P6M', anchorEventId: 'mou' })).toBe(
      'Every 6 months from MoU signed (8 Aug 2025) → next 8 Feb 2026',
    );
    expect(
      describeAt({
        kind: 'recurring',
        interval: 'P6M',
        anchorEventId: 'ratified',
      }),
    ).toBe('Every 6 months from Charter ratified (date pending)');
  });

  it('none', () => {
    expect(describeAt({ kind: 'none' })).toBe('No deadline');
  });

  it('property: describes every valid spec, mentioning the due date when there is one', () => {
    fc.assert(
      fc.property(specWithAnchors, isoDate(), ({ spec, anchors: anchorDates }, asOf) => {
        const info: Record<string, AnchorInfo> = Object.fromEntries(
          Object.entries(anchorDates).map(([id, date]) => [id, { name: `Event ${id}`, date }]),
        );
        const due = computeDueDate(spec, anchorDates, asOf);
        const text = describeDeadline(spec, info, due);
        expect(text.length).toBeGreaterThan(0);
        if (due.dueDate) expect(text).toContain(formatDate(due.dueDate));
        if (due.anchorPending) expect(text).toContain('(date pending)');
      }),
    );
  });
});
