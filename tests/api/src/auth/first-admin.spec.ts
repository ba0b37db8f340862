import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  ensureConfiguredAdmin,
  seedDemoAccounts,
  upsertAdmin,
  UserEntity,
  verifyPassword,
} from '@pactwatch/api/auth';
import { ConfigurationError } from '@pactwatch/api/core';
import { createTestDatabase, TestDatabase } from '../../../support/test-database';

describe('the first admin and the demo accounts', () => {
  let db: TestDatabase;
  const log: string[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  const users = () => db.dataSource.getRepository(UserEntity);

  it('creates the ADMIN_EMAIL admin once, even when several instances start together', async () => {
    const env = { ADMIN_EMAIL: 'Boss@Example.org', ADMIN_PASSWORD: 'first admin passphrase' };
    const results = await Promise.all([1, 2, 3].map(() => ensureConfiguredAdmin(db.dataSource, env, (line) => log.push(line))));
    expect(results.sort()).toEqual(['created', 'exists', 'exists']);
    const admin = await users().findOneByOrFail({ emailNormalized: 'boss@example.org' });
    expect(admin.role).toBe('admin');
    expect(admin.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(admin.passwordHash, env.ADMIN_PASSWORD)).toBe(true);
  });

  it('never resets an existing account’s password from the environment on restart', async () => {
    const result = await ensureConfiguredAdmin(
      db.dataSource,
      { ADMIN_EMAIL: 'boss@example.org', ADMIN_PASSWORD: 'a different passphrase' },
      () => undefined,
    );
    expect(result).toBe('exists');
    const admin = await users().findOneByOrFail({ emailNormalized: 'boss@example.org' });
    expect(await verifyPassword(admin.passwordHash, 'first admin passphrase')).toBe(true);
  });

  it('refuses a short ADMIN_PASSWORD with a message naming the variable', async () => {
    await expect(
      ensureConfiguredAdmin(db.dataSource, { ADMIN_EMAIL: 'x@example.org', ADMIN_PASSWORD: 'short' }, () => undefined),
    ).rejects.toThrow(new ConfigurationError('ADMIN_PASSWORD', 'must be at least 12 characters', '(hidden)'));
  });

  it('promotes, re-enables and resets an existing account with admin:create', async () => {
    const user = await users().save(
      users().create({
        email: 'old@example.org',
        emailNormalized: 'old@example.org',
        displayName: 'Old',
        role: 'viewer',
        passwordHash: null,
        disabledAt: new Date(),
      }),
    );
    expect(await upsertAdmin(db.dataSource, { email: 'old@example.org', password: 'recovered passphrase' }, { resetExisting: true })).toBe(
      'promoted',
    );
    const after = await users().findOneByOrFail({ id: user.id });
    expect(after).toMatchObject({ role: 'admin', disabledAt: null });
    expect(await verifyPassword(after.passwordHash, 'recovered passphrase')).toBe(true);
  });

  it('creates one demo account per role with the documented password, once', async () => {
    expect(await seedDemoAccounts(db.dataSource)).toHaveLength(3);
    expect(await seedDemoAccounts(db.dataSource)).toEqual([]);
    for (const account of DEMO_ACCOUNTS) {
      const user = await users().findOneByOrFail({ emailNormalized: account.email });
      expect(user.role).toBe(account.role);
      expect(await verifyPassword(user.passwordHash, DEMO_PASSWORD)).toBe(true);
    }
  });
});
