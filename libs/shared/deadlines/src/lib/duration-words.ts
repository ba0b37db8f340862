/**
 * Durations written in words, as agreements and reports write them, read into the ISO-8601
 * date-part durations the rest of the library uses:
 *
 *   "six months" → P6M, "90 days" → P90D, "two weeks" → P2W, "one year" → P1Y, "a month" → P1M,
 *   "30 calendar days" → P30D, "thirty (30) days" → P30D, "a six-month period" → P6M,
 *   "a year and a half" → P18M, "a fortnight" → P2W, "a decade" → P10Y.
 *
 * Choices:
 * - Weeks stay weeks (P2W), as the text says them; P2W and P14D fall on the same day.
 * - Hours are not a calendar unit here: whole days are written as days ("72 hours" → P3D) and any
 *   other number of hours is rounded up to the next whole day ("36 hours" → P2D), since a due date
 *   is the end of a day.
 * - Working (business) days count five to a week ("10 working days" → P2W, "7 business days" →
 *   P1W2D), ignoring public holidays.
 * - Anything else — no number, a unit we do not know, zero, more than 100 years — gives null.
 */
import { MAX_DURATION_YEARS } from './duration';

const SMALL: Record<string, number> = {
  zero: 0,
  a: 1,
  an: 1,
  one: 1,
  single: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  // Only a few in English: enough to read "a couple of weeks" or "several" would not be a number.
  couple: 2,
  dozen: 12,
};

const TENS = 'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';
const UNITS_WORDS = 'one|two|three|four|five|six|seven|eight|nine';
const TEENS = 'ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen';
/** "twenty-four", "twenty four", "ninety". */
const BELOW_HUNDRED = `(?:(?:${TENS})(?:[- ](?:${UNITS_WORDS}))?|${TEENS}|${UNITS_WORDS}|zero)`;
/** "one hundred and eighty", "a hundred", "two hundred seventy". */
const WORD_NUMBER = `(?:(?:(?:a|one|two|three|four|five|six|seven|eight|nine)\\s+hundred(?:\\s+(?:and\\s+)?${BELOW_HUNDRED})?)|${BELOW_HUNDRED})`;
const DIGITS = '\\d{1,3}(?:,\\d{3})+|\\d+';
const UNIT = '(?:(?:calendar|working|business|consecutive|full|clear)\\s+)?(?:years?|months?|weeks?|days?|hours?)|fortnights?|decades?';
const ADJECTIVE_UNIT = '(?:year|month|week|day|hour)';

/**
 * A regular-expression source (no anchors, no flags, case-insensitive use intended) matching the
 * duration phrases `parseDurationWords` reads, for finding them inside longer text. Its groups are
 * all non-capturing.
 */
export const DURATION_WORDS_SOURCE =
  `(?:` +
  // "a year and a half", "one and a half years", "half a year"
  `(?:a|one)\\s+(?:year|month)\\s+and\\s+a\\s+half|(?:a|one)\\s+and\\s+a\\s+half\\s+(?:years|months)|half\\s+an?\\s+(?:year|month|day|hour)` +
  // "thirty (30) days", "30 (thirty) days", "six months", "90 days", "a month", "a couple of weeks"
  `|(?:(?:${WORD_NUMBER})\\s*\\(\\s*(?:${DIGITS})\\s*\\)|(?:${DIGITS})\\s*\\(\\s*(?:${WORD_NUMBER})\\s*\\)|${DIGITS}|${WORD_NUMBER}|an?|a\\s+couple\\s+of|a\\s+dozen)\\s*(?:-\\s*)?(?:${UNIT})` +
  // "a six-month period", "90-day", "12-month"
  `|(?:an?\\s+)?(?:${DIGITS}|${WORD_NUMBER})[- ]${ADJECTIVE_UNIT}(?:\\s+(?:period|term|window|timeframe|time\\s+frame|deadline|interval|cycle))?` +
  `)`;

const WHOLE = new RegExp(`^(?:${DURATION_WORDS_SOURCE})$`, 'i');

