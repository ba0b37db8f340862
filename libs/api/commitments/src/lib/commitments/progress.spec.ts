import { rollUpProgress } from './progress';

describe('rollUpProgress', () => {
  const node = (id: string, parentId: string | null, progress: number) => ({ id, parentId, progress });

  it('shows a commitment without children at its own progress', () => {
    expect(rollUpProgress(['a'], [node('a', null, 40)]).get('a')).toBe(40);
  });

  it('shows a parent at the mean of its children, ignoring its own progress', () => {
    const nodes = [node('p', null, 10), node('c1', 'p', 100), node('c2', 'p', 50)];
    expect(rollUpProgress(['p'], nodes).get('p')).toBe(75);
  });

  it('rolls up through several levels, each child counting once', () => {
    // p has c1 (leaf, 0) and c2, whose children are 100 and 50 -> c2 = 75 -> p = (0 + 75) / 2.
    const nodes = [node('p', null, 0), node('c1', 'p', 0), node('c2', 'p', 0), node('g1', 'c2', 100), node('g2', 'c2', 50)];
    const rolled = rollUpProgress(['p', 'c2'], nodes);
    expect(rolled.get('c2')).toBe(75);
    expect(rolled.get('p')).toBe(38);
  });

  it('survives a cycle in bad data instead of looping forever', () => {
    const nodes = [node('a', 'b', 20), node('b', 'a', 60)];
    expect(rollUpProgress(['a'], nodes).get('a')).toBe(60);
  });
});
