import { normalizeEmail, randomToken, safeEqual, sha256 } from './secrets';

describe('secrets', () => {
  it('makes 256-bit URL-safe tokens that differ every time', () => {
    const a = randomToken();
    expect(a).toMatch(/^[\w-]{43}$/);
    expect(randomToken()).not.toBe(a);
  });

  it('hashes with SHA-256 in hex', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('compares in constant time and treats missing values as unequal', () => {
    expect(safeEqual('same', 'same')).toBe(true);
    expect(safeEqual('same', 'Same')).toBe(false);
    expect(safeEqual('same', 'longer')).toBe(false);
    expect(safeEqual(undefined, undefined)).toBe(false);
    expect(safeEqual('', '')).toBe(false);
  });

  it('normalizes emails by trimming and lower-casing', () => {
    expect(normalizeEmail('  Ana@Example.ORG ')).toBe('ana@example.org');
  });
});
