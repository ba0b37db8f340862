/**
 * Reads the deadline a sentence sets, into the four kinds Pactwatch keeps: none, absolute (with its
 * precision), relative (a duration after an anchor event) and recurring (a cadence).
 *
 * When a sentence has several time expressions the strongest wins: an explicit cadence ("every six
 * months"), then a duration counted from a named event ("within 30 days of the entry into force"),
 * then a date with "by", "before" or "no later than", then a bare duration ("within two weeks", counted
 * from the document's own date), then a date with "in" or "from", then "annual"/"annually", then
 * "immediately". Day dates come from chrono-node, whose results are checked (the month and day must be
 * certain; a year it guessed is taken as the next such date on or after the document's date); quarters,
 * halves, bare years, "the end of 2026" and "mid-2027" are read here.
 */
import { DURATION_WORDS_SOURCE, parseDurationWords, parseNumberWords } from '@pactwatch/shared/deadlines';
import * as chrono from 'chrono-node';
import type { AnchorKind, ExtractedDeadline } from './types';

export interface DeadlineReading {
  deadline: ExtractedDeadline;
  /** Where the phrase that set it is, relative to the sentence (for trimming titles); null for none. */
  span: { start: number; end: number } | null;
}

const NONE: DeadlineReading = { deadline: { kind: 'none' }, span: null };

/** The phrase used when a duration names no event: it counts from the document's own date. */
export const DOCUMENT_DATE_ANCHOR = "the document's date";

const DUR = `(?:${DURATION_WORDS_SOURCE})`;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_NAMES =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
const YEAR = '(?:19|20|21)\\d{2}';

const ORDINAL_WORDS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
  sixtieth: 60,
  ninetieth: 90,
};

