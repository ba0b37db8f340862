import type {
  AgreementDto,
  AnchorEventDetailDto,
  CommitmentDetailDto,
  CommitmentSummaryDto,
  CreateCommitmentRequest,
  Page,
} from '@pactwatch/shared/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { AuthHeaders, createUser, sessionHeaders, TestUser } from '../../../support/auth';
import type { TestApp } from '../../../support/test-app';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** A small client for one signed-in caller: `api.get(url)`, `api.post(url, body)`, … */
export interface Api {
  headers: AuthHeaders;
  request(method: Method, url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, payload: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
  /** GET that must answer 200; returns the JSON body. */
  json<T>(url: string): Promise<T>;
}

export function apiFor(t: TestApp, headers: AuthHeaders): Api {
  const request = (method: Method, url: string, payload?: unknown, extra: Record<string, string> = {}) =>
    t.request({
      method,
      url,
      headers: payload === undefined ? { ...headers, ...extra } : { 'content-type': 'application/json', ...headers, ...extra },
      payload: payload === undefined ? undefined : typeof payload === 'string' ? payload : JSON.stringify(payload),
    });
  return {
    headers,
    request,
    get: (url) => request('GET', url),
    post: (url, payload) => request('POST', url, payload ?? {}),
    patch: (url, payload) => request('PATCH', url, payload),
    delete: (url) => request('DELETE', url),
    json: async <T>(url: string) => {
      const response = await request('GET', url);
      if (response.statusCode !== 200) throw new Error(`GET ${url} -> ${response.statusCode} ${response.body}`);
      return response.json() as T;
    },
  };
}

/** Creates a user with the role and returns a client signed in as them. */
export async function signedIn(
  t: TestApp,
  role: 'viewer' | 'analyst' | 'admin',
  displayName?: string,
): Promise<{ user: TestUser; api: Api }> {
  const user = await createUser(t, { role, displayName });
  return { user, api: apiFor(t, await sessionHeaders(t, user.id)) };
}

export function expectStatus(response: LightMyRequestResponse, status: number): void {
  if (response.statusCode !== status) throw new Error(`expected ${status}, got ${response.statusCode}: ${response.body.slice(0, 600)}`);
}

export async function created<T>(response: Promise<LightMyRequestResponse>): Promise<T> {
  const settled = await response;
  if (settled.statusCode !== 201 && settled.statusCode !== 200)
    throw new Error(`expected 201, got ${settled.statusCode}: ${settled.body.slice(0, 600)}`);
  return settled.json() as T;
}

/** Every commitment the list returns for a query string, over all pages. */
export async function listAll(api: Api, query = ''): Promise<CommitmentSummaryDto[]> {
  const items: CommitmentSummaryDto[] = [];
  for (let page = 1; ; page += 1) {
    const separator = query ? '&' : '';
    const body = await api.json<Page<CommitmentSummaryDto>>(`/api/commitments?${query}${separator}page=${page}&pageSize=200`);
    items.push(...body.items);
    if (items.length >= body.total || body.items.length === 0) return items;
  }
}

export const refs = (items: { refCode: string }[]) => items.map((item) => item.refCode);
export const sortedRefs = (items: { refCode: string }[]) => refs(items).sort();

export async function countRows(t: TestApp, table: string): Promise<number> {
  const [row] = await t.db.dataSource.query(`SELECT count(*)::int AS count FROM ${table}`);
  return row.count;
}

/** Row counts of every table a commitments write touches: equal before and after means nothing was written. */
export async function snapshotCounts(t: TestApp): Promise<Record<string, number>> {
  const tables = [
    'commitments',
    'status_updates',
    'evidence_links',
    'audit_log',
    'agreements',
    'anchor_events',
    'anchor_event_changes',
    'parties',
    'policy_areas',
    'commitment_parties',
    'commitment_areas',
  ];
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = await countRows(t, table);
  return counts;
}

/**
 * A deterministic fixture for the list, the flags and the dashboard, for today = 2026-01-15 (UTC).
 * Built through the API (as an analyst), except that F-09's last verification is back-dated in
 * the database to make it stale.
 */
export interface ListFixture {
  agreementA: AgreementDto;
  agreementB: AgreementDto;
  pending: AnchorEventDetailDto;
  signing: AnchorEventDetailDto;
  byRef: Map<string, CommitmentDetailDto>;
  alice: TestUser;
  bob: TestUser;
}

export async function buildListFixture(t: TestApp, api: Api): Promise<ListFixture> {
  const alice = await createUser(t, { role: 'analyst', displayName: 'Alice Analyst' });
  const bob = await createUser(t, { role: 'analyst', displayName: 'Bob Analyst' });
  for (const [code, name] of [
    ['AZ', 'Azerbaijan'],
    ['US', 'United States'],
    ['AM', 'Armenia'],
  ]) {
    await created(api.post('/api/parties', { code, name }));
  }
  for (const [slug, name] of [
    ['energy', 'Energy'],
    ['trade', 'Trade'],
    ['transit', 'Transit'],
    ['digital-infrastructure', 'Digital infrastructure'],
  ]) {
    await created(api.post('/api/areas', { slug, name }));
  }
  const agreementA = await created<AgreementDto>(
    api.post('/api/agreements', { title: 'Fixture memorandum A', kind: 'mou', signedOn: '2025-08-08', partyCodes: ['AZ', 'US'] }),
  );
  const agreementB = await created<AgreementDto>(
    api.post('/api/agreements', { title: 'Fixture declaration B', kind: 'joint_declaration', partyCodes: ['AM'] }),
  );
  const signing = await created<AnchorEventDetailDto>(
    api.post('/api/anchor-events', { agreementId: agreementA.id, name: 'A signed', occurredOn: '2025-08-08' }),
  );
  const pending = await created<AnchorEventDetailDto>(api.post('/api/anchor-events', { agreementId: agreementB.id, name: 'B ratified' }));

  const base = (
    refCode: string,
    title: string,
    agreementId: string,
  ): Pick<CreateCommitmentRequest, 'refCode' | 'title' | 'agreementId'> => ({
    refCode,
    title,
    agreementId,
  });
  const specs: (CreateCommitmentRequest & { statusAfter?: { status: CreateCommitmentRequest['status']; progress: number } })[] = [
    {
      ...base('F-01', 'Open the gas interconnector', agreementA.id),
      description: 'An overdue pipeline commitment.',
      responsibleBody: 'Ministry of Energy',
      partyCodes: ['AZ'],
      areaSlugs: ['energy'],
      assigneeIds: [alice.id],
      deadline: { kind: 'absolute', date: '2026-01-10', precision: 'day' },
      status: 'in_progress',
      progress: 50,
    },
    {
      ...base('F-02', 'Publish tariff schedules', agreementA.id),
      responsibleBody: 'Joint working group',
      partyCodes: ['US'],
      areaSlugs: ['trade'],
      deadline: { kind: 'absolute', date: '2026-01-15', precision: 'day' },
    },
    {
      ...base('F-03', 'Pipeline feasibility charter', agreementA.id),
      description: 'A study of the Caspian pipeline, due within the week.',
      sourceQuote: 'The sides shall complete a feasibility study.',
      responsibleBody: 'Joint Working Group on energy',
      partyCodes: ['AZ', 'US'],
      areaSlugs: ['energy', 'trade'],
      assigneeIds: [bob.id],
      deadline: { kind: 'absolute', date: '2026-01-20', precision: 'day' },
      status: 'at_risk',
      progress: 40,
    },
    {
      ...base('F-04', 'Survey the transit route', agreementB.id),
      responsibleBody: 'Transport ministries',
      partyCodes: ['AM'],
      areaSlugs: ['transit'],
      deadline: { kind: 'absolute', date: '2026-02-10', precision: 'day' },
      status: 'stalled',
      progress: 10,
    },
    {
      ...base('F-05', 'Lay the digital backbone', agreementA.id),
      responsibleBody: 'Digital ministries',
      partyCodes: ['AZ', 'US'],
      areaSlugs: ['digital-infrastructure'],
      deadline: { kind: 'absolute', date: '2026-05-01', precision: 'quarter' },
      status: 'in_progress',
      progress: 20,
    },
    {
      ...base('F-06', 'Support dialogue', agreementB.id),
      partyCodes: ['US'],
      deadline: { kind: 'none' },
      status: 'in_progress',
      progress: 5,
    },
    {
      ...base('F-07', 'Open border crossings after ratification', agreementB.id),
      partyCodes: ['AM'],
      areaSlugs: ['transit'],
      deadline: { kind: 'relative', anchorEventId: pending.id, duration: 'P90D' },
    },
    {
      ...base('F-08', 'Name negotiators', agreementA.id),
      partyCodes: ['AZ'],
      deadline: { kind: 'absolute', date: '2025-12-01', precision: 'day' },
      status: 'completed',
      progress: 100,
    },
    {
      ...base('F-09', 'Harmonise customs codes', agreementA.id),
      responsibleBody: 'Customs services',
      partyCodes: ['AZ', 'US'],
      areaSlugs: ['trade'],
      deadline: { kind: 'absolute', date: '2026-12-31', precision: 'year' },
      status: 'in_progress',
      progress: 30,
    },
    {
      ...base('F-10', 'Build the abandoned terminal', agreementA.id),
      partyCodes: ['US'],
      areaSlugs: ['energy'],
      deadline: { kind: 'absolute', date: '2026-01-01', precision: 'day' },
      status: 'not_pursued',
      progress: 0,
    },
    {
      ...base('F-11', 'Renew the licence', agreementA.id),
      partyCodes: ['US'],
      areaSlugs: ['energy'],
      deadline: { kind: 'recurring', interval: 'P1Y', start: '2025-01-20' },
      status: 'in_progress',
      progress: 60,
    },
    {
      ...base('F-12', 'Draft the charter text', agreementA.id),
      partyCodes: ['AZ', 'US'],
      areaSlugs: ['trade'],
      deadline: { kind: 'relative', anchorEventId: signing.id, duration: 'P6M' },
      status: 'in_progress',
      progress: 10,
    },
  ];
  const byRef = new Map<string, CommitmentDetailDto>();
  for (const spec of specs) byRef.set(spec.refCode, await created<CommitmentDetailDto>(api.post('/api/commitments', spec)));
  // Sub-commitments of F-12, for rolled-up progress.
  for (const [refCode, progress] of [
    ['F-12.1', 100],
    ['F-12.2', 50],
  ] as const) {
    byRef.set(
      refCode,
      await created<CommitmentDetailDto>(
        api.post('/api/commitments', {
          refCode,
          title: `Charter milestone ${refCode}`,
          agreementId: agreementA.id,
          parentId: byRef.get('F-12')?.id,
          deadline: { kind: 'none' },
          status: progress === 100 ? 'completed' : 'in_progress',
          progress,
        }),
      ),
    );
  }
  await t.db.dataSource.query(`UPDATE commitments SET last_verified_on = '2025-09-01' WHERE ref_code = 'F-09'`);
  return { agreementA, agreementB, pending, signing, byRef, alice, bob };
}
