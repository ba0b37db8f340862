import { signIn, withJson } from '../../../support/auth';
import { startTestApp, TestApp } from '../../../support/test-app';
import { commitmentId, outbox, person, plannerOf, senderOf } from './reminder-fixtures';

/** Without SMTP_URL: reminders are planned and kept in the outbox, readable and previewable by an admin. */
describe('reminders API (no SMTP configured)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      demo: true,
      now: '2026-02-01T10:00:00Z',
      users: ['admin', 'viewer'],
      env: { PUBLIC_URL: 'https://pactwatch.example.org' },
    });
  }, 120_000);
  afterAll(() => t.close());

  it('plans deliveries and keeps them pending when mail is not configured', async () => {
    const owner = await person(t, 'owner-nosmtp', 'Asia/Baku');
    await t.db.dataSource.query(`UPDATE commitments SET owner_id = $1 WHERE ref_code = 'AZ-US-2025-01'`, [owner.id]);
    const result = await plannerOf(t).run();
    expect(result).toMatchObject({ deliveriesCreated: 1, failures: 0 });
    const sent = await senderOf(t).sendDue();
    expect(sent).toMatchObject({ notConfigured: true, claimed: 0 });
    const rows = (await outbox(t.db)).filter((row) => row.recipient === owner.email);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ state: 'pending', attempts: 0, kind: 'digest' });
  });

  it('lets an admin list the outbox and preview a mail exactly as it will be sent', async () => {
    const list = await t.request({ method: 'GET', url: '/api/outbox?state=pending', headers: t.headers.admin });
    expect(list.statusCode).toBe(200);
    const page = list.json();
    expect(page.total).toBeGreaterThan(0);
    const delivery = page.items.find((d: { recipient: string }) => d.recipient === 'owner-nosmtp@example.org');
    expect(delivery).toMatchObject({ state: 'pending', reason: 'digest', itemCount: 1 });

    const preview = await t.request({ method: 'GET', url: `/api/outbox/${delivery.id}/preview`, headers: t.headers.admin });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().text).toContain('Deadline: 6 months after MoU signed (8 Aug 2025) → 8 Feb 2026');
    expect(preview.json().html).toContain('https://pactwatch.example.org/commitments/AZ-US-2025-01');
    // The unsubscribe link acts for its recipient: the admin sees where it leads, not its token.
    expect(preview.json().text).toContain('https://pactwatch.example.org/api/unsubscribe?token=(hidden)');
  });

  it('keeps the outbox from non-admins', async () => {
    const response = await t.request({ method: 'GET', url: '/api/outbox', headers: t.headers.viewer });
    expect(response.statusCode).toBe(403);
  });

  it('returns default preferences and saves changes', async () => {
    const headers = await signIn(t, 'viewer');
    const initial = await t.request({ method: 'GET', url: '/api/me/reminder-preferences', headers });
    expect(initial.statusCode).toBe(200);
    expect(initial.json()).toMatchObject({ enabled: true, leadDays: [30, 7, 1], onDueDay: true, overdueRepeatDays: 7, digest: 'daily' });

    const put = await t.request({
      method: 'PUT',
      url: '/api/me/reminder-preferences',
      headers: withJson(headers),
      payload: { leadDays: [14, 3], digest: 'weekly', sendHour: 7, timeZone: 'Pacific/Auckland' },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ leadDays: [14, 3], digest: 'weekly', sendHour: 7, timeZone: 'Pacific/Auckland', enabled: true });

    const bad = await t.request({
      method: 'PUT',
      url: '/api/me/reminder-preferences',
      headers: withJson(headers),
      payload: { sendHour: 24, timeZone: 'Mars/Olympus' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['sendHour', 'timeZone']);
  });

  it('creates, lists and deletes watches; a second watch of the same thing is the same watch', async () => {
    const headers = await signIn(t, 'viewer');
    const target = await commitmentId(t.db, 'AZ-US-2025-01');
    const first = await t.request({
      method: 'POST',
      url: '/api/watches',
      headers: withJson(headers),
      payload: { targetType: 'commitment', targetId: target },
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      targetType: 'commitment',
      targetId: target,
      label: 'AZ-US-2025-01 · Draft the Strategic Partnership Charter',
    });
    const again = await t.request({
      method: 'POST',
      url: '/api/watches',
      headers: withJson(headers),
      payload: { targetType: 'commitment', targetId: target },
    });
    expect(again.json().id).toBe(first.json().id);

    const list = await t.request({ method: 'GET', url: '/api/watches', headers });
    expect(list.json()).toHaveLength(1);

    const missing = await t.request({
      method: 'POST',
      url: '/api/watches',
      headers: withJson(headers),
      payload: { targetType: 'area', targetId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(missing.statusCode).toBe(404);

    const other = await signIn(t, 'viewer');
    // The commitment's page says whether the caller watches it; the answer kept for everyone must not say so.
    const watched = async (as: typeof headers) =>
      (await t.request({ method: 'GET', url: '/api/commitments/AZ-US-2025-01', headers: as })).json().watchedByMe;
    expect(await watched(headers)).toBe(true);
    expect(await watched(other)).toBe(false);
    expect(await watched(headers)).toBe(true);

    expect((await t.request({ method: 'DELETE', url: `/api/watches/${first.json().id}`, headers: other })).statusCode).toBe(404);
    expect((await t.request({ method: 'DELETE', url: `/api/watches/${first.json().id}`, headers })).statusCode).toBe(204);
    expect((await t.request({ method: 'GET', url: '/api/watches', headers })).json()).toEqual([]);
    expect(await watched(headers)).toBe(false);
  });

  it('refuses preferences and watches to anonymous callers', async () => {
    expect((await t.request({ method: 'GET', url: '/api/me/reminder-preferences' })).statusCode).toBe(401);
    expect((await t.request({ method: 'GET', url: '/api/watches' })).statusCode).toBe(401);
  });
});
