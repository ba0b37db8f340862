import { deadlineSpec, nextRefCode, proposeAnchor } from './draft';

const anchors = [
  { id: 'a1', name: 'MoU signed', occurredOn: '2025-08-08' },
  { id: 'a2', name: 'Entry into force', occurredOn: null },
  { id: 'a3', name: 'Israel accepts the plan', occurredOn: null },
];

describe('proposeAnchor', () => {
  it('matches signing to the anchor whose name says signed', () => {
    expect(proposeAnchor('signing', 'signing', anchors)).toEqual({ anchorEventId: 'a1', newAnchorName: null });
  });
  it('matches entry into force by name', () => {
    expect(proposeAnchor('entry_into_force', 'the entry into force', anchors)).toEqual({ anchorEventId: 'a2', newAnchorName: null });
  });
  it('proposes a new pending anchor when the agreement has none of that kind', () => {
    expect(proposeAnchor('ratification', 'ratification', anchors)).toEqual({ anchorEventId: null, newAnchorName: 'Ratification' });
  });
  it('matches another event by the words its phrase shares with an anchor name', () => {
    expect(proposeAnchor('other', "Israel's acceptance", anchors)).toEqual({ anchorEventId: 'a3', newAnchorName: null });
  });
  it("counts a duration without an event from the agreement's event on the document's date", () => {
    expect(proposeAnchor('other', "the document's date", anchors, '2025-08-08')).toEqual({ anchorEventId: 'a1', newAnchorName: null });
  });
  it('names a new pending anchor after an unknown phrase', () => {
    expect(proposeAnchor('other', 'the completion of the survey', anchors)).toEqual({
      anchorEventId: null,
      newAnchorName: 'Completion of the survey',
    });
  });
});

describe('deadlineSpec', () => {
  it('counts a relative draft from the chosen anchor', () => {
    expect(deadlineSpec({ kind: 'relative', duration: 'P6M' }, 'a1')).toEqual({ kind: 'relative', duration: 'P6M', anchorEventId: 'a1' });
  });
});

describe('nextRefCode', () => {
  it("continues the agreement's numbering", () => {
    expect(nextRefCode(['AZ-US-2025-01', 'AZ-US-2025-02', 'AZ-US-2025-02.1'], 'SRC-')).toBe('AZ-US-2025-03');
  });
  it('skips codes taken in the same batch', () => {
    expect(nextRefCode(['X-01'], 'SRC-', new Set(['X-02']))).toBe('X-03');
  });
  it('starts at PREFIX-01 when the agreement has no numbered codes', () => {
    expect(nextRefCode([], 'SRC-')).toBe('SRC-01');
  });
});
