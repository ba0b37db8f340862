import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage, ValidateIf, ValidationTypes } from 'class-validator';
import { FieldError, ValidationFailedException } from './domain-exception';
import { JSON_MEDIA_TYPE, UnsupportedMediaTypeException } from './media-types';

/** Optional, but when present must be valid: unlike @IsOptional, null is refused (for fields that cannot be empty). */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}

/**
 * One message per failed constraint, without the property name class-validator puts in front. A field that is
 * missing (or null) fails every constraint at once; it gets one message that says so instead of the list.
 */
function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const messages = Object.values(error.constraints ?? {});
    const absent = messages.length > 0 && (error.value === undefined || error.value === null);
    const own = absent
      ? [{ field, message: error.value === undefined ? 'is required' : 'must not be null' }]
      : messages.map((message) => ({
          field,
          message: message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message,
        }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** A DTO class (not String, Object, …): a body for it must have been JSON. */
function expectsJsonObject(metadata: ArgumentMetadata): boolean {
  const type = metadata.metatype as unknown;
  return typeof type === 'function' && ![String, Object, Array, Number, Boolean].includes(type as StringConstructor);
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The paths of strings PostgreSQL cannot store: a NUL character, or a lone UTF-16 surrogate (which is
 * not Unicode at all, and would be stored as U+FFFD, not as sent).
 */
export function unstorableTextPaths(value: unknown, path: string): string[] {
  if (typeof value === 'string') return value.includes('\u0000') || LONE_SURROGATE.test(value) ? [path] : [];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => unstorableTextPaths(item, path ? `${path}.${key}` : key));
}

/** No request DTO nests anywhere near this deep; deeper JSON would exhaust the stack while being transformed. */
const MAX_DEPTH = 32;

/** Whether parsed JSON nests objects or arrays deeper than `max`, checked without recursion (any depth is safe to ask about). */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const pending: { item: unknown; depth: number }[] = [{ item: value, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (typeof next.item !== 'object' || next.item === null) continue;
    if (next.depth >= max) return true;
    for (const child of Object.values(next.item)) pending.push({ item: child, depth: next.depth + 1 });
  }
  return false;
}

const codePoints = (text: string) => [...text].length;

/**
 * @MaxLength counts as validator.js does, leaving out emoji variation selectors; a varchar column counts
 * every code point. These are the fields of a validated DTO (nested ones included) that the column would refuse.
 */
export function overlongTextFields(dto: unknown, path = ''): FieldError[] {
  if (typeof dto !== 'object' || dto === null) return [];
  if (Array.isArray(dto)) return dto.flatMap((item, index) => overlongTextFields(item, path ? `${path}.${index}` : String(index)));
  const at = (property: string) => (path ? `${path}.${property}` : property);
  const rules = getMetadataStorage().getTargetValidationMetadatas(dto.constructor, '', true, false);
  const values = dto as Record<string, unknown>;
  const overlong = rules
    .filter((rule) => rule.name === 'maxLength')
    .flatMap((rule) => {
      const max = Number(rule.constraints[0]);
      const texts = [values[rule.propertyName]].flat().filter((text): text is string => typeof text === 'string');
      return texts.some((text) => codePoints(text) > max)
        ? [{ field: at(rule.propertyName), message: `must be at most ${max} characters` }]
        : [];
    });
  const nested = rules
    .filter((rule) => rule.type === ValidationTypes.NESTED_VALIDATION)
    .flatMap((rule) => overlongTextFields(values[rule.propertyName], at(rule.propertyName)));
  return [...overlong, ...nested];
}

function refuse(errors: FieldError[]): ValidationFailedException {
  return new ValidationFailedException(errors, `Invalid ${errors.map((e) => e.field).join(', ')}`);
}

/** The global pipe: unknown fields are refused, every failure names its field, and text must fit and be storable. */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Raw text bodies (CSV) are checked by their own parser, which names the row and column.
    const rawBody = metadata.type === 'body' && typeof value === 'string';
    // Text (text/plain, text/csv) where the route takes a JSON object: the wrong media type, not a bad field.
    if (rawBody && expectsJsonObject(metadata)) throw new UnsupportedMediaTypeException(null, [JSON_MEDIA_TYPE]);
    if (metadata.type !== 'custom' && nestsDeeperThan(value, MAX_DEPTH)) {
      throw refuse([{ field: metadata.data ?? metadata.type, message: `must not nest objects or arrays more than ${MAX_DEPTH} deep` }]);
    }
    if (metadata.type !== 'custom' && !rawBody) {
      const fields = unstorableTextPaths(value, metadata.data ?? '');
      if (fields.length > 0)
        throw refuse(fields.map((field) => ({ field, message: 'must be text without NUL characters or unpaired surrogates' })));
    }
    const dto = await super.transform(value, metadata);
    const overlong = metadata.type === 'custom' ? [] : overlongTextFields(dto);
    if (overlong.length > 0) throw refuse(overlong);
    return dto;
  }
}

export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // The value is read to tell a missing field from a wrong one; messages never repeat it.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors).map((error) =>
        error.message.startsWith('property ') && error.message.endsWith(' should not exist')
          ? { field: error.field, message: 'is not a known field' }
          : error,
      );
      return refuse(fieldErrors);
    },
  });
}
