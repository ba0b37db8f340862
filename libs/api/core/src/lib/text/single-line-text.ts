import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';

/**
 * Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). In a one-line field they
 * can make text read differently from what is stored ("Trojan Source"): a title that shows one reference code
 * while holding another.
 */
export const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/u;

/**
 * Characters that draw nothing: white space, format characters (zero-width space and joiners, soft hyphen,
 * word joiner, BOM…), control characters, and the fillers that render blank (Hangul fillers, braille blank).
 */
const INVISIBLE = /^[\s\p{Cc}\p{Cf}\p{Z}\u115F\u1160\u3164\uFFA0\u2800\u180E]*$/u;

/** Why a one-line text (title, name, reference code, responsible body…) is unacceptable, or null. */
export function singleLineTextProblem(value: string): string | null {
  if (BIDI_CONTROLS.test(value)) return 'must not contain bidirectional control characters (U+202A–U+202E, U+2066–U+2069)';
  if (value !== '' && INVISIBLE.test(value)) return 'must contain visible characters, not only spaces or invisible ones';
  return null;
}

/**
 * One shared check for every one-line text field of the API: refuses bidirectional control characters, and
 * values made only of invisible characters. (Empty strings are left to @MinLength / @IsNotEmpty.)
 */
export function IsSingleLineText(options?: ValidationOptions): PropertyDecorator {
  const firstProblem = (value: unknown): string | null => {
    for (const item of Array.isArray(value) ? value : [value]) {
      const problem = typeof item === 'string' ? singleLineTextProblem(item) : null;
      if (problem) return problem;
    }
    return null;
  };
  return ValidateBy(
    {
      name: 'isSingleLineText',
      validator: {
        validate: (value: unknown) => firstProblem(value) === null,
        defaultMessage: (args?: ValidationArguments) => {
          const reason = firstProblem(args?.value) ?? 'must be plain one-line text';
          return options?.each ? `each value ${reason}` : reason;
        },
      },
    },
    options,
  );
}
