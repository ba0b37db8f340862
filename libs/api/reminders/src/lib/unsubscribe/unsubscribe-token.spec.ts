import { randomBytes } from 'node:crypto';
import { legacyUnsubscribeToken, UnsubscribeTokens } from './unsubscribe-token';

const userId = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('UnsubscribeTokens', () => {
  const tokens = new UnsubscribeTokens(randomBytes(32), ['an old session secret']);

  it('verifies the tokens it issues', () => {
    expect(tokens.verify(tokens.sign(userId))).toBe(userId);
  });

  it('issues opaque tokens: neither the id nor its base64 appears, and two tokens for one user differ', () => {
    const token = tokens.sign(userId);
    expect(token).not.toContain(Buffer.from(userId).toString('base64url').slice(0, 12));
    expect(Buffer.from(token, 'base64url').toString('hex')).not.toContain(userId.replace(/-/g, '').slice(0, 8));
    expect(tokens.sign(userId)).not.toBe(token);
  });

  it.each([
    ['a changed last character', (t: string) => t.slice(0, -1) + (t.endsWith('A') ? 'B' : 'A')],
    ['a last character differing only in its spare bits', (t: string) => t.slice(0, -1) + B64[B64.indexOf(t.at(-1) as string) + 1]],
    ['a changed first character', (t: string) => (t.startsWith('A') ? 'B' : 'A') + t.slice(1)],
    ['a changed middle character', (t: string) => t.slice(0, 30) + (t[30] === 'A' ? 'B' : 'A') + t.slice(31)],
    ['a truncated token', (t: string) => t.slice(0, -2)],
    ['garbage', () => 'not-a-token'],
  ])('refuses %s', (_name, tamper) => {
    expect(tokens.verify(tamper(tokens.sign(userId)))).toBeNull();
  });

  it('refuses tokens issued under another key', () => {
    expect(new UnsubscribeTokens(randomBytes(32)).verify(tokens.sign(userId))).toBeNull();
  });

  it('still accepts links of the earlier signed format under a secret that signed them, and no other', () => {
    expect(tokens.verify(legacyUnsubscribeToken('an old session secret', userId))).toBe(userId);
    expect(tokens.verify(legacyUnsubscribeToken('another secret', userId))).toBeNull();
  });
});
