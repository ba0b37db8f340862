import { MailOutboxEntity } from '@pactwatch/api/core';
import { anonymousHeaders, AuthHeaders, createUser, signInAs, TEST_PASSWORD } from '../../../support/auth';
import { startTestApp, TestApp } from '../../../support/test-app';

const NEW_PASSWORD = 'a brand new passphrase';

describe('password reset and invitations', () => {
  let t: TestApp;
  let anonymous: AuthHeaders;

  beforeAll(async () => {
    t = await startTestApp({ env: { PUBLIC_URL: 'https://pactwatch.example.org' }, users: ['admin'] });
    anonymous = await anonymousHeaders(t);
  });
  afterAll(() => t.close());

  const outbox = (recipient: string) =>
    t.db.dataSource.getRepository(MailOutboxEntity).find({ where: { recipient }, order: { createdAt: 'ASC', id: 'ASC' } });
  const tokenIn = (mail: MailOutboxEntity, path: string) => {
    const match = new RegExp(`https://pactwatch\\.example\\.org${path}\\?token=([\\w-]+)`).exec(mail.text);
    if (!match) throw new Error(`No ${path} link in: ${mail.text}`);
    return match[1];
  };
  const requestReset = (email: string) =>
    t.request({ method: 'POST', url: '/api/auth/password-reset/request', headers: anonymous, payload: { email } });
  const confirmReset = (token: string, newPassword = NEW_PASSWORD) =>
    t.request({ method: 'POST', url: '/api/auth/password-reset/confirm', headers: anonymous, payload: { token, newPassword } });
  const login = (email: string, password: string) =>
    t.request({ method: 'POST', url: '/api/auth/login', headers: anonymous, payload: { email, password } });

  it('answers 202 whether or not the email has an account, and mails only real accounts', async () => {
    const user = await createUser(t);
    const known = await requestReset(user.email);
    const unknown = await requestReset('nobody-here@example.org');
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    expect(await outbox(user.email)).toHaveLength(1);
    expect(await outbox('nobody-here@example.org')).toHaveLength(0);
  });

  it('resets the password with the emailed link, once, and signs the user out everywhere', async () => {
    const user = await createUser(t);
    const session = await signInAs(t, user.email);
    await requestReset(user.email);
    const [mail] = await outbox(user.email);
    expect(mail).toMatchObject({ state: 'pending', subject: 'Reset your Pactwatch password' });
    const token = tokenIn(mail, '/reset-password');

    expect((await confirmReset(token)).statusCode).toBe(204);
    expect((await t.request({ method: 'GET', url: '/api/me', headers: session })).statusCode).toBe(401);
    expect((await login(user.email, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login(user.email, NEW_PASSWORD)).statusCode).toBe(200);

    const reused = await confirmReset(token, 'yet another passphrase');
    expect(reused.statusCode).toBe(410);
    expect(reused.json()).toMatchObject({ code: 'link_used' });
  });

  it('shows an admin previewing the outbox where a reset link leads, but not its token', async () => {
    const user = await createUser(t);
    await requestReset(user.email);
    const [mail] = await outbox(user.email);
    const token = tokenIn(mail, '/reset-password');
    const preview = await t.request({ method: 'GET', url: `/api/outbox/${mail.id}/preview`, headers: t.headers.admin });
    expect(preview.statusCode).toBe(200);
    const { html, text } = preview.json() as { html: string; text: string };
    for (const body of [html, text]) {
      expect(body).not.toContain(token);
      expect(body).toContain('https://pactwatch.example.org/reset-password?token=(hidden)');
    }
  });

  it('refuses a reset link after an hour', async () => {
    const user = await createUser(t);
    await requestReset(user.email);
    const token = tokenIn((await outbox(user.email))[0], '/reset-password');
    t.clock.advance(60 * 60 * 1000 + 1000);
    const response = await confirmReset(token);
    expect(response.statusCode).toBe(410);
    expect(response.json()).toMatchObject({ code: 'link_expired' });
    expect((await login(user.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses an unknown reset token with 400', async () => {
    const response = await confirmReset('this-token-was-never-issued');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'link_invalid' });
  });

  it('replaces an earlier reset link when a new one is requested', async () => {
    const user = await createUser(t);
    await requestReset(user.email);
    const [first] = await outbox(user.email);
    await requestReset(user.email);
    const second = (await outbox(user.email)).find((mail) => mail.id !== first.id) as MailOutboxEntity;
    expect((await confirmReset(tokenIn(first, '/reset-password'))).json()).toMatchObject({ code: 'link_used' });
    expect((await confirmReset(tokenIn(second, '/reset-password'))).statusCode).toBe(204);
  });

  it('refuses a short new password with 400 and keeps the link usable', async () => {
    const user = await createUser(t);
    await requestReset(user.email);
    const token = tokenIn((await outbox(user.email))[0], '/reset-password');
    const short = await confirmReset(token, 'short');
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'newPassword' }] });
    expect((await confirmReset(token)).statusCode).toBe(204);
  });

  it('invites a user an admin creates without a password; accepting sets the password and signs in', async () => {
    const admin = await signInAs(t, (await createUser(t, { role: 'admin' })).email);
    const created = await t.request({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: { email: 'invitee@example.org', displayName: 'Invitee', role: 'analyst' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ email: 'invitee@example.org', role: 'analyst', disabled: false });
    // Until they accept, the invitee has no password to sign in with.
    expect((await login('invitee@example.org', NEW_PASSWORD)).statusCode).toBe(401);

    const [mail] = await outbox('invitee@example.org');
    expect(mail.subject).toBe('You are invited to Pactwatch');
    const token = tokenIn(mail, '/accept-invitation');
    const accepted = await t.request({
      method: 'POST',
      url: '/api/auth/invitations/accept',
      headers: anonymous,
      payload: { token, password: NEW_PASSWORD, displayName: 'Ina Vitee' },
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ email: 'invitee@example.org', displayName: 'Ina Vitee', role: 'analyst' });
    // Served over https (PUBLIC_URL), so the session cookie carries the __Host- prefix.
    const session = accepted.cookies.find((cookie) => cookie.name === '__Host-pactwatch_session');
    expect(session?.value).toBeTruthy();
    expect(
      (await t.request({ method: 'GET', url: '/api/me', headers: { cookie: `__Host-pactwatch_session=${session?.value}` } })).statusCode,
    ).toBe(200);

    const again = await t.request({
      method: 'POST',
      url: '/api/auth/invitations/accept',
      headers: anonymous,
      payload: { token, password: NEW_PASSWORD },
    });
    expect(again.statusCode).toBe(410);
    expect((await login('invitee@example.org', NEW_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses an invitation link after seven days', async () => {
    const admin = await signInAs(t, (await createUser(t, { role: 'admin' })).email);
    await t.request({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: { email: 'late@example.org', displayName: 'Late', role: 'viewer' },
    });
    const token = tokenIn((await outbox('late@example.org'))[0], '/accept-invitation');
    t.clock.advance(7 * 24 * 60 * 60 * 1000 + 1000);
    const response = await t.request({
      method: 'POST',
      url: '/api/auth/invitations/accept',
      headers: anonymous,
      payload: { token, password: NEW_PASSWORD },
    });
    expect(response.statusCode).toBe(410);
    expect(response.json()).toMatchObject({ code: 'link_expired' });
  });
});
