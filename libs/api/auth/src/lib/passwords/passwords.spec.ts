import { DEMO_PASSWORD } from '../bootstrap/accounts-bootstrap';
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
    ['short', 'must be at least 12 characters'],
    ['ten chars!', 'must be at least 12 characters'],
    ['x'.repeat(257), 'must be at most 256 characters'],
    ['twelve chars', null],
  ])('judges the length of %j', (password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });

  it('counts code points, not UTF-16 units: six emoji are six characters, twelve are enough', () => {
    expect('🔒🔑🗝️🔐🛡️🚪'.length).toBeGreaterThanOrEqual(12);
    expect(passwordProblem('🔒🔑🔐🛡🚪🔓')).toBe('must be at least 12 characters');
    expect(passwordProblem('🔒🔑🔐🛡🚪🔓🧱🪪🧿🪬🔏🗃')).toBeNull();
  });

  it.each(['1234567890', '123456789012', 'password1234', 'qwerty123456', 'Password1234!', '!!iloveyou!!2024', 'aaaaaaaaaaaaaa'])(
    'refuses the common or trivial password %j',
    (password) => {
      expect(passwordProblem(password)).toMatch(/common passwords|at least 12|single character/);
    },
  );

  it('names the rule when refusing a common password', () => {
    expect(passwordProblem('1q2w3e4r5t6y')).toBe('is one of the most common passwords; choose one that is harder to guess');
  });

  it.each(['Jane.Doe@Example.org', 'jane.doe@example.org', 'janedoe20242025', 'jane.doe.example', 'JANE_DOE@EXAMPLE.ORG!'])(
    'refuses %j for jane.doe@example.org: the account’s own email or a variant',
    (password) => {
      expect(passwordProblem(password, 'jane.doe@example.org')).toBe('must not be your email address or a variant of it');
    },
  );

  it('accepts a passphrase that merely mentions a word of the email', () => {
    expect(passwordProblem('jane loves long walks', 'jane.doe@example.org')).toBeNull();
  });

  it('accepts the demo password, which is not a common one', () => {
    expect(DEMO_PASSWORD).toBe('pactwatch-demo');
    expect(passwordProblem(DEMO_PASSWORD, 'admin@pactwatch.local')).toBeNull();
  });
});
