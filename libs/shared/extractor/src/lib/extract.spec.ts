import fc from 'fast-check';
import { extractCommitments } from './extract';
import type { ExtractorCatalogue } from './types';

const CATALOGUE: ExtractorCatalogue = {
  parties: [
    { code: 'AZ', name: 'Azerbaijan', aliases: ['Azerbaijani', 'Baku'] },
    { code: 'US', name: 'United States', aliases: ['U.S.', 'Washington', 'American'] },
    { code: 'DE', name: 'Germany', aliases: ['German', 'Berlin'] },
    { code: 'KZ', name: 'Kazakhstan', aliases: ['Kazakh'] },
  ],
  areas: [
    { slug: 'energy', name: 'Energy', keywords: ['gas', 'oil', 'electricity', 'coal'] },
    { slug: 'trade', name: 'Trade', keywords: ['investment', 'tariff'] },
    { slug: 'defense', name: 'Defense', keywords: ['military'] },
    { slug: 'digital-infrastructure', name: 'Digital infrastructure', keywords: ['cable', '5G'] },
  ],
};

const REFERENCE =
  'WASHINGTON, 8 August 2025 - At the White House, the presidents of Azerbaijan and the United States signed a Memorandum of Understanding to establish a joint working group tasked with drafting a Strategic Partnership Charter within six months. The charter is meant to frame cooperation in energy, trade and transit.';

describe('extractCommitments: the reference case', () => {
  const [charter, ...rest] = extractCommitments(REFERENCE, { documentDate: '2025-08-08', catalogue: CATALOGUE });

  it('proposes the Charter commitment, owed by the joint working group', () => {
    expect(charter.title).toBe('Draft a Strategic Partnership Charter');
    expect(charter.responsibleBody).toBe('joint working group');
    expect(charter.cue).toBe('tasked with');
  });

  it('reads the deadline as six months after the signing', () => {
    expect(charter.deadline).toEqual({ kind: 'relative', duration: 'P6M', anchor: 'signing', anchorPhrase: 'signing' });
  });

  it('quotes the sentence with exact offsets', () => {
    expect(REFERENCE.slice(charter.start, charter.end)).toBe(charter.quote);
    expect(charter.quote).toMatch(/^WASHINGTON, 8 August 2025 - At the White House.*within six months\.$/);
  });

  it('names the parties of the sentence from the catalogue', () => {
    expect(charter.partyCodes.sort()).toEqual(['AZ', 'US']);
  });

  it('does not propose the description of what the charter is meant to do', () => {
    expect(rest).toEqual([]);
  });
});

describe('extractCommitments: parties, areas and locators', () => {
  it('gives a collective body ("the Parties") the parties the document names', () => {
    const text =
      'AGREEMENT BETWEEN AZERBAIJAN AND THE UNITED STATES\n\nArticle 2\nThe Parties shall set up a commission on gas transit within three months of signing.';
    const [c] = extractCommitments(text, { documentDate: '2026-01-01', catalogue: CATALOGUE });
    expect(c.partyCodes.sort()).toEqual(['AZ', 'US']);
    expect(c.areaSlugs).toEqual(['energy']);
    expect(c.locator).toEqual({ article: 'Article 2', paragraph: 1, item: null });
  });

  it('gives a named owner only its own party', () => {
    const [c] = extractCommitments('Germany also pledged to open a trade office in Astana, Kazakhstan, in the third quarter of 2026.', {
      documentDate: '2026-03-14',
      catalogue: CATALOGUE,
    });
    expect(c.partyCodes).toEqual(['DE']);
    expect(c.areaSlugs).toEqual(['trade']);
  });

  it('matches British spellings of catalogue names ("defence" for Defense)', () => {
    const [c] = extractCommitments('The ministries will hold joint defence exercises every year.', { catalogue: CATALOGUE });
    expect(c.areaSlugs).toEqual(['defense']);
  });

  it('proposes no party or area without a catalogue', () => {
    const [c] = extractCommitments('Azerbaijan will export more gas.');
    expect(c.partyCodes).toEqual([]);
    expect(c.areaSlugs).toEqual([]);
  });

  it('keeps list items as separate candidates with the lead-in cue', () => {
    const text =
      'The Contracting Parties shall:\n(a) exchange hydrological data on a monthly basis;\n(b) notify each other without delay of any incident.';
    const out = extractCommitments(text);
    expect(out.map((c) => [c.quote, c.cue, c.locator.item])).toEqual([
      ['exchange hydrological data on a monthly basis;', 'shall', 'a'],
      ['notify each other without delay of any incident.', 'shall', 'b'],
    ]);
    expect(out[0].deadline).toEqual({ kind: 'recurring', every: 'P1M' });
  });

  it('leaves a trailing attribution out of the quote', () => {
    const [c] = extractCommitments('Germany pledged to open an office in Almaty in 2027, according to a statement from the ministry.', {
      documentDate: '2026-01-01',
    });
    expect(c.quote).toBe('Germany pledged to open an office in Almaty in 2027');
  });
});

