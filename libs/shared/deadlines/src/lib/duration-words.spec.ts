import fc from 'fast-check';
import { isValidIsoDuration } from './duration';
import { DURATION_WORDS_SOURCE, parseDurationWords, parseNumberWords } from './duration-words';

const NUMBER_WORDS = [
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS_WORDS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** 1..999 in words, in the spellings agreements use ("one hundred and eighty", "twenty-four"). */
function inWords(n: number, style: { hyphen: boolean; and: boolean }): string {
  const belowHundred = (m: number): string => {
    if (m < 20) return NUMBER_WORDS[m - 1];
    const tens = TENS_WORDS[Math.floor(m / 10) - 2];
    return m % 10 === 0 ? tens : `${tens}${style.hyphen ? '-' : ' '}${NUMBER_WORDS[(m % 10) - 1]}`;
  };
  if (n < 100) return belowHundred(n);
  const head = `${NUMBER_WORDS[Math.floor(n / 100) - 1]} hundred`;
  return n % 100 === 0 ? head : `${head} ${style.and ? 'and ' : ''}${belowHundred(n % 100)}`;
}

describe('parseDurationWords', () => {
  it.each([
    ['six months', 'P6M'],
    ['90 days', 'P90D'],
    ['6 months', 'P6M'],
    ['two weeks', 'P2W'],
    ['one year', 'P1Y'],
    ['a month', 'P1M'],
    ['an hour', 'P1D'],
    ['30 calendar days', 'P30D'],
    ['sixty consecutive days', 'P60D'],
    ['Six Months', 'P6M'],
    ['  six   months ', 'P6M'],
    ['twenty-four months', 'P24M'],
    ['twenty four months', 'P24M'],
    ['one hundred and eighty days', 'P180D'],
    ['a hundred days', 'P100D'],
    ['1,000 days', 'P1000D'],
    ['thirty (30) days', 'P30D'],
    ['30 (thirty) days', 'P30D'],
    ['a six-month period', 'P6M'],
    ['six-month', 'P6M'],
    ['90-day', 'P90D'],
    ['a 12-month term', 'P12M'],
    ['a year and a half', 'P18M'],
    ['one and a half years', 'P18M'],
    ['half a year', 'P6M'],
    ['a fortnight', 'P2W'],
    ['two fortnights', 'P4W'],
    ['a decade', 'P10Y'],
    ['a couple of weeks', 'P2W'],
  ])('reads %j as %s', (text, expected) => {
    expect(parseDurationWords(text)).toBe(expected);
  });

  it('writes whole days of hours as days: 72 hours is P3D, 24 hours is P1D', () => {
    expect(parseDurationWords('72 hours')).toBe('P3D');
    expect(parseDurationWords('twenty-four hours')).toBe('P1D');
  });

  it('rounds other hours up to the next whole day: 36 hours is P2D', () => {
    expect(parseDurationWords('36 hours')).toBe('P2D');
  });

  it('counts working days five to a week', () => {
    expect(parseDurationWords('10 working days')).toBe('P2W');
    expect(parseDurationWords('seven business days')).toBe('P1W2D');
  });

  it.each([
    [''],
    ['two'],
    ['months'],
    ['zero days'],
    ['0 days'],
    ['200 years'],
    ['six'],
    ['a six months'],
    ['thirty (31) days'],
    ['several months'],
    ['six moons'],
    ['within six months'],
    ['six months of signing'],
    ['P6M'],
    ['1 December 2025'],
  ])('gives null for %j, which is not a duration', (text) => {
    expect(parseDurationWords(text)).toBeNull();
  });

  it('gives null for what is not a string', () => {
    expect(parseDurationWords(undefined as unknown as string)).toBeNull();
    expect(parseDurationWords(6 as unknown as string)).toBeNull();
  });

  it('reads any count of 1..999 written in figures, for each unit', () => {
    const units: [string, string][] = [
      ['days', 'D'],
      ['weeks', 'W'],
      ['months', 'M'],
    ];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), fc.constantFrom(...units), (n, [unit, letter]) => {
        expect(parseDurationWords(`${n} ${unit}`)).toBe(`P${n}${letter}`);
      }),
    );
  });

  it('reads any count of 1..999 written in words the same as in figures', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999 }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom('days', 'weeks', 'months', 'years'),
        (n, hyphen, and, unit) => {
          const words = inWords(n, { hyphen, and });
          expect(parseNumberWords(words)).toBe(n);
          if (unit === 'years' && n > 100) return;
          expect(parseDurationWords(`${words} ${unit}`)).toBe(parseDurationWords(`${n} ${unit}`));
        },
      ),
    );
  });

  it('always gives null or a valid ISO-8601 duration, and never throws, on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const result = parseDurationWords(text);
        expect(result === null || isValidIsoDuration(result)).toBe(true);
      }),
    );
  });

  it('gives a valid duration for every phrase its search pattern finds inside a sentence', () => {
    const find = new RegExp(`\\b(?:${DURATION_WORDS_SOURCE})\\b`, 'i');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.constantFrom('days', 'weeks', 'months', 'calendar days', 'hours'), (n, unit) => {
        const match = find.exec(`The Parties shall meet within ${n} ${unit} of signing.`);
        expect(match?.[0]).toBe(`${n} ${unit}`);
        expect(isValidIsoDuration(parseDurationWords(match?.[0] ?? '') ?? '')).toBe(true);
      }),
    );
  });
});