// ---------------------------------------------------------------------------------------------
// Small date helpers (UTC calendar arithmetic on YYYY-MM-DD; the library never reads the clock).

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function ymd(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

function monthEnd(year: number, month: number): string {
  return ymd(year, month, lastDayOfMonth(year, month));
}

function dayBefore(date: string): string {
  const t = Date.parse(`${date}T00:00:00Z`) - 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

function monthIndex(name: string): number {
  const key = name.toLowerCase().replace(/\.$/, '').slice(0, 3);
  return MONTHS.findIndex((m) => m.startsWith(key)) + 1;
}

function documentYear(documentDate: string | undefined): number | null {
  return documentDate && /^\d{4}-\d{2}-\d{2}$/.test(documentDate) ? Number(documentDate.slice(0, 4)) : null;
}

// ---------------------------------------------------------------------------------------------
// Anchors.

/** Classifies the event a duration counts from. */
export function classifyAnchor(phrase: string): AnchorKind {
  const p = phrase.toLowerCase();
  if (
    /\b(?:entry|enter(?:s|ed|ing)?|entering|come|comes|coming)\s+into\s+(?:force|effect)|\beffective\s+date\b|\btakes?\s+effect\b|\bbecomes?\s+effective\b|\bin\s+force\b/.test(
      p,
    )
  ) {
    return 'entry_into_force';
  }
  if (/\bratif/.test(p) || /\binstruments?\s+of\s+(?:ratification|acceptance|approval)\b/.test(p)) return 'ratification';
  if (
    /\bsign(?:ing|ature|ed)\b/.test(p) ||
    /\b(?:date|day)\s+of\s+(?:this|the\s+present)\s+\w+/.test(p) ||
    /\b(?:enactment|adoption|issuance|conclusion)\s+of\s+(?:this|the\s+present)\b/.test(p) ||
    /^(?:the\s+)?(?:date\s+of\s+)?(?:enactment|signature)\b/.test(p)
  ) {
    return 'signing';
  }
  return 'other';
}

/** The anchor phrase after a connector: up to a clause boundary, at most ten words. */
function anchorPhraseAt(sentence: string, from: number): { phrase: string; end: number } | null {
  const rest = sentence.slice(from);
  const stop =
    /[,;:.!?()]|\s(?:and|or|to|for|in\s+order|unless|provided|subject|so\s+that|with\s+a\s+view|at\s+the\s+latest|whichever|but|which|that|who|where|when|if)\s/i.exec(
      rest,
    );
  let text = stop ? rest.slice(0, stop.index) : rest;
  const words = text.trim().split(/\s+/);
  if (words.length > 10) text = text.trimStart().split(/\s+/).slice(0, 10).join(' ');
  const phrase = text.trim().replace(/[’]/g, "'");
  if (!phrase || !/\p{L}/u.test(phrase)) return null;
  const lead = rest.length - rest.trimStart().length;
  return { phrase: text.trim(), end: from + lead + text.trim().length };
}

// ---------------------------------------------------------------------------------------------
// Candidates, each with a priority: lower wins.

interface Found {
  priority: number;
  index: number;
  end: number;
  deadline: ExtractedDeadline;
}

const CONNECTOR = '(?:of|after|from|following|since|upon|counting\\s+from|commencing\\s+(?:on|from)|beginning\\s+(?:on|from))';
const BEFORE_DURATION =
  '(?:within|in|no\\s+later\\s+than|not\\s+later\\s+than|no\\s+more\\s+than|not\\s+more\\s+than|at\\s+the\\s+latest|at\\s+most|up\\s+to|before\\s+the\\s+(?:end|expiry|expiration)\\s+of|by\\s+the\\s+end\\s+of|at\\s+the\\s+end\\s+of|(?:up)?on\\s+the\\s+expiry\\s+of|on\\s+the\\s+expiration\\s+of|after|following|during|over)';

const RE = {
  // "within six months of signing", "no later than 30 days after the entry into force".
  anchored: new RegExp(
    `\\b(${BEFORE_DURATION}\\s+)?(?:(?:the|a|a\\s+period\\s+of|the\\s+period\\s+of)\\s+)?(${DUR})(?:'s|’s)?(?:\\s+time)?(?:\\s+(${CONNECTOR})\\b)?`,
    'gi',
  ),
  nthDay:
    /\b(?:no\s+later\s+than|not\s+later\s+than|by|on|before|until)\s+the\s+(\d{1,3})(?:st|nd|rd|th)?\s+day\s+(of|after|following|from)\s+/gi,
  nthDayWord: new RegExp(
    `\\b(?:no\\s+later\\s+than|not\\s+later\\s+than|by|on|before|until)\\s+the\\s+(${Object.keys(ORDINAL_WORDS).join('|')})\\s+day\\s+(of|after|following|from)\\s+`,
    'gi',
  ),
  every: new RegExp(
    `\\b(?:(?:at\\s+least|no\\s+less\\s+than|not\\s+less\\s+than|no\\s+fewer\\s+than)\\s+)?(?:once\\s+)?(?:every|each)\\s+(other\\s+)?(${DUR}|(?:calendar\\s+)?(?:year|month|week|day|quarter|semester|fortnight|decade)|${MONTH_NAMES}|spring|summer|autumn|fall|winter)\\b(?!\\s+(?:of|after|from|following)\\s)`,
    'gi',
  ),
  timesA:
    /\b(once|twice|thrice|(?:two|three|four|five|six|\d{1,2})\s+times)\s+(?:a|per|each|every)\s+(year|month|week|quarter|calendar\s+year)\b/gi,
  adverb:
    /\b(annually|yearly|biennially|triennially|semi-?annually|bi-?annually|half-yearly|twice-yearly|quarterly|monthly|weekly|fortnightly|daily|on\s+an?\s+(?:annual|yearly|quarterly|monthly|weekly|daily|biennial|semi-?annual)\s+basis|every\s+year|each\s+year)\b/gi,
  adjective: /\b(annual|yearly|biennial|triennial|semi-?annual|biannual|quarterly|monthly|weekly)\s+(?![\d$€£])[a-z]/gi,
  immediately: /\b(immediately|forthwith|without\s+delay|with\s+immediate\s+effect|at\s+once)\b/gi,
  upon: /\b(?:upon|on|at\s+the\s+time\s+of|from\s+the\s+(?:date|day)\s+of)\s+(?:the\s+)?(signature|signing|entry\s+into\s+force|ratification)\b/gi,
  quarter: new RegExp(
    `\\b(?:(by|before|in|during|within|until|till|through|no\\s+later\\s+than|not\\s+later\\s+than|(?:by|before|at|until)\\s+the\\s+(?:end|close)\\s+of)\\s+)?(?:the\\s+)?(?:(first|second|third|fourth|last|final|1st|2nd|3rd|4th)\\s+quarter\\s+(?:of\\s+)?(?:the\\s+year\\s+)?(${YEAR})|Q([1-4])\\s*(?:of\\s+|[-/]\\s*)?(${YEAR})|(${YEAR})\\s*[-/ ]?\\s*Q([1-4]))\\b`,
    'gi',
  ),
  half: new RegExp(
    `\\b(?:(by|before|in|during|within|until|no\\s+later\\s+than|(?:by|before|at)\\s+the\\s+end\\s+of)\\s+)?(?:the\\s+)?(first|second|1st|2nd)\\s+half\\s+of\\s+(?:the\\s+year\\s+)?(${YEAR})\\b|\\bH([12])\\s*(${YEAR})\\b`,
    'gi',
  ),
  mid: new RegExp(`\\b(?:(by|before|in|until|around|by\\s+the)\\s+)?(?:mid-?|the\\s+middle\\s+of\\s+)(${YEAR})\\b`, 'gi'),
  monthYear: new RegExp(
    `\\b(?:(by|before|in|during|until|till|through|no\\s+later\\s+than|not\\s+later\\s+than|prior\\s+to|from|starting\\s+(?:in|from)?|beginning\\s+(?:in|from)?|as\\s+of|(?:by|before|at|until)\\s+the\\s+(?:end|close)\\s+of|end[- ]|early|late|mid-?|the\\s+end\\s+of|the\\s+beginning\\s+of)\\s*)?(?:the\\s+month\\s+of\\s+)?(${MONTH_NAMES})\\s*,?\\s*(?:of\\s+)?(${YEAR})\\b`,
    'g',
  ),
  year: new RegExp(
    `\\b(by|before|until|till|in|during|within|through|throughout|no\\s+later\\s+than|not\\s+later\\s+than|prior\\s+to|(?:by|before|at|until|till)\\s+(?:the\\s+)?(?:end|close)\\s+of(?:\\s+the\\s+year)?|end[- ]|year-end|by\\s+year-end|by\\s+end)\\s+(?:the\\s+year\\s+|calendar\\s+year\\s+|fiscal\\s+year\\s+|FY\\s*)?(${YEAR})\\b(?!\\s*(?:[-–/]\\s*\\d|\\d|%|per\\s*cent|percent))`,
    'gi',
  ),
  season: new RegExp(
    `\\b(?:(by|before|in|during|until|no\\s+later\\s+than|(?:by|before|at)\\s+the\\s+end\\s+of|early|late)\\s+)?(?:the\\s+)?(spring|summer|autumn|fall)\\s+(?:of\\s+)?(${YEAR})\\b`,
    'gi',
  ),
  between: new RegExp(`\\bbetween\\s+(${YEAR})\\s+and\\s+(${YEAR})\\b|\\b(${YEAR})\\s*[-–]\\s*(${YEAR})\\b`, 'g'),
  relativeYear:
    /\b(?:(by|before|at|until)\s+the\s+end\s+of\s+(this|the|next|the\s+current|the\s+coming|the\s+following)\s+year|(later|early|earlier)\s+(this|next)\s+year|(by|in|within)\s+(next)\s+year|(by|before)\s+(year-end|the\s+year's\s+end|year\s+end))\b/gi,
  monthNoYear: new RegExp(
    `\\b(by|before|in|during|until|no\\s+later\\s+than|(?:by|before|at)\\s+the\\s+end\\s+of|early|late|mid-?)\\s*(${MONTH_NAMES})\\b(?![\\s,]*(?:\\d|of\\s+\\d))`,
    'g',
  ),
};

/** Before "DURATION of EVENT", only these make a deadline ("within six months of signing", not "after six months of talks"). */
const OF_PREPOSITIONS =
  /^(?:within|no later than|not later than|no more than|not more than|at the latest|at most|up to|before the (?:end|expiry|expiration) of|by the end of|at the end of|(?:up)?on the expiry of|on the expiration of)$/;

function push(out: Found[], priority: number, index: number, end: number, deadline: ExtractedDeadline): void {
  out.push({ priority, index, end, deadline });
}

/** Cadence of "every two years", "every year", "each January", "every other month". */
function everyDuration(other: boolean, unit: string): string | null {
  const u = unit.toLowerCase().replace(/\s+/g, ' ');
  const times = other ? 2 : 1;
  if (monthIndex(u) > 0 && new RegExp(`^${MONTH_NAMES}$`, 'i').test(unit)) return `P${times}Y`;
  if (/^(?:spring|summer|autumn|fall|winter)$/.test(u)) return `P${times}Y`;
  const single: Record<string, string> = {
    year: `P${times}Y`,
    'calendar year': `P${times}Y`,
    month: `P${times}M`,
    'calendar month': `P${times}M`,
    week: `P${times}W`,
    day: `P${times}D`,
    'calendar day': `P${times}D`,
    quarter: `P${3 * times}M`,
    semester: `P${6 * times}M`,
    fortnight: `P${2 * times}W`,
    decade: `P${10 * times}Y`,
  };
  if (single[u]) return single[u];
  if (other) return null;
  return parseDurationWords(unit);
}

function timesPer(count: string, unit: string): string | null {
  const c = count.toLowerCase();
  const n = c === 'once' ? 1 : c === 'twice' ? 2 : c === 'thrice' ? 3 : parseNumberWords(c.replace(/\s+times$/, ''));
  if (!n || n < 1) return null;
  const months = /year/.test(unit) ? 12 : /quarter/.test(unit) ? 3 : /month/.test(unit) ? 1 : 0;
  if (months > 0) {
    if (months % n === 0) return `P${months / n}M`.replace(/^P12M$/, 'P1Y');
    return `P${Math.round((months * 30.436875) / n)}D`;
  }
  // Weeks.
  return n === 1 ? 'P1W' : `P${Math.max(1, Math.round(7 / n))}D`;
}

const ADVERB_CADENCE: [RegExp, string][] = [
  [/^(?:semi-?annual(?:ly)?|bi-?annual(?:ly)?|half-yearly|twice-yearly)/, 'P6M'],
  [/^biennial/, 'P2Y'],
  [/^triennial/, 'P3Y'],
  [/annual|yearly|every year|each year/, 'P1Y'],
  [/quarterly/, 'P3M'],
  [/monthly/, 'P1M'],
  [/fortnightly/, 'P2W'],
  [/weekly/, 'P1W'],
  [/daily/, 'P1D'],
];

function cadenceOf(word: string): string | null {
  const w = word
    .toLowerCase()
    .replace(/^on\s+an?\s+/, '')
    .replace(/\s+basis$/, '');
  for (const [re, every] of ADVERB_CADENCE) if (re.test(w)) return every;
  return null;
}

function quarterEnd(year: number, q: number): string {
  return monthEnd(year, q * 3);
}

const STRONG_PREPOSITION =
  /^(?:by|before|until|till|through|no\s+later\s+than|not\s+later\s+than|prior\s+to|(?:by|before|at|until|till)\s+the\s+(?:end|close)\s+of|end|by\s+year-end|by\s+end)/i;
const BEFORE_PREPOSITION = /^(?:before|prior\s+to)$/i;

function dateStrength(prep: string | undefined): number {
  if (!prep) return 6;
  const p = prep.trim();
  if (STRONG_PREPOSITION.test(p)) return 3;
  if (/^(?:from|starting|beginning|as\s+of)/i.test(p)) return 5.5;
  return 5;
}

/** Day-precision dates via chrono-node, checked. */
function dayDates(sentence: string, documentDate: string | undefined, out: Found[]): void {
  // chrono is only asked when the sentence looks like it has a day date.
  if (!/\d/.test(sentence)) return;
  if (!new RegExp(`${MONTH_NAMES}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}/\\d{1,2}/\\d{2,4}`, 'i').test(sentence)) return;
  const ref =
    documentDate && /^\d{4}-\d{2}-\d{2}$/.test(documentDate) ? new Date(`${documentDate}T12:00:00Z`) : new Date(Date.UTC(2000, 0, 1, 12));
  let results: chrono.ParsedResult[];
  try {
    results = chrono.en.GB.parse(sentence, { instant: ref, timezone: 0 }, { forwardDate: true });
  } catch {
    return;
  }
  for (const r of results) {
    const s = r.start;
    if (!s.isCertain('day') || !s.isCertain('month')) continue;
    // chrono reads "the 16th day" or "5 of 12" loosely: the match must name a month or be numeric.
    if (!new RegExp(`${MONTH_NAMES}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}/\\d{1,2}/\\d{2,4}`, 'i').test(r.text)) continue;
    // "the end of September 2026" is a month, read below; a day date names its day.
    if (!/(?<!\d)\d{1,2}(?:st|nd|rd|th)?(?!\d)|\d{4}-\d{2}-\d{2}/i.test(r.text)) continue;
    const year = s.get('year');
    const month = s.get('month');
    const day = s.get('day');
    if (!year || !month || !day) continue;
    if (!s.isCertain('year') && !documentDate) continue;
    if (day > lastDayOfMonth(year, month)) continue;
    let date = ymd(year, month, day);
    if (documentDate && date < documentDate) continue; // history, not a deadline
    const before = sentence.slice(Math.max(0, r.index - 40), r.index);
    const pm =
      /(by|before|until|till|through|on|from|as\s+of|starting(?:\s+on)?|beginning(?:\s+on)?|no\s+later\s+than|not\s+later\s+than|prior\s+to|effective|dated|signed\s+on|signed|adopted\s+on|of)\s*(?:the\s+)?$/i.exec(
        before,
      );
    const prep = pm?.[1];
    if (prep && /^(?:dated|signed|signed\s+on|adopted\s+on|of)$/i.test(prep)) continue;
    if (documentDate && date === documentDate && (!prep || !STRONG_PREPOSITION.test(prep))) continue;
    if (prep && BEFORE_PREPOSITION.test(prep)) date = dayBefore(date);
    const rangeEnd = r.end;
    if (rangeEnd && rangeEnd.isCertain('day') && rangeEnd.isCertain('month')) {
      const y = rangeEnd.get('year') ?? year;
      const m = rangeEnd.get('month') ?? month;
      const d = rangeEnd.get('day') ?? day;
      if (d <= lastDayOfMonth(y, m)) date = ymd(y, m, d);
    }
    const index = pm ? r.index - before.length + pm.index : r.index;
    const end = r.index + r.text.length;
    push(out, prep ? dateStrength(prep) - 0.1 : 6, index, end, { kind: 'absolute', date, precision: 'day' });
  }
}

/**
 * The deadline a sentence sets. `documentDate` (YYYY-MM-DD) places years chrono has to guess and
 * "this year"; durations with no event count from it.
 */
export function readDeadline(sentence: string, documentDate?: string): DeadlineReading {
  const found: Found[] = [];
  const year0 = documentYear(documentDate);
  let m: RegExpExecArray | null;

  // Explicit cadences.
  RE.every.lastIndex = 0;
  while ((m = RE.every.exec(sentence))) {
    const every = everyDuration(Boolean(m[1]), m[2]);
    const thereafter = /^\s*(?:thereafter|after\s+that|afterwards|from\s+then\s+on)\b/i.test(sentence.slice(m.index + m[0].length));
    if (every) push(found, thereafter ? 6.4 : 1, m.index, m.index + m[0].length, { kind: 'recurring', every });
  }
  RE.timesA.lastIndex = 0;
  while ((m = RE.timesA.exec(sentence))) {
    const every = timesPer(m[1], m[2]);
    if (every) push(found, 1, m.index, m.index + m[0].length, { kind: 'recurring', every });
  }
  RE.adverb.lastIndex = 0;
  while ((m = RE.adverb.exec(sentence))) {
    const every = cadenceOf(m[1]);
    // "…within 30 days, and quarterly thereafter": the first deadline leads, the cadence follows.
    const thereafter = /^\s*(?:thereafter|after\s+that|afterwards|from\s+then\s+on)\b/i.test(sentence.slice(m.index + m[0].length));
    if (every) push(found, thereafter ? 6.4 : 1.5, m.index, m.index + m[0].length, { kind: 'recurring', every });
  }
  RE.adjective.lastIndex = 0;
  while ((m = RE.adjective.exec(sentence))) {
    const every = cadenceOf(m[1]);
    if (every) push(found, 6.5, m.index, m.index + m[1].length, { kind: 'recurring', every });
  }

  // Durations, anchored or not.
  RE.anchored.lastIndex = 0;
  while ((m = RE.anchored.exec(sentence))) {
    const prep = m[1]?.trim().toLowerCase().replace(/\s+/g, ' ');
    const duration = parseDurationWords(m[2]);
    const connector = m[3]?.toLowerCase();
    if (!duration) continue;
    const matchEnd = m.index + m[0].length;
    if (connector) {
      // "six months of talks" is no deadline: "of" needs "within"/"no later than" before it.
      if (connector === 'of' && !(prep && OF_PREPOSITIONS.test(prep))) continue;
      if (prep && /^(?:during|over)$/.test(prep)) continue;
      const anchor = anchorPhraseAt(sentence, matchEnd);
      if (!anchor) continue;
      push(found, 2, m.index, anchor.end, {
        kind: 'relative',
        duration,
        anchor: classifyAnchor(anchor.phrase),
        anchorPhrase: anchor.phrase,
      });
    } else if (
      prep &&
      /^(?:within|in|no later than|not later than|no more than|not more than|at the latest|at most|up to|by the end of|before the end of|before the expiry of|before the expiration of)$/.test(
        prep,
      )
    ) {
      // "in six months of talks" was excluded above; "in a month" after "once" is a cadence.
      const after = sentence.slice(matchEnd);
      if (prep === 'in' && /^\s*(?:of|and|or)\b/i.test(after)) continue;
      push(found, 4, m.index, matchEnd, { kind: 'relative', duration, anchor: 'other', anchorPhrase: DOCUMENT_DATE_ANCHOR });
    }
  }
  for (const re of [RE.nthDay, RE.nthDayWord]) {
    re.lastIndex = 0;
    while ((m = re.exec(sentence))) {
      const n = /^\d+$/.test(m[1]) ? Number(m[1]) : ORDINAL_WORDS[m[1].toLowerCase()];
      if (!n) continue;
      const anchor = anchorPhraseAt(sentence, m.index + m[0].length);
      if (!anchor) continue;
      push(found, 2, m.index, anchor.end, {
        kind: 'relative',
        duration: `P${n}D`,
        anchor: classifyAnchor(anchor.phrase),
        anchorPhrase: anchor.phrase,
      });
    }
  }

  // Quarters, halves, mid-years.
  RE.quarter.lastIndex = 0;
  while ((m = RE.quarter.exec(sentence))) {
    const qWord = m[2]?.toLowerCase();
    const q = qWord
      ? ({ first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, last: 4, final: 4 } as Record<string, number>)[
          qWord
        ]
      : Number(m[4] ?? m[7]);
    const year = Number(m[3] ?? m[5] ?? m[6]);
    if (!q || !year) continue;
    let date = quarterEnd(year, q);
    let precision: 'quarter' | 'year' = 'quarter';
    if (m[1] && BEFORE_PREPOSITION.test(m[1].trim())) {
      if (q === 1) {
        date = ymd(year - 1, 12, 31);
        precision = 'year';
      } else date = quarterEnd(year, q - 1);
    }
    push(found, dateStrength(m[1]) - 0.2, m.index, m.index + m[0].length, { kind: 'absolute', date, precision });
  }
  RE.half.lastIndex = 0;
  while ((m = RE.half.exec(sentence))) {
    const h = m[2] ? (/^(?:first|1st)$/i.test(m[2]) ? 1 : 2) : Number(m[4]);
    const year = Number(m[3] ?? m[5]);
    if (!year) continue;
    push(found, dateStrength(m[1]) - 0.2, m.index, m.index + m[0].length, {
      kind: 'absolute',
      date: h === 1 ? ymd(year, 6, 30) : ymd(year, 12, 31),
      precision: 'quarter',
    });
  }
  RE.mid.lastIndex = 0;
  while ((m = RE.mid.exec(sentence))) {
    const year = Number(m[2]);
    push(found, dateStrength(m[1] ?? 'by') - 0.15, m.index, m.index + m[0].length, {
      kind: 'absolute',
      date: ymd(year, 6, 30),
      precision: 'month',
    });
  }

  // Months of a year; day dates.
  RE.monthYear.lastIndex = 0;
  const monthSpans: { start: number; end: number }[] = [];
  while ((m = RE.monthYear.exec(sentence))) {
    // "1 December 2025" is a day date: leave it to chrono.
    const before = sentence.slice(Math.max(0, m.index - 4), m.index + (m[0].length - m[0].trimStart().length));
    const prep = m[1]?.trim();
    if (!prep && /\d\s*(?:st|nd|rd|th)?\s*(?:of\s+)?$/i.test(before)) continue;
    if (/\d/.test(sentence.slice(m.index + m[0].indexOf(m[2]) + m[2].length, m.index + m[0].indexOf(m[3])))) continue;
    const month = monthIndex(m[2]);
    const year = Number(m[3]);
    if (!month) continue;
    let date = monthEnd(year, month);
    if (prep && BEFORE_PREPOSITION.test(prep)) date = month === 1 ? ymd(year - 1, 12, 31) : monthEnd(year, month - 1);
    if (prep && /^mid-?$/i.test(prep)) date = ymd(year, month, 15);
    if (documentDate && date < documentDate) continue;
    monthSpans.push({ start: m.index, end: m.index + m[0].length });
    push(found, dateStrength(prep) - 0.05, m.index, m.index + m[0].length, { kind: 'absolute', date, precision: 'month' });
  }
  dayDates(sentence, documentDate, found);
  RE.season.lastIndex = 0;
  while ((m = RE.season.exec(sentence))) {
    // Northern-hemisphere seasons, as the month they end in: spring → May, summer → August, autumn → November.
    const end = ({ spring: 5, summer: 8, autumn: 11, fall: 11 } as Record<string, number>)[m[2].toLowerCase()];
    const year = Number(m[3]);
    if (!end || (year0 !== null && year < year0)) continue;
    push(found, dateStrength(m[1]) - 0.05, m.index, m.index + m[0].length, {
      kind: 'absolute',
      date: monthEnd(year, end),
      precision: 'month',
    });
  }
  if (year0 !== null) {
    RE.monthNoYear.lastIndex = 0;
    while ((m = RE.monthNoYear.exec(sentence))) {
      // "May" is also a modal verb: only a capitalised month after a preposition counts.
      if (/^may$/i.test(m[2]) && !/^May$/.test(m[2])) continue;
      const month = monthIndex(m[2]);
      if (!month || !documentDate) continue;
      let year = year0;
      if (monthEnd(year, month) < documentDate) year++;
      let date = monthEnd(year, month);
      if (BEFORE_PREPOSITION.test(m[1].trim())) date = month === 1 ? ymd(year - 1, 12, 31) : monthEnd(year, month - 1);
      push(found, dateStrength(m[1]) + 0.3, m.index, m.index + m[0].length, { kind: 'absolute', date, precision: 'month' });
    }
  }

  // Years.
  RE.year.lastIndex = 0;
  while ((m = RE.year.exec(sentence))) {
    const year = Number(m[2]);
    const from = m.index;
    const at = m.index + m[0].length;
    if (monthSpans.some((s) => s.start <= from && at <= s.end)) continue;
    // "in 2019" in a sentence about the future is history: a year before the document's is no deadline.
    if (year0 !== null && year < year0) continue;
    const prep = m[1].trim();
    const date = BEFORE_PREPOSITION.test(prep) ? ymd(year - 1, 12, 31) : ymd(year, 12, 31);
    push(found, dateStrength(prep), m.index, at, { kind: 'absolute', date, precision: 'year' });
  }
  RE.between.lastIndex = 0;
  while ((m = RE.between.exec(sentence))) {
    const from = Number(m[1] ?? m[3]);
    const to = Number(m[2] ?? m[4]);
    if (!(to > from) || (year0 !== null && to < year0)) continue;
    push(found, 4.5, m.index, m.index + m[0].length, { kind: 'absolute', date: ymd(to, 12, 31), precision: 'year' });
  }
  if (year0 !== null) {
    RE.relativeYear.lastIndex = 0;
    while ((m = RE.relativeYear.exec(sentence))) {
      const which = (m[2] ?? m[4] ?? m[6] ?? '').toLowerCase();
      const year = /next|coming|following/.test(which) ? year0 + 1 : year0;
      push(found, 3.5, m.index, m.index + m[0].length, { kind: 'absolute', date: ymd(year, 12, 31), precision: 'year' });
    }
  }

  // "immediately", "upon signature".
  RE.upon.lastIndex = 0;
  while ((m = RE.upon.exec(sentence))) {
    push(found, 7, m.index, m.index + m[0].length, { kind: 'relative', duration: 'P0D', anchor: classifyAnchor(m[1]), anchorPhrase: m[1] });
  }
  RE.immediately.lastIndex = 0;
  while ((m = RE.immediately.exec(sentence))) {
    const after = /^\s+(?:upon|after|following|on)\s+/i.exec(sentence.slice(m.index + m[0].length));
    const anchor = after ? anchorPhraseAt(sentence, m.index + m[0].length + after[0].length) : null;
    push(found, 7.5, m.index, anchor?.end ?? m.index + m[0].length, {
      kind: 'relative',
      duration: 'P0D',
      anchor: anchor ? classifyAnchor(anchor.phrase) : 'other',
      anchorPhrase: anchor?.phrase ?? DOCUMENT_DATE_ANCHOR,
    });
  }

  if (found.length === 0) return NONE;
  found.sort((a, b) => a.priority - b.priority || a.index - b.index);
  const best = found[0];
  return { deadline: best.deadline, span: { start: best.index, end: best.end } };
}

/** Every span of the sentence that states time (for trimming titles). */
export function timeSpans(sentence: string, documentDate?: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let rest = sentence;
  let offset = 0;
  // Read repeatedly, removing the strongest phrase each time, to find the others too.
  for (let i = 0; i < 4; i++) {
    const r = readDeadline(rest, documentDate);
    if (!r.span) break;
    spans.push({ start: offset + r.span.start, end: offset + r.span.end });
    rest = rest.slice(0, r.span.start) + ' '.repeat(r.span.end - r.span.start) + rest.slice(r.span.end);
    offset = 0;
  }
  return spans;
}
