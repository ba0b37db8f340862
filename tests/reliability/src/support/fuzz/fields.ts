/**
 * A small vocabulary for describing request fields to the fuzzer. Each field says which values to try,
 * which values are surely acceptable (used while another field is under test), and judges any value:
 * the API must accept it, must refuse it with a 400 naming the field, or may do either (an unknown id
 * answers 404, a stale version 409).
 */
import fc from 'fast-check';
import { singleLineTextProblem } from '@pactwatch/api/core';
import { validateDeadlineSpec } from '@pactwatch/shared/deadlines';
import { codePointLength, HOSTILE_STRINGS, isStorable, validatorLength } from './hostile';

export type Verdict = 'accept' | 'either' | 'reject';

export interface Field {
  values: fc.Arbitrary<unknown>;
  good: fc.Arbitrary<unknown>;
  judge(value: unknown): Verdict;
  required: boolean;
  /** A text the API keeps and returns: as sent, or trimmed (the DTO trims it). */
  stored?: 'verbatim' | 'trimmed';
}

interface Presence {
  required?: boolean;
  /** What the API does with null: accept it (a nullable field), refuse it, or either (@IsOptional lets it through). */
  nullable?: Verdict;
}

const RANK: Record<Verdict, number> = { accept: 0, either: 1, reject: 2 };

export function worst(verdicts: Verdict[]): Verdict {
  return verdicts.reduce<Verdict>((a, b) => (RANK[b] > RANK[a] ? b : a), 'accept');
}

/**
 * Picks one of the arbitraries with the given weights. Unlike fc.oneof, whose bias favours the first
 * arbitrary, the weights hold as written (so the mix of good and bad requests is the one asked for).
 */
export function weighted<T>(...choices: { arbitrary: fc.Arbitrary<T>; weight: number }[]): fc.Arbitrary<T> {
  const total = choices.reduce((sum, choice) => sum + choice.weight, 0);
  return fc.noBias(fc.integer({ min: 0, max: total - 1 })).chain((ticket) => {
    let rest = ticket;
    return (choices.find((choice) => (rest -= choice.weight) < 0) ?? choices[0]).arbitrary;
  });
}

/** Values of the wrong JSON type for most fields. */
const WRONG_TYPES = fc.constantFrom<unknown>(42, -1.5, true, false, [], ['x'], {}, { nested: 1 });

function field(presence: Presence, values: fc.Arbitrary<unknown>, good: fc.Arbitrary<unknown>, judge: (value: unknown) => Verdict): Field {
  return {
    values: fc.oneof({ arbitrary: values, weight: 6 }, { arbitrary: WRONG_TYPES, weight: 2 }, { arbitrary: fc.constant(null), weight: 1 }),
    good,
    required: presence.required ?? false,
    judge: (value) => {
      if (value === undefined) return presence.required ? 'reject' : 'accept';
      if (value === null) return presence.nullable ?? 'reject';
      return judge(value);
    },
  };
}

export interface TextOptions extends Presence {
  max: number;
  /** At least one character (after trimming when `trim`). */
  nonEmpty?: boolean;
  /** The DTO trims the value before checking it. */
  trim?: boolean;
  /** The service trims the value when storing it (after the DTO checked it as sent). */
  storedTrimmed?: boolean;
  /** False for a text that is not returned as a field of the record (so cannot be read back). */
  readBack?: boolean;
  /** A one-line field (title, name…): bidirectional controls and invisible-only values are refused. */
  singleLine?: boolean;
}

/** A stored text: random Unicode, the hostile strings, and lengths around the limit. */
export function text(options: TextOptions): Field {
  const { max } = options;
  const judgeText = (value: unknown): Verdict => {
    if (typeof value !== 'string') return 'reject';
    if (!isStorable(value)) return 'reject';
    const kept = options.trim ? value.trim() : value;
    const length = validatorLength(kept);
    if (length > max || (options.nonEmpty && length < 1)) return 'reject';
    if (options.singleLine && singleLineTextProblem(kept)) return 'reject';
    // validator.js does not count variation selectors; the column does.
    return codePointLength(kept) > max ? 'either' : 'accept';
  };
  const boundary = fc
    .constantFrom(max - 1, max, max + 1)
    .chain((n) =>
      fc.constantFrom('é'.repeat(n), '👍'.repeat(n), `${'❤️'.repeat(Math.max(1, n - 1))}x`, `${' '.repeat(2)}${'a'.repeat(n)}`),
    );
  const values = fc.oneof(
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 3 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
    { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 4 },
    { arbitrary: boundary, weight: 1 },
  );
  const good = fc
    .oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), fc.constantFrom(...HOSTILE_STRINGS))
    .filter((value) => judgeText(value) === 'accept');
  const stored = options.readBack === false ? undefined : options.trim || options.storedTrimmed ? 'trimmed' : 'verbatim';
  return { ...field(options, values, good, judgeText), stored };
}

