import { UnsubscribeTokens } from './unsubscribe-token';

const userId = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';

describe('UnsubscribeTokens', () => {
  const tokens = new UnsubscribeTokens('a long test secret');

  it('verifies the tokens it signs', () => {
    expect(tokens.verify(tokens.sign(userId))).toBe(userId);
  });

  it.each([
    ['a changed signature', (t: string) => t.slice(0, -1) + (t.endsWith('A') ? 'B' : 'A')],
    ['another user id', (t: string) => Buffer.from('7f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f').toString('base64url') + '.' + t.split('.')[1]],
    ['no signature', (t: string) => t.split('.')[0]],
    ['garbage', () => 'not-a-token'],
  ])('refuses %s', (_name, tamper) => {
    expect(tokens.verify(tamper(tokens.sign(userId)))).toBeNull();
  });

  it('refuses tokens signed with another secret', () => {
    expect(new UnsubscribeTokens('another secret').verify(tokens.sign(userId))).toBeNull();
  });
});
