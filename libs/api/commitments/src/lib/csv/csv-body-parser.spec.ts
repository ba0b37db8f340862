import fc from 'fast-check';
import { decodeCsv, firstInvalidUtf8 } from './csv-body-parser';

/** The WHATWG decoder's verdict, to compare with. */
const isUtf8 = (bytes: Uint8Array) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

describe('UTF-8 check of CSV bodies', () => {
  it('agrees with the WHATWG decoder on arbitrary bytes, and finds the first bad byte', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const invalid = firstInvalidUtf8(bytes);
        expect(invalid === -1).toBe(isUtf8(bytes));
        if (invalid !== -1) {
          expect(isUtf8(bytes.subarray(0, invalid))).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts every Unicode text, and refuses overlong forms, surrogates and cut-off characters', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (text) => expect(firstInvalidUtf8(Buffer.from(text, 'utf8'))).toBe(-1)));
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xc0, 0x80]))).toBe(1); // overlong NUL
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0); // U+D800
    expect(firstInvalidUtf8(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // past U+10FFFF
    expect(firstInvalidUtf8(Buffer.from('ok €', 'utf8').subarray(0, 5))).toBe(3); // € cut off
  });

  it('names the line and byte of the first bad byte', () => {
    const bytes = Buffer.concat([Buffer.from('a,b\nc,d\ne,'), Buffer.from([0xe9]), Buffer.from('\n')]);
    expect(() => decodeCsv(bytes)).toThrow('The file is not UTF-8 text; nothing was imported');
    try {
      decodeCsv(bytes);
    } catch (error) {
      expect((error as { details: { errors: unknown[] } }).details.errors).toEqual([
        { field: 'body', message: expect.stringMatching(/^is not valid UTF-8: byte 11 \(line 3\) is 0xe9/) },
      ]);
    }
    expect(decodeCsv(Buffer.from('ref_code\nÉ-1\n', 'utf8'))).toBe('ref_code\nÉ-1\n');
  });
});
