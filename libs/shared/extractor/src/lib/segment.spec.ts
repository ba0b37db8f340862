import { segmentText } from './segment';

const texts = (text: string) => segmentText(text).map((s) => s.text);

describe('segmentText', () => {
  it('keeps exact offsets into the text', () => {
    const text = 'Title line\n\nThe Parties shall meet. They will report.\n';
    for (const s of segmentText(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('does not split after abbreviations', () => {
    expect(
      texts(
        'The U.S. Department of Commerce will host a workshop. See Art. 5 and No. 12 of the list. Mr. Smith will attend, e.g. on Friday.',
      ),
    ).toEqual([
      'The U.S. Department of Commerce will host a workshop.',
      'See Art. 5 and No. 12 of the list.',
      'Mr. Smith will attend, e.g. on Friday.',
    ]);
  });

  it('ends a sentence after "U.S." when a new sentence starts', () => {
    expect(texts('Aid will come from the U.S. The Parties shall meet.')).toEqual([
      'Aid will come from the U.S.',
      'The Parties shall meet.',
    ]);
  });

  it('records the article a sentence sits under', () => {
    const s = segmentText('Article 1\nThe Parties shall meet.\n\nARTICLE IV\nThey shall report.\n\nArt. 7. Each Party shall notify.');
    expect(s.map((x) => [x.article, x.text])).toEqual([
      ['Article 1', 'The Parties shall meet.'],
      ['Article IV', 'They shall report.'],
      ['Article 7', 'Each Party shall notify.'],
    ]);
  });

  it('reads "Sec. 2. Policy." as a section with a title, and lettered items under it', () => {
    const s = segmentText(
      'Sec. 3. Review. (a) Within 100 days, the Secretary shall submit a report.\n(b) The Secretary shall update it.',
    ).filter((x) => !x.heading);
    expect(s.map((x) => [x.article, x.item, x.text])).toEqual([
      ['Section 3', 'a', 'Within 100 days, the Secretary shall submit a report.'],
      ['Section 3', 'b', 'The Secretary shall update it.'],
    ]);
  });

  it('numbers paragraphs "1." and strips the marker', () => {
    const s = segmentText('1. Ministers met in Tbilisi.\n\n2. Ministers agreed to phase out coal by 2035.');
    expect(s.map((x) => [x.paragraph, x.text])).toEqual([
      [1, 'Ministers met in Tbilisi.'],
      [2, 'Ministers agreed to phase out coal by 2035.'],
    ]);
  });

  it('strips decimal clause numbers "1.1" and keeps them as the item', () => {
    const s = segmentText('1.1 This Memorandum sets out the framework.\n\n3.2 Each Side will appoint a coordinator.');
    expect(s.map((x) => [x.item, x.text])).toEqual([
      ['1.1', 'This Memorandum sets out the framework.'],
      ['3.2', 'Each Side will appoint a coordinator.'],
    ]);
  });

  it('links list items "(a)", "i)" to the lead-in that ends with a colon', () => {
    const s = segmentText(
      'The Parties shall:\n(a) exchange data;\n(b) notify each other.\n\n4. Aid:\ni) trucks shall enter daily;\nii) crossings shall reopen.',
    );
    const items = s.filter((x) => x.item !== null);
    expect(items.map((x) => [x.item, x.text, x.leadIn?.text])).toEqual([
      ['a', 'exchange data;', 'The Parties shall:'],
      ['b', 'notify each other.', 'The Parties shall:'],
      ['i', 'trucks shall enter daily;', 'Aid:'],
      ['ii', 'crossings shall reopen.', 'Aid:'],
    ]);
  });

  it('splits inline items after a lead-in: "shall: (a) …; (b) …"', () => {
    expect(texts('The Committee shall: (a) monitor the Chapter; (b) adopt its rules.')).toEqual([
      'The Committee shall:',
      'monitor the Chapter;',
      'adopt its rules.',
    ]);
  });

  it('joins lines wrapped inside a paragraph', () => {
    const text = 'The two sides will set up a joint venture to own and operate the\nline within 120 days of the entry into force.';
    expect(texts(text)).toEqual([text]);
  });

  it('marks a short line without closing punctuation as a heading', () => {
    const s = segmentText('Kazakhstan and Germany sign memorandum\n\nThe ministers signed it on Saturday.');
    expect(s.map((x) => x.heading)).toEqual([true, false]);
  });

  it('does not take a pasted sentence without a full stop for a heading', () => {
    expect(segmentText('The Parties shall meet within six months of signing').map((x) => x.heading)).toEqual([false]);
  });

  it('handles CRLF line ends with exact offsets', () => {
    const text = 'Article 1\r\nThe Parties shall meet.\r\n\r\nArticle 2\r\nThey shall report.';
    const s = segmentText(text);
    expect(s.map((x) => x.text)).toEqual(['The Parties shall meet.', 'They shall report.']);
    for (const x of s) expect(text.slice(x.start, x.end)).toBe(x.text);
  });

  it('cuts a very long paragraph into the same sentences, with exact offsets, across its internal pieces', () => {
    const sentence = 'The U.S. Government will report by 1 December 2027 on No. 5 of the list. ';
    const text = sentence.repeat(400).trim(); // about 29,000 characters, one paragraph
    const s = segmentText(text);
    expect(s).toHaveLength(400);
    for (const x of s) {
      expect(x.text).toBe(sentence.trim());
      expect(text.slice(x.start, x.end)).toBe(x.text);
    }
  });

  it('cuts run-on text with no full stops into pieces of at most 1,500 characters, with exact offsets', () => {
    const text = 'The Parties shall meet within six months of signing, '.repeat(200);
    const s = segmentText(text);
    expect(s.length).toBeGreaterThan(5);
    for (const x of s) {
      expect(x.text.length).toBeLessThanOrEqual(1500);
      expect(text.slice(x.start, x.end)).toBe(x.text);
    }
  });
});
