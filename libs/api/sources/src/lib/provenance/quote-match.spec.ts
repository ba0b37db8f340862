import { closestPassage, findVerbatim, quoteState } from './quote-match';

describe('quoteState', () => {
  const text = 'Intro. The Parties shall meet. Outro.';
  it('is verified when the quote stands at its offsets', () => {
    expect(quoteState(text, 'The Parties shall meet.', 7, 30)).toBe('verified');
  });
  it('is moved when the quote stands elsewhere in the text', () => {
    expect(quoteState(text, 'The Parties shall meet.', 0, 23)).toBe('moved');
  });
  it('is not_found when the quote is not in the text', () => {
    expect(quoteState(text, 'The Parties shall part.', 7, 30)).toBe('not_found');
  });
});

describe('findVerbatim', () => {
  it('takes the occurrence nearest the old offset', () => {
    const text = 'A shall. B. A shall.';
    expect(findVerbatim(text, 'A shall.', 15)).toEqual({ start: 12, end: 20 });
  });
});

describe('closestPassage', () => {
  it('finds the reworded sentence that shares most words', () => {
    const text = 'Article 1. The Parties will publish a revised tariff schedule by March. Article 2. Nothing else.';
    expect(closestPassage(text, 'The Parties will publish a tariff schedule by December.')?.text).toBe(
      'The Parties will publish a revised tariff schedule by March.',
    );
  });
  it('gives nothing when no sentence shares half the words', () => {
    expect(closestPassage('Completely different words here.', 'The Parties will publish a tariff schedule.')).toBeNull();
  });
});
