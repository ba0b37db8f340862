import type { StatusUpdateDto } from '@pactwatch/shared/contracts';
import { countedEntries, entryInEffect, laterEntry } from './status-update-form';

function entry(id: string, effectiveOn: string, createdAt: string, extra: Partial<StatusUpdateDto> = {}): StatusUpdateDto {
  return {
    id,
    kind: 'update',
    commitmentId: 'c1',
    author: 'Ana',
    createdAt,
    effectiveOn,
    statusBefore: null,
    statusAfter: 'in_progress',
    progressBefore: null,
    progressAfter: 40,
    note: '',
    correctsId: null,
    evidence: [],
    ...extra,
  };
}

const HISTORY = [
  entry('a', '2026-11-01', '2026-11-01T10:00:00Z'),
  entry('b', '2026-12-02', '2026-12-02T10:00:00Z', { statusAfter: 'at_risk' }),
  entry('c', '2026-11-20', '2026-12-03T09:00:00Z', { statusAfter: 'stalled' }),
];

describe('which status entry counts', () => {
  it('names the later entry that stays current when an update is backdated before it', () => {
    expect(laterEntry(HISTORY, '2026-11-28')?.id).toBe('b');
  });

  it('lets an update of the latest day become current: it is recorded last', () => {
    expect(laterEntry(HISTORY, '2026-12-02')).toBeNull();
  });

  it('leaves corrected entries out, and the entry being corrected', () => {
    const corrected = [...HISTORY, entry('d', '2026-12-02', '2026-12-03T10:00:00Z', { correctsId: 'b' })];
    expect(countedEntries(corrected).map((u) => u.id)).toEqual(['d', 'c', 'a']);
    expect(laterEntry(HISTORY, '2026-11-28', 'b')).toBeNull();
  });

  it('finds the entry in effect on a day, by effective day then time recorded', () => {
    expect(entryInEffect(HISTORY, '2026-11-25')?.id).toBe('c');
    expect(entryInEffect(HISTORY, '2026-10-01')).toBeNull();
  });
});