/** Text made of agreement-like pieces, so the properties meet real candidates, not only noise. */
const pieces = fc.constantFrom(
  'The Parties shall meet within six months of signing.',
  'Article 3',
  '(a) exchange data every year;',
  'Recognizing the importance of peace,',
  'The U.S. Department will report by 1 December 2026.',
  'Ministers agreed to phase out coal by 2035.',
  '1.',
  'e.g.',
  ' ',
  '\n',
  '\r\n',
  '\n\n',
  ':',
  ';',
  'Azerbaijan',
  'will',
  '😀',
  '\u2028',
);
const documentText = fc.oneof(
  fc.array(fc.oneof(pieces, fc.string({ maxLength: 12 })), { maxLength: 30 }).map((a) => a.join(' ')),
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

describe('extractCommitments: properties', () => {
  it('never throws, and every candidate’s offsets slice to its quote', () => {
    fc.assert(
      fc.property(documentText, (text) => {
        for (const c of extractCommitments(text, { documentDate: '2026-01-01', catalogue: CATALOGUE })) {
          expect(c.end).toBeGreaterThan(c.start);
          expect(text.slice(c.start, c.end)).toBe(c.quote);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('never gives overlapping candidates, and keeps them in text order', () => {
    fc.assert(
      fc.property(documentText, (text) => {
        const out = extractCommitments(text);
        for (let i = 1; i < out.length; i++) expect(out[i].start).toBeGreaterThanOrEqual(out[i - 1].end);
      }),
      { numRuns: 300 },
    );
  });

  it('only ever proposes catalogue parties and areas', () => {
    const codes = CATALOGUE.parties.map((p) => p.code);
    const slugs = CATALOGUE.areas.map((a) => a.slug);
    fc.assert(
      fc.property(documentText, (text) => {
        for (const c of extractCommitments(text, { catalogue: CATALOGUE })) {
          for (const p of c.partyCodes) expect(codes).toContain(p);
          for (const a of c.areaSlugs) expect(slugs).toContain(a);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives deadlines of the four kinds with well-formed values', () => {
    fc.assert(
      fc.property(documentText, (text) => {
        for (const { deadline: d } of extractCommitments(text, { documentDate: '2026-01-01' })) {
          if (d.kind === 'absolute') expect(d.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          else if (d.kind === 'relative') expect(d.duration).toMatch(/^P(?:\d+[YMWD])+$/);
          else if (d.kind === 'recurring') expect(d.every).toMatch(/^P(?:\d+[YMWD])+$/);
          else expect(d).toEqual({ kind: 'none' });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(documentText, (text) => {
        expect(extractCommitments(text, { documentDate: '2026-01-01' })).toEqual(extractCommitments(text, { documentDate: '2026-01-01' }));
      }),
      { numRuns: 100 },
    );
  });
});
