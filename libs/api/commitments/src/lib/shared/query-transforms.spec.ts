import { toBool, toInt, toList } from './query-transforms';

describe('query-string transforms', () => {
  it('splits comma-separated and repeated values into one list, trimmed and without duplicates', () => {
    expect(toList({ value: 'a, b,,a' })).toEqual(['a', 'b']);
    expect(toList({ value: ['a,b', 'c'] })).toEqual(['a', 'b', 'c']);
    expect(toList({ value: ' , ' })).toBeUndefined();
    expect(toList({ value: undefined })).toBeUndefined();
  });

  it('turns whole numbers into numbers and leaves anything else for the validator to refuse', () => {
    expect(toInt({ value: '25' })).toBe(25);
    expect(toInt({ value: '2.5' })).toBe('2.5');
    expect(toInt({ value: 'ten' })).toBe('ten');
    expect(toInt({ value: '' })).toBeUndefined();
  });

  it('reads booleans the way people write them', () => {
    expect(toBool({ value: 'true' })).toBe(true);
    expect(toBool({ value: '0' })).toBe(false);
    expect(toBool({ value: 'perhaps' })).toBe('perhaps');
  });
});
