import { validateSync } from 'class-validator';
import { IsSingleLineText, singleLineTextProblem } from './single-line-text';

class Titled {
  @IsSingleLineText()
  title!: string;
}

const problemsOf = (title: string) =>
  validateSync(Object.assign(new Titled(), { title })).flatMap((e) => Object.values(e.constraints ?? {}));

describe('IsSingleLineText', () => {
  it.each([
    ['a right-to-left override', 'AZ-US\u202E10-5202'],
    ['a left-to-right embedding', '\u202AEnergy'],
    ['a pop directional formatting', 'Energy\u202C'],
    ['a first-strong isolate', 'Charter \u2068draft\u2069'],
  ])('refuses %s, naming the characters', (_label, title) => {
    expect(problemsOf(title)).toEqual(['must not contain bidirectional control characters (U+202A–U+202E, U+2066–U+2069)']);
  });

  it.each([
    ['zero-width spaces', '\u200B\u200B\u200B'],
    ['a BOM and a word joiner', '\uFEFF\u2060'],
    ['Hangul fillers', '\u3164\u3164'],
    ['no-break and ideographic spaces', '\u00A0\u3000 '],
    ['a soft hyphen and zero-width joiners', '\u00AD\u200D\u200C'],
  ])('refuses a title made only of %s', (_label, title) => {
    expect(problemsOf(title)).toEqual(['must contain visible characters, not only spaces or invisible ones']);
  });

  it('accepts ordinary titles, including scripts written right to left and emoji with joiners', () => {
    for (const title of ['Strategic Partnership Charter', 'שלום עולם', 'سلام', 'Zangezur “Trump Route”', '👩‍💻 digital infrastructure']) {
      expect(singleLineTextProblem(title)).toBeNull();
    }
  });

  it('leaves the empty string to the length rules', () => {
    expect(singleLineTextProblem('')).toBeNull();
  });
});
