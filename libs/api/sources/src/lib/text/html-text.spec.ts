import { htmlText } from './extract-text';

describe('htmlText', () => {
  it('reads a file of text without any tags as one paragraph', () => {
    expect(htmlText('The Parties shall meet.')).toBe('The Parties shall meet.');
  });

  it('reads a fragment without an <html> element as the body of a page', () => {
    expect(htmlText('<p>Article 1</p><p>The Parties shall meet.</p>')).toBe('Article 1\n\nThe Parties shall meet.');
  });

  it('gives empty text for an empty file', () => {
    expect(htmlText('')).toBe('');
  });
});