/** A string matching a pattern (codes, slugs, reference codes), possibly transformed before the check. */
export function pattern(
  options: Presence & { good: fc.Arbitrary<string>; accepts: (value: string) => Verdict; noise?: fc.Arbitrary<string> },
): Field {
  const values = fc.oneof(
    { arbitrary: options.good, weight: 3 },
    { arbitrary: options.noise ?? fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 2 },
    { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 2 },
  );
  return field(options, values, options.good, (value) =>
    typeof value === 'string' && isStorable(value) ? options.accepts(value) : 'reject',
  );
}

export function oneOf<T>(allowed: readonly T[], options: Presence = {}): Field {
  const near = allowed.flatMap((value) => (typeof value === 'string' ? [value.toUpperCase(), ` ${value}`, `${value}\u0000`] : []));
  const values = fc.oneof(
    { arbitrary: fc.constantFrom(...allowed), weight: 4 },
    { arbitrary: fc.constantFrom<unknown>('', 'unknown', ...near), weight: 2 },
  );
  return field(options, values, fc.constantFrom(...allowed), (value) => (allowed.includes(value as T) ? 'accept' : 'reject'));
}

export function integer(options: Presence & { min: number; max: number }): Field {
  const { min, max } = options;
  const values = fc.oneof(
    { arbitrary: fc.integer({ min: min - 3, max: max + 3 }), weight: 4 },
    { arbitrary: fc.constantFrom<unknown>(1.5, -0.25, 2 ** 31, 2 ** 53, 1e300, '5', ' 7'), weight: 2 },
  );
  return field(options, values, fc.integer({ min, max }), (value) =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? 'accept' : 'reject',
  );
}

export function boolean(options: Presence = {}): Field {
  return field(
    options,
    fc.oneof({ arbitrary: fc.boolean(), weight: 3 }, { arbitrary: fc.constantFrom<unknown>('true', 'false', 1, 0, 'yes'), weight: 1 }),
    fc.boolean(),
    (value) => (typeof value === 'boolean' ? 'accept' : 'reject'),
  );
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(2000, m - 1, d));
  return (
    m >= 1 &&
    m <= 12 &&
    d >= 1 &&
    date.getUTCMonth() === m - 1 &&
    (m !== 2 || d !== 29 || (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)))
  );
}

