import type { CommitmentEditValue } from './edit-model';
import { changedFields, rebase, toUpdateRequest } from './edit-model';

const BASE: CommitmentEditValue = {
  title: 'Draft a Strategic Partnership Charter',
  description: 'A joint working group drafts the charter.',
  responsibleBody: 'Joint working group',
  sourceQuote: 'within six months',
  sourceLocator: 'Para. 2',
  sourceUrl: '',
  partyCodes: ['AZ', 'US'],
  areaSlugs: ['energy', 'trade'],
  deadline: { kind: 'relative', anchorEventId: 'a1', duration: 'P6M' },
};

describe('commitment edit model', () => {
  it('sends only the changed fields with the version the analyst started from', () => {
    const mine = { ...BASE, title: 'Draft and sign the Charter', areaSlugs: ['trade', 'energy', 'transit'] };
    expect(toUpdateRequest(BASE, mine, 4)).toEqual({
      version: 4,
      title: 'Draft and sign the Charter',
      areaSlugs: ['trade', 'energy', 'transit'],
    });
  });

  it('ignores list order and surrounding spaces when deciding what changed', () => {
    expect(changedFields(BASE, { ...BASE, partyCodes: ['US', 'AZ'], title: ` ${BASE.title} ` })).toEqual([]);
  });

  it('keeps my changes and takes theirs elsewhere when rebasing after a conflict', () => {
    const mine = { ...BASE, title: 'My title', responsibleBody: 'Foreign ministries' };
    const theirs = { ...BASE, description: 'Their new description', responsibleBody: 'Presidential administrations' };

    const { merged, changes, overlapping } = rebase(BASE, mine, theirs);

    expect(merged.title).toBe('My title');
    expect(merged.description).toBe('Their new description');
    expect(merged.responsibleBody).toBe('Foreign ministries');
    expect(overlapping).toEqual(['responsibleBody']);
    expect(changes.map((c) => [c.field, c.changedByMe, c.changedByThem])).toEqual([
      ['title', true, false],
      ['description', false, true],
      ['responsibleBody', true, true],
    ]);
  });
});
