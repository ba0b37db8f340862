import type { AuditEntryDto, Page, PartyDto } from '@pactwatch/shared/contracts';
import { startTestApp, TestApp } from '../../../support/test-app';
import { Api, created, expectStatus, signedIn } from './fixtures';

describe('GET /api/audit', () => {
  let t: TestApp;
  let analyst: Api;
  let admin: Api;
  let analystId: string;
  let party: PartyDto;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-01-15T09:00:00Z' });
    const signed = await signedIn(t, 'analyst', 'Ana Analyst');
    analyst = signed.api;
    analystId = signed.user.id;
    admin = (await signedIn(t, 'admin', 'Adam Admin')).api;
    party = await created<PartyDto>(analyst.post('/api/parties', { code: 'AZ', name: 'Azerbaijan' }));
    await analyst.patch(`/api/parties/${party.id}`, { name: 'Republic of Azerbaijan', version: 1 });
    await created(admin.post('/api/areas', { slug: 'energy', name: 'Energy' }));
  });
  afterAll(() => t.close());

  it('is for admins only', async () => {
    expectStatus(await analyst.get('/api/audit'), 403);
  });

  it('records who did what with the request id, newest first', async () => {
    const log = await admin.json<Page<AuditEntryDto>>('/api/audit?entityType=party');
    expect(log.items.map((entry) => entry.action)).toEqual(['update', 'create']);
    expect(log.items[0]).toMatchObject({
      actorId: analystId,
      actorLabel: 'Ana Analyst',
      entityId: party.id,
      before: { name: 'Azerbaijan', version: 1 },
      after: { name: 'Republic of Azerbaijan', version: 2 },
    });
    const [row] = await t.db.dataSource.query(`SELECT request_id FROM audit_log WHERE entity_id = $1 AND action = 'update'`, [party.id]);
    expect(row.request_id).toMatch(/^[\w-]{8,}$/);
  });

  it('filters by user, entity and day, and pages', async () => {
    expect(
      (await admin.json<Page<AuditEntryDto>>(`/api/audit?user=${analystId}`)).items.every((entry) => entry.actorId === analystId),
    ).toBe(true);
    expect((await admin.json<Page<AuditEntryDto>>(`/api/audit?entityId=${party.id}`)).total).toBe(2);
    const [area] = (await admin.json<Page<AuditEntryDto>>('/api/audit?entityType=policy_area')).items;
    const day = area.at.slice(0, 10); // the workspace time zone is UTC
    expect((await admin.json<Page<AuditEntryDto>>(`/api/audit?from=${day}&to=${day}&entityType=policy_area`)).total).toBe(1);
    expect((await admin.json<Page<AuditEntryDto>>('/api/audit?to=2000-01-01')).total).toBe(0);
    const page = await admin.json<Page<AuditEntryDto>>('/api/audit?pageSize=1&page=2&entityType=party');
    expect(page).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(page.items[0].action).toBe('create');
  });

  it('names bad filters', async () => {
    const response = await admin.get('/api/audit?user=x&from=2026-13-01&pageSize=500');
    expectStatus(response, 400);
    expect(new Set((response.json().errors as { field: string }[]).map((e) => e.field))).toEqual(new Set(['user', 'from', 'pageSize']));
  });
});