export const goodDate = (from = 1990, to = 2040) =>
  fc
    .date({ min: new Date(Date.UTC(from, 0, 1)), max: new Date(Date.UTC(to, 11, 31)), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

const ODD_DATES = ['2026-02-30', '2025-02-29', '2026-13-01', '2026-00-10', '2026-1-1', '20260101', '2026-01-01T00:00:00Z', ' 2026-01-01'];

/** A calendar date, YYYY-MM-DD; `notAfter` refuses later days (e.g. "not in the future"). */
export function date(options: Presence & { notAfter?: string } = {}): Field {
  const values = fc.oneof(
    { arbitrary: goodDate(), weight: 3 },
    { arbitrary: fc.constantFrom(...ODD_DATES, '0001-01-01', '9999-12-31', '0000-01-01', '2024-02-29'), weight: 2 },
  );
  const good = goodDate(1990, options.notAfter ? Number(options.notAfter.slice(0, 4)) - 1 : 2040);
  return field(options, values, good, (value) => {
    if (typeof value !== 'string' || !isCalendarDate(value)) return 'reject';
    if (options.notAfter && value > options.notAfter) return 'reject';
    // Year 0 does not exist in PostgreSQL's calendar (refusing it or storing it as 1 BC are both defensible);
    // from the year 9900 on, a deadline counted from the date may fall after 9999 and be refused.
    return value.startsWith('0000') || value >= '9900' ? 'either' : 'accept';
  });
}

export function httpUrl(options: Presence & { max: number }): Field {
  const good = fc
    .tuple(fc.constantFrom('http', 'https'), fc.domain(), fc.webPath())
    .map(([scheme, host, path]) => `${scheme}://${host}${path}`)
    .filter((url) => url.length <= options.max);
  const bad = fc.constantFrom(
    'ftp://example.org/x',
    'javascript:alert(1)',
    'example.org',
    'http//broken',
    'https://',
    `https://e.org/${'a'.repeat(options.max)}`,
  );
  return field(options, fc.oneof(good, bad, fc.constantFrom(...HOSTILE_STRINGS)), good, (value) => {
    if (typeof value !== 'string' || !isStorable(value) || value.length > options.max) return 'reject';
    return /^https?:\/\/[a-z0-9-]+(\.[a-z0-9-]+)+(\/[\w\-.~%!$&'()*+,;=:@/]*)?$/i.test(value)
      ? 'accept'
      : value.startsWith('http')
        ? 'either'
        : 'reject';
  });
}

/** A reference to an existing record: ids from the pool are accepted, other well-formed ones may be 404s. */
export function reference(pool: readonly string[], options: Presence = {}): Field {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const values = fc.oneof(
    { arbitrary: fc.constantFrom(...pool), weight: 4 },
    { arbitrary: fc.uuid(), weight: 1 },
    {
      arbitrary: fc.constantFrom('not-a-uuid', '', '00000000-0000-0000-0000-00000000000g', `${pool[0]}\u0000`, pool[0].toUpperCase()),
      weight: 1,
    },
  );
  return field(options, values, fc.constantFrom(...pool), (value) => {
    if (typeof value !== 'string') return 'reject';
    if (pool.includes(value)) return 'accept';
    return uuid.test(value) ? 'either' : 'reject';
  });
}

/** An array of items, at most `max` (optionally distinct). */
export function list(item: Field, options: Presence & { max: number; unique?: boolean; minGood?: number }): Field {
  const good = fc.uniqueArray(item.good, {
    minLength: options.minGood ?? 0,
    maxLength: Math.min(3, options.max),
    selector: (v) => JSON.stringify(v),
  });
  const values = fc.oneof(
    { arbitrary: fc.array(item.values, { maxLength: 4 }), weight: 4 },
    { arbitrary: good, weight: 2 },
    { arbitrary: fc.array(item.good, { minLength: options.max + 1, maxLength: options.max + 2 }), weight: 1 },
  );
  return field(options, values, good, (value) => {
    if (!Array.isArray(value) || value.length > options.max) return 'reject';
    if (options.unique && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) return 'reject';
    return worst(value.map((v) => (v === null || v === undefined ? 'reject' : item.judge(v))));
  });
}

/** A nested object: its own fields, unknown keys refused. */
export function object(fields: Record<string, Field>, options: Presence = {}): Field {
  const good = goodRecord(fields);
  const values = fc.oneof({ arbitrary: good, weight: 2 }, { arbitrary: mutatedRecord(fields).map((m) => m.body), weight: 3 });
  return field(options, values, good, (value) => judgeRecord(fields, value).verdict);
}

/** A deadline spec, judged by the shared deadline library; a relative one needs an anchor that exists. */
export function deadline(anchors: readonly string[], options: Presence = {}): Field {
  const duration = fc.oneof(
    fc.constantFrom('P6M', 'P90D', 'P1Y', 'P2W', 'P1Y6M'),
    fc.integer({ min: 1, max: 3650 }).map((n) => `P${n}D`),
  );
  const badDuration = fc.constantFrom('P0D', 'P-1M', '6 months', 'P1000Y', 'PT1H', 'p6m', '', 'P99999999999999999999D');
  const good = fc.oneof(
    fc.constant({ kind: 'none' }),
    fc.record({ kind: fc.constant('absolute'), date: goodDate(), precision: fc.constantFrom('day', 'month', 'quarter', 'year') }),
    fc.record({ kind: fc.constant('relative'), anchorEventId: fc.constantFrom(...anchors), duration }),
    fc.record({ kind: fc.constant('recurring'), interval: duration, start: goodDate() }),
    fc.record({ kind: fc.constant('recurring'), interval: duration, anchorEventId: fc.constantFrom(...anchors) }),
  );
  const mixed = fc.record(
    {
      kind: fc.constantFrom<unknown>('none', 'absolute', 'relative', 'recurring', 'weekly', '', 3),
      date: fc.oneof(goodDate(), fc.constantFrom(...ODD_DATES, '9999-12-31', '0001-01-01')),
      precision: fc.constantFrom<unknown>('day', 'year', 'week', null),
      anchorEventId: fc.oneof(fc.constantFrom(...anchors), fc.uuid(), fc.constantFrom('', 'x')),
      duration: fc.oneof(duration, badDuration),
      interval: fc.oneof(duration, badDuration),
      start: fc.oneof(goodDate(), fc.constantFrom(...ODD_DATES)),
      unknownKey: fc.constant('x'),
    },
    { requiredKeys: [] },
  );
  return field(options, fc.oneof({ arbitrary: good, weight: 2 }, { arbitrary: mixed, weight: 3 }), good, (value) => {
    if (typeof value !== 'object' || Array.isArray(value)) return 'reject';
    const checked = validateDeadlineSpec(value);
    if (!checked.ok) return 'reject';
    const anchor = (value as { anchorEventId?: string }).anchorEventId;
    const dates = Object.values(value as Record<string, unknown>).filter((v) => typeof v === 'string' && ISO_DATE.test(v)) as string[];
    if (dates.some((d) => !isCalendarDate(d) || d.startsWith('0000'))) return 'either';
    return anchor !== undefined && anchor !== null && !anchors.includes(anchor) ? 'either' : 'accept';
  });
}

/** The version a client last saw. `$current` stands for the record's version at send time, `$stale` for the one before. */
export const CURRENT = '$current';
export const STALE = '$stale';

export function version(options: { min: number; max?: number; required?: boolean } = { min: 1 }): Field {
  const values = fc.oneof(
    { arbitrary: fc.constant(CURRENT), weight: 6 },
    { arbitrary: fc.constant(STALE), weight: 1 },
    { arbitrary: fc.constantFrom<unknown>(0, -1, 1.5, '1', 2 ** 31, 1e20, 99999), weight: 2 },
  );
  return field({ required: options.required ?? true }, values, fc.constant(CURRENT), (value) => {
    if (value === CURRENT) return 'accept';
    if (value === STALE) return 'either';
    if (typeof value !== 'number' || !Number.isInteger(value) || value < options.min) return 'reject';
    return options.max !== undefined && value > options.max ? 'reject' : 'either';
  });
}

/** Arbitrary records whose fields are all acceptable; optional fields are sometimes left out. */
export function goodRecord(fields: Record<string, Field>): fc.Arbitrary<Record<string, unknown>> {
  const required = Object.entries(fields)
    .filter(([, f]) => f.required)
    .map(([name]) => name);
  return fc.record(Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, f.good])), {
    requiredKeys: required,
  }) as fc.Arbitrary<Record<string, unknown>>;
}

export interface Mutation {
  body: Record<string, unknown>;
  /** The field the mutation touched. */
  target: string;
}

const UNKNOWN_KEYS = ['isAdmin', 'id', 'createdAt', 'constructor', 'role ', 'títle'];

/** Values of a field, three times in four one it must refuse. */
export function mostlyRefused(field: Field): fc.Arbitrary<unknown> {
  return weighted(
    { arbitrary: field.values.filter((value) => field.judge(value) === 'reject'), weight: 3 },
    { arbitrary: field.values, weight: 1 },
  );
}

/**
 * A good record with one field changed (mostly to a value the field refuses, sometimes to any value), left
 * out, or an unknown field added.
 */
export function mutatedRecord(fields: Record<string, Field>): fc.Arbitrary<Mutation> {
  const names = Object.keys(fields);
  const changed = fc
    .constantFrom(...names)
    .chain((name) =>
      fc
        .tuple(goodRecord(fields), mostlyRefused(fields[name]))
        .map(([body, value]) => ({ body: { ...body, [name]: value }, target: name })),
    );
  const dropped = fc.constantFrom(...names).chain((name) =>
    goodRecord(fields).map((body) => {
      const { [name]: _dropped, ...rest } = body;
      return { body: rest, target: name };
    }),
  );
  const unknown = fc
    .tuple(goodRecord(fields), fc.constantFrom(...UNKNOWN_KEYS.filter((key) => !names.includes(key))), fc.jsonValue({ maxDepth: 1 }))
    .map(([body, key, value]) => ({ body: { ...body, [key]: value }, target: key }));
  return weighted({ arbitrary: changed, weight: 6 }, { arbitrary: dropped, weight: 1 }, { arbitrary: unknown, weight: 1 });
}

/** The verdict on a whole record, and the fields that must be named when it is refused. */
export function judgeRecord(fields: Record<string, Field>, value: unknown): { verdict: Verdict; culprits: string[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { verdict: 'reject', culprits: [] };
  const record = value as Record<string, unknown>;
  const culprits: string[] = [];
  const verdicts: Verdict[] = [];
  for (const key of Object.keys(record)) if (!(key in fields)) culprits.push(key);
  for (const [name, f] of Object.entries(fields)) {
    const verdict = f.judge(record[name]);
    if (verdict === 'reject') culprits.push(name);
    verdicts.push(verdict);
  }
  return { verdict: culprits.length > 0 ? 'reject' : worst(verdicts), culprits };
}
