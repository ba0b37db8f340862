import { hashPassword, passwordNeedsRehash, passwordProblem, verifyPassword } from './passwords';

describe('passwords', () => {
  it('hashes with argon2id at the OWASP baseline and verifies', async () => {
    const hash = await hashPassword('a long enough passphrase');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await verifyPassword(hash, 'a long enough passphrase')).toBe(true);
    expect(await verifyPassword(hash, 'a long enough passphrasE')).toBe(false);
    expect(passwordNeedsRehash(hash)).toBe(false);
  });

  it('never accepts a password when there is no hash, yet still spends the hashing time', async () => {
    const started = process.hrtime.bigint();
    expect(await verifyPassword(null, 'pactwatch-timing-equaliser')).toBe(false);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeGreaterThan(5);
  });

  it('asks to rehash a hash made with weaker settings', async () => {
    const argon2 = await import('argon2');
    const weak = await argon2.hash('a long enough passphrase', { type: argon2.argon2id, memoryCost: 4096, timeCost: 1, parallelism: 1 });
    expect(passwordNeedsRehash(weak)).toBe(true);
  });

  it.each([
    ['short', 'must be at least 10 characters'],
    ['x'.repeat(257), 'must be at most 256 characters'],
    ['ten chars!', null],
  ])('judges %j by length only', (password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });
});
