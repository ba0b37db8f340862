import { DEMO_PASSWORD, ensureConfiguredAdmin, seedDemoAccounts, upsertAdmin, UserEntity } from '@pactwatch/api/auth';
import { ConfigurationError, MailOutboxEntity } from '@pactwatch/api/core';
import { anonymousHeaders, AuthHeaders, createUser, signInAs, TEST_PASSWORD } from '../../../support/auth';
import { startTestApp, TestApp } from '../../../support/test-app';

const FIVE_EMOJI = '🔒🔑🔐🛡🚪'; // 10 UTF-16 units, 5 characters

describe('password policy and one-line text', () => {
  let t: TestApp;
  let admin: AuthHeaders;
  let anonymous: AuthHeaders;

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    admin = await signInAs(t, (await createUser(t, { role: 'admin' })).email);
    anonymous = await anonymousHeaders(t);
  });
  afterAll(() => t.close());

  const createAccount = (email: string, password: string) =>
    t.request({ method: 'POST', url: '/api/users', headers: admin, payload: { email, displayName: 'New', role: 'viewer', password } });

  describe('wherever a password is set', () => {
    it.each([
      ['1234567890', 'must be at least 12 characters'],
      [FIVE_EMOJI, 'must be at least 12 characters'],
      ['123456789012', 'is one of the most common passwords; choose one that is harder to guess'],
      ['password1234', 'is one of the most common passwords; choose one that is harder to guess'],
      ['fresh.hire@example.org', 'must not be your email address or a variant of it'],
      ['Fresh.Hire2026', 'must not be your email address or a variant of it'],
    ])('refuses %j when an admin creates an account, naming the rule, and creates nothing', async (password, message) => {
      const response = await createAccount('fresh.hire@example.org', password);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'password', message }] });
      expect(await t.db.dataSource.getRepository(UserEntity).countBy({ emailNormalized: 'fresh.hire@example.org' })).toBe(0);
    });

    it('accepts twelve emoji, counted as twelve characters', async () => {
      expect((await createAccount('emoji@example.org', FIVE_EMOJI + FIVE_EMOJI + '🧱🪪')).statusCode).toBe(201);
    });

    it('refuses the account’s own email as a new password on reset, and keeps the link usable', async () => {
      const user = await createUser(t);
      await t.request({ method: 'POST', url: '/api/auth/password-reset/request', headers: anonymous, payload: { email: user.email } });
      const [mail] = await t.db.dataSource.getRepository(MailOutboxEntity).findBy({ recipient: user.email });
      const token = /reset-password\?token=([\w-]+)/.exec(mail.text)?.[1];
      const confirm = (newPassword: string) =>
        t.request({ method: 'POST', url: '/api/auth/password-reset/confirm', headers: anonymous, payload: { token, newPassword } });
      const refused = await confirm(user.email.toUpperCase());
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({
        errors: [{ field: 'newPassword', message: 'must not be your email address or a variant of it' }],
      });
      expect((await confirm('qwerty123456')).json()).toMatchObject({ errors: [{ field: 'newPassword' }] });
      expect((await confirm('an uncommon reset passphrase')).statusCode).toBe(204);
    });

    it('refuses a common new password when changing it', async () => {
      const user = await createUser(t);
      const response = await t.request({
        method: 'POST',
        url: '/api/auth/password',
        headers: await signInAs(t, user.email),
        payload: { currentPassword: TEST_PASSWORD, newPassword: '1q2w3e4r5t6y' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        errors: [{ field: 'newPassword', message: expect.stringContaining('most common passwords') }],
      });
    });

    it('refuses a common or email ADMIN_PASSWORD and admin:create password, naming the variable', async () => {
      await expect(
        ensureConfiguredAdmin(t.db.dataSource, { ADMIN_EMAIL: 'boss@example.org', ADMIN_PASSWORD: 'password1234' }, () => undefined),
      ).rejects.toThrow(
        new ConfigurationError('ADMIN_PASSWORD', 'is one of the most common passwords; choose one that is harder to guess', '(hidden)'),
      );
      await expect(
        upsertAdmin(t.db.dataSource, { email: 'boss@example.org', password: 'boss@example.org' }, { resetExisting: true }),
      ).rejects.toThrow(/ADMIN_PASSWORD.*must not be your email address/);
    });

    it('still signs the demo accounts in with the documented demo password', async () => {
      await seedDemoAccounts(t.db.dataSource);
      expect(DEMO_PASSWORD).toBe('pactwatch-demo');
      const response = await t.request({
        method: 'POST',
        url: '/api/auth/login',
        headers: anonymous,
        payload: { email: 'analyst@pactwatch.local', password: 'pactwatch-demo' },
      });
      expect(response.statusCode).toBe(200);
    });
  });

  describe('one-line fields', () => {
    it.each([
      [
        '/api/agreements',
        { title: '\u200B\u200B\u2060', kind: 'mou' },
        'title',
        'must contain visible characters, not only spaces or invisible ones',
      ],
      ['/api/agreements', { title: 'MoU \u202Egnirahs atad', kind: 'mou' }, 'title', 'must not contain bidirectional control characters'],
      ['/api/parties', { code: 'ZZ', name: '\u2066Atlantis\u2069' }, 'name', 'must not contain bidirectional control characters'],
      ['/api/anchor-events', { name: '\u3164' }, 'name', 'must contain visible characters'],
    ])('refuses POST %s with %j: 400 on %s, nothing written', async (url, payload, field, message) => {
      const analyst = await signInAs(t, (await createUser(t, { role: 'analyst' })).email);
      const response = await t.request({ method: 'POST', url, headers: analyst, payload });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual(expect.arrayContaining([{ field, message: expect.stringContaining(message) }]));
    });

    it('refuses a source document title with a right-to-left override', async () => {
      const analyst = await signInAs(t, (await createUser(t, { role: 'analyst' })).email);
      const [agreement] = (await t.request({ method: 'GET', url: '/api/agreements', headers: analyst })).json();
      const response = await t.request({
        method: 'POST',
        url: `/api/agreements/${agreement.id}/sources`,
        headers: analyst,
        payload: { title: 'Charter \u202Etfard', text: 'The parties shall draft a charter.' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([{ field: 'title', message: expect.stringContaining('bidirectional control characters') }]);
    });

    it('refuses a display name with a right-to-left override, and keeps right-to-left scripts', async () => {
      const headers = await signInAs(t, (await createUser(t)).email);
      const refused = await t.request({ method: 'PATCH', url: '/api/me', headers, payload: { displayName: 'Admin\u202E' } });
      expect(refused.statusCode).toBe(400);
      const hebrew = await t.request({ method: 'PATCH', url: '/api/me', headers, payload: { displayName: 'שרה כהן' } });
      expect(hebrew.statusCode).toBe(200);
    });
  });
});