/** Reads "twenty-four", "one hundred and eighty", "1,000", "30" into a number; null if it is none. */
export function parseNumberWords(text: string): number | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (/^\d{1,3}(?:,\d{3})+$|^\d+$/.test(t)) return Number(t.replace(/,/g, ''));
  if (t === 'a couple of' || t === 'a couple') return 2;
  if (t === 'a dozen') return 12;
  let total = 0;
  let seen = false;
  const words = t.split(/[\s-]+/).filter((w) => w !== 'and');
  if (words.length === 0) return null;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    // "a" and "an" are a number alone ("a month") or before "hundred" ("a hundred days").
    if ((w === 'a' || w === 'an') && words.length > 1 && words[i + 1] !== 'hundred') return null;
    if (w === 'hundred') {
      total = (total === 0 ? 1 : total) * 100;
      seen = true;
      continue;
    }
    const n = SMALL[w];
    if (n === undefined) return null;
    total += n;
    seen = true;
  }
  return seen ? total : null;
}

function iso(years: number, months: number, weeks: number, days: number): string | null {
  if (years + months + weeks + days <= 0) return null;
  const approxDays = years * 365.2425 + months * 30.436875 + weeks * 7 + days;
  if (approxDays > MAX_DURATION_YEARS * 365.2425 + 1) return null;
  return 'P' + (years ? `${years}Y` : '') + (months ? `${months}M` : '') + (weeks ? `${weeks}W` : '') + (days ? `${days}D` : '');
}

function fromCount(count: number, unitText: string): string | null {
  const unit = unitText.toLowerCase().replace(/s$/, '');
  if (!Number.isSafeInteger(count) || count <= 0) return null;
  if (unit.startsWith('working') || unit.startsWith('business')) {
    return iso(0, 0, Math.floor(count / 5), count % 5);
  }
  const base = unit.replace(/^(?:calendar|consecutive|full|clear)\s+/, '');
  switch (base) {
    case 'year':
      return iso(count, 0, 0, 0);
    case 'decade':
      return iso(count * 10, 0, 0, 0);
    case 'month':
      return iso(0, count, 0, 0);
    case 'fortnight':
      return iso(0, 0, count * 2, 0);
    case 'week':
      return iso(0, 0, count, 0);
    case 'day':
      return iso(0, 0, 0, count);
    case 'hour':
      return iso(0, 0, 0, Math.ceil(count / 24));
    default:
      return null;
  }
}

/**
 * Reads a plain-words duration ("six months", "90 days", "72 hours", "a month", "30 calendar days")
 * into an ISO-8601 date-part duration (P6M, P90D, P3D, P1M, P30D), or null when the text is not a
 * duration. Case and surrounding spaces do not matter; the whole text must be the duration.
 */
export function parseDurationWords(text: string): string | null {
  if (typeof text !== 'string' || text.length > 200) return null;
  const t = text.trim().replace(/\s+/g, ' ');
  if (!WHOLE.test(t)) return null;
  const lower = t.toLowerCase();

  const half = /^(?:(?:a|one) (year|month) and a half|(?:a|one) and a half (years|months)|half an? (year|month|day|hour))$/.exec(lower);
  if (half) {
    const unit = half[1] ?? half[2] ?? half[3];
    if (unit.startsWith('year')) return half[3] ? 'P6M' : 'P18M';
    if (unit.startsWith('month')) return half[3] ? 'P15D' : 'P45D';
    // Half a day or half an hour: shorter than a day, so one day.
    return 'P1D';
  }

  // "thirty (30) days" / "30 (thirty) days": both spellings must agree.
  const twin = /^(.+?)\s*\(\s*(.+?)\s*\)\s*(?:-\s*)?(.+)$/.exec(lower);
  if (twin) {
    const a = parseNumberWords(twin[1]);
    const b = parseNumberWords(twin[2]);
    if (a === null || b === null || a !== b) return null;
    return fromCount(a, twin[3]);
  }

  const adjective = new RegExp(
    `^(?:an? )?(.+?)[- ](${ADJECTIVE_UNIT})(?: (?:period|term|window|timeframe|time frame|deadline|interval|cycle))?$`,
  ).exec(lower);
  const plain = new RegExp(`^(.+?)\\s*(?:-\\s*)?(${UNIT})$`).exec(lower);
  for (const match of [plain, adjective]) {
    const count = match ? parseNumberWords(match[1]) : null;
    if (match && count !== null) return fromCount(count, match[2]);
  }
  return null;
}
