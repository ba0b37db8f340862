import { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ValidationFailedException } from './domain-exception';
import { createValidationPipe, IsOmittable, nestsDeeperThan, overlongTextFields, unstorableTextPaths } from './validation';

class Item {
  @IsString()
  @MaxLength(3)
  name!: string;
}

class Body {
  @IsOmittable()
  @IsString()
  @MaxLength(5)
  title?: string;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => Item)
  items?: Item[];
}

const asBody: ArgumentMetadata = { type: 'body', metatype: Body };

async function fieldsRefused(value: unknown, metadata: ArgumentMetadata = asBody): Promise<string[]> {
  try {
    await createValidationPipe().transform(value, metadata);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationFailedException);
    return [...new Set(((error as ValidationFailedException).details.errors ?? []).map((e) => e.field))];
  }
}

describe('the request validation pipe', () => {
  it('finds NUL characters and lone surrogates anywhere in a value, by path', () => {
    expect(unstorableTextPaths({ a: 'ok 👍', b: ['x', 'n\u0000l'], c: { d: 'lone \ud800' } }, '')).toEqual(['b.1', 'c.d']);
    expect(unstorableTextPaths('paired \ud83d\udc4d is fine', 'id')).toEqual([]);
  });

  it('tells how deep JSON nests without recursing (so any depth is safe to ask about)', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(nestsDeeperThan(deep, 32)).toBe(true);
    expect(nestsDeeperThan({ a: [{ b: 1 }] }, 32)).toBe(false);
  });

  it('counts every code point against @MaxLength, as a varchar column does (validator.js skips variation selectors)', () => {
    const body = Object.assign(new Body(), { title: '❤️❤️❤️', items: [Object.assign(new Item(), { name: '❤️❤️' })] });
    expect(overlongTextFields(body).map((e) => e.field)).toEqual(['title', 'items.0.name']);
  });

  it('refuses unstorable text, deep nesting, overlong text and null for an omittable field, naming the field', async () => {
    expect(await fieldsRefused({ title: 'a\u0000' })).toEqual(['title']);
    expect(await fieldsRefused(JSON.parse(`{"items": ${'['.repeat(50)}${']'.repeat(50)}}`))).toEqual(['body']);
    expect(await fieldsRefused({ title: '❤️❤️❤️' })).toEqual(['title']);
    expect(await fieldsRefused({ title: null })).toEqual(['title']);
    expect(await fieldsRefused('x\u0000', { type: 'param', data: 'id', metatype: String })).toEqual(['id']);
    expect(await fieldsRefused({ title: 'fine', items: [{ name: 'ok' }] })).toEqual([]);
  });

  it('leaves raw text bodies (CSV) to their own parser', async () => {
    expect(await fieldsRefused('ref_code\nNUL \u0000', { type: 'body', metatype: Object })).toEqual([]);
  });
});
