import { isIsoDate, isValidIsoDuration, validateDeadlineSpec } from '@pactwatch/shared/deadlines';
import { ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';

export const DATE_MESSAGE = 'must be a date in YYYY-MM-DD format';

/** A calendar date, YYYY-MM-DD, that exists (no 31 February). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && isIsoDate(value),
        defaultMessage: () => (options?.each ? `each value ${DATE_MESSAGE}` : DATE_MESSAGE),
      },
    },
    options,
  );
}

/** An ISO-8601 calendar duration such as P6M, P90D, P1Y or P2W. */
export function IsIsoDuration(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoDuration',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidIsoDuration(value),
        defaultMessage: () => 'must be an ISO-8601 duration such as P6M, P90D, P1Y or P2W',
      },
    },
    options,
  );
}

/**
 * One field of a deadline spec, checked by the shared deadline library so the API and the
 * library can never disagree: the message is the library's message for that field.
 */
export function DeadlineField(path: string): PropertyDecorator {
  const problem = (object: object): string | null => {
    const result = validateDeadlineSpec({ ...object });
    if (result.ok) return null;
    return result.errors.find((error) => error.path === path)?.message ?? null;
  };
  return ValidateBy({
    name: 'deadlineSpec',
    validator: {
      validate: (_value: unknown, args) => problem(args?.object ?? {}) === null,
      defaultMessage: (args) => problem(args?.object ?? {}) ?? 'is invalid',
    },
  });
}

/** A user id (UUID) or the word "me" (the signed-in user). */
export function IsUserIdOrMe(options?: ValidationOptions): PropertyDecorator {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  return ValidateBy(
    {
      name: 'isUserIdOrMe',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && (value === 'me' || uuid.test(value)),
        defaultMessage: () => 'each value must be a user id (UUID) or "me"',
      },
    },
    options,
  );
}

/** Optional, but when present must be valid: unlike @IsOptional, null is refused (for fields that cannot be empty). */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}
