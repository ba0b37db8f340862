import { locate, normaliseText, paragraphsOf } from './plain-text';

describe('normaliseText', () => {
  it('drops a BOM, turns CRLF and CR into LF, trims line ends and keeps one blank line between paragraphs', () => {
    expect(normaliseText('\uFEFFFirst line  \r\nsecond\r\r\r\n\r\nNext paragraph\t\n\n\n\n')).toBe('First line\nsecond\n\nNext paragraph');
  });
});

describe('paragraphsOf', () => {
  it('gives each paragraph its offsets and the article it falls under', () => {
    const text = 'Preamble text.\n\nArticle 4\n\n1. The Parties shall meet.\n\n2. They will report.\n\nArticle 5\n\nThe end.';
    const paragraphs = paragraphsOf(text);
    expect(paragraphs.map((p) => [text.slice(p.start, p.end), p.article])).toEqual([
      ['Preamble text.', null],
      ['Article 4', '4'],
      ['1. The Parties shall meet.', '4(1)'],
      ['2. They will report.', '4(2)'],
      ['Article 5', '5'],
      ['The end.', '5'],
    ]);
  });

  it('numbers paragraphs on their own when there are no article headings', () => {
    const text = '1. First.\n\n2. Second.';
    expect(paragraphsOf(text).map((p) => p.article)).toEqual(['1', '2']);
  });

  it('locates an offset in its paragraph (1-based)', () => {
    const text = 'One.\n\nArticle II\n\nTwo shall.';
    expect(locate(paragraphsOf(text), text.indexOf('shall'))).toEqual({ paragraph: 3, article: 'II' });
  });
});
