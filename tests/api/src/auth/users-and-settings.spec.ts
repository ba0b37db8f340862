import { AuditLogEntity } from '@pactwatch/api/audit';
import { UserEntity } from '@pactwatch/api/auth';
import { createUser, signInAs, TEST_PASSWORD } from '../../../support/auth';
import { startTestApp, TestApp } from '../../../support/test-app';

describe('users, profile, workspace settings and their audit trail', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ users: ['viewer', 'admin'] });
  });
  afterAll(() => t.close());

  const admin = () => t.headers.admin as Record<string, string>;
  const viewer = () => t.headers.viewer as Record<string, string>;

  it('names the id when the user id in the URL is malformed', async () => {
    const response = await t.request({
      method: 'PATCH',
      url: '/api/users/42',
      headers: admin(),
      payload: { displayName: 'X', version: 1 },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'id', message: 'must be a user id' }] });
  });

  it('refuses `role` in a profile update with 400 and leaves the role alone', async () => {
    const response = await t.request({
      method: 'PATCH',
      url: '/api/me',
      headers: viewer(),
      payload: { displayName: 'Climber', role: 'admin' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'role', message: 'is not a known field' }] });
    const me = await t.request({ method: 'GET', url: '/api/me', headers: viewer() });
    expect(me.json()).toMatchObject({ role: 'viewer' });
  });

  it('lets a user change their own name and time zone', async () => {
    const response = await t.request({
      method: 'PATCH',
      url: '/api/me',
      headers: viewer(),
      payload: { displayName: 'Vera Viewer', timeZone: 'Asia/Baku' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ displayName: 'Vera Viewer', timeZone: 'Asia/Baku', role: 'viewer' });
  });

  it('creates an account with a password, which can sign in at once, and refuses a duplicate email', async () => {
    const payload = { email: 'direct@example.org', displayName: 'Direct', role: 'viewer', password: TEST_PASSWORD };
    const created = await t.request({ method: 'POST', url: '/api/users', headers: admin(), payload });
    expect(created.statusCode).toBe(201);
    expect(await signInAs(t, 'direct@example.org')).toHaveProperty('cookie');
    const duplicate = await t.request({
      method: 'POST',
      url: '/api/users',
      headers: admin(),
      payload: { ...payload, email: 'DIRECT@example.org' },
    });
    expect(duplicate.statusCode).toBe(409);
  });

  it('changes a role with optimistic locking, effective on the user’s next request', async () => {
    const user = await createUser(t, { role: 'viewer' });
    const headers = await signInAs(t, user.email);
    const { version } = await t.db.dataSource.getRepository(UserEntity).findOneByOrFail({ id: user.id });
    const promoted = await t.request({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      headers: admin(),
      payload: { role: 'admin', version },
    });
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json()).toMatchObject({ role: 'admin', version: version + 1 });
    expect((await t.request({ method: 'GET', url: '/api/users', headers })).statusCode).toBe(200);
    const stale = await t.request({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      headers: admin(),
      payload: { role: 'viewer', version },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'version_conflict' });
  });

  it('will not demote or disable the last active admin', async () => {
    const db = t.db.dataSource.getRepository(UserEntity);
    const admins = await db.findBy({ role: 'admin' });
    await db.update(
      admins.map((user) => user.id),
      { role: 'analyst' },
    );
    try {
      const last = await createUser(t, { role: 'admin' });
      const headers = await signInAs(t, last.email);
      const { version } = await db.findOneByOrFail({ id: last.id });
      for (const change of [{ disabled: true }, { role: 'analyst' }]) {
        const response = await t.request({ method: 'PATCH', url: `/api/users/${last.id}`, headers, payload: { ...change, version } });
        expect(response.statusCode).toBe(409);
        expect(response.json()).toMatchObject({ code: 'conflict' });
      }
      await db.update({ id: last.id }, { role: 'viewer' });
    } finally {
      await db.update(
        admins.map((user) => user.id),
        { role: 'admin' },
      );
    }
  });

  it('changes the password with the current one, ending other sessions and rotating this one', async () => {
    const user = await createUser(t);
    const other = await signInAs(t, user.email);
    const current = await signInAs(t, user.email);
    const wrong = await t.request({
      method: 'POST',
      url: '/api/auth/password',
      headers: current,
      payload: { currentPassword: 'not it', newPassword: 'a new passphrase' },
    });
    expect(wrong.statusCode).toBe(400);
    const changed = await t.request({
      method: 'POST',
      url: '/api/auth/password',
      headers: current,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'a new passphrase' },
    });
    expect(changed.statusCode).toBe(204);
    const rotated = changed.cookies.find((cookie) => cookie.name === 'pactwatch_session')?.value;
    expect(rotated).toBeTruthy();
    expect((await t.request({ method: 'GET', url: '/api/me', headers: other })).statusCode).toBe(401);
    expect((await t.request({ method: 'GET', url: '/api/me', headers: current })).statusCode).toBe(401);
    expect((await t.request({ method: 'GET', url: '/api/me', headers: { cookie: `pactwatch_session=${rotated}` } })).statusCode).toBe(200);
    expect(await signInAs(t, user.email, 'a new passphrase')).toHaveProperty('cookie');
  });

  it('lets an admin turn on the public portal, with optimistic locking, and opens portal reads to anonymous visitors', async () => {
    const current = await t.request({ method: 'GET', url: '/api/settings', headers: viewer() });
    expect(current.statusCode).toBe(200);
    const { version } = current.json();
    expect((await t.request({ method: 'GET', url: '/api/settings' })).statusCode).toBe(401);
    expect(
      (await t.request({ method: 'PATCH', url: '/api/settings', headers: viewer(), payload: { publicPortal: true, version } })).statusCode,
    ).toBe(403);

    const updated = await t.request({
      method: 'PATCH',
      url: '/api/settings',
      headers: admin(),
      payload: { publicPortal: true, workspaceName: 'Caucasus desk', version },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ publicPortal: true, workspaceName: 'Caucasus desk', version: version + 1 });
    const anonymous = await t.request({ method: 'GET', url: '/api/auth/session' });
    expect(anonymous.json()).toMatchObject({ user: null, publicPortal: true, workspaceName: 'Caucasus desk' });
    expect((await t.request({ method: 'GET', url: '/api/settings' })).statusCode).toBe(200);

    const stale = await t.request({ method: 'PATCH', url: '/api/settings', headers: admin(), payload: { publicPortal: false, version } });
    expect(stale.statusCode).toBe(409);
    const off = await t.request({
      method: 'PATCH',
      url: '/api/settings',
      headers: admin(),
      payload: { publicPortal: false, version: version + 1 },
    });
    expect(off.statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: '/api/settings' })).statusCode).toBe(401);
  });

  it('audits sign-ins, user changes, token creation and revocation, and settings changes, with before and after', async () => {
    const user = await createUser(t);
    const headers = await signInAs(t, user.email);
    const token = (await t.request({ method: 'POST', url: '/api/me/tokens', headers, payload: { name: 'audited', scope: 'read' } })).json();
    await t.request({ method: 'DELETE', url: `/api/me/tokens/${token.id}`, headers });
    await t.request({ method: 'PATCH', url: '/api/me', headers, payload: { displayName: 'Audited Person' } });
    await t.request({ method: 'POST', url: '/api/auth/logout', headers });

    const rows = await t.db.dataSource.getRepository(AuditLogEntity).find({ where: { actorId: user.id }, order: { at: 'ASC' } });
    const actions = rows.map((row) => `${row.action} ${row.entityType}`);
    expect(actions).toEqual(expect.arrayContaining(['login user', 'create api_token', 'revoke api_token', 'update user', 'logout user']));
    const rename = rows.find((row) => row.action === 'update' && row.entityType === 'user');
    expect(rename?.before).toMatchObject({ displayName: 'Test viewer' });
    expect(rename?.after).toMatchObject({ displayName: 'Audited Person' });
    expect(JSON.stringify(rows)).not.toMatch(/argon2|passwordHash/);

    const settings = await t.db.dataSource.getRepository(AuditLogEntity).findBy({ entityType: 'workspace_settings' });
    expect(settings.length).toBeGreaterThan(0);
    expect(settings[0].before).toMatchObject({ publicPortal: false });
    expect(settings[0].after).toMatchObject({ publicPortal: true });

    const api = await t.request({ method: 'GET', url: `/api/audit?user=${user.id}&entityType=api_token`, headers: admin() });
    expect(api.statusCode).toBe(200);
    expect(
      api
        .json()
        .items.map((item: { action: string }) => item.action)
        .sort(),
    ).toEqual(['create', 'revoke']);
  });
});
