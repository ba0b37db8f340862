/**
 * class-transformer helpers for query strings: the global ValidationPipe does no implicit
 * conversion, so each DTO says how its text becomes a number, a boolean or a list.
 */
import { isValidIsoDuration, parseDurationWords } from '@pactwatch/shared/deadlines';

interface TransformInput {
  value: unknown;
}

/** "a,b" or ?x=a&x=b -> ['a', 'b'] (trimmed, de-duplicated, empties dropped); nothing -> undefined. */
export function toList({ value }: TransformInput): unknown {
  if (value === undefined || value === null) return undefined;
  const raw = Array.isArray(value) ? value : [value];
  if (raw.some((item) => typeof item !== 'string')) return value;
  const items = [
    ...new Set(
      (raw as string[])
        .flatMap((item) => item.split(','))
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ];
  return items.length > 0 ? items : undefined;
}

/** "12" -> 12; anything else is left for @IsInt to refuse with a field-named message. */
export function toInt({ value }: TransformInput): unknown {
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' && /^-?\d{1,15}$/.test(value.trim()) ? Number(value.trim()) : value;
}

/** "true"/"1"/"yes" -> true, "false"/"0"/"no" -> false; anything else is left for @IsBoolean. */
export function toBool({ value }: TransformInput): unknown {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(text)) return true;
  if (['0', 'false', 'no', 'off'].includes(text)) return false;
  return value;
}

/** Trims strings; empty text in a query string means "not given". */
export function toText({ value }: TransformInput): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  return text === '' ? undefined : text;
}

/** Trims strings in request bodies (an empty string stays empty). */
export function trim({ value }: TransformInput): unknown {
  return typeof value === 'string' ? value.trim() : value;
}

/** A duration in plain words ("6 months", "ninety days") becomes its ISO-8601 form (P6M, P90D); anything else is left for the validator. */
export function durationFromWords({ value }: TransformInput): unknown {
  if (typeof value !== 'string' || isValidIsoDuration(value.trim())) return typeof value === 'string' ? value.trim() : value;
  return parseDurationWords(value) ?? value;
}
