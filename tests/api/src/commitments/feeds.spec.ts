import type { CommitmentDetailDto, CommitmentSummaryDto, CreatedFeedTokenDto } from '@pactwatch/shared/contracts';
import * as ical from 'node-ical';
import { startTestApp, TestApp } from '../../../support/test-app';
import { Api, created, expectStatus, listAll, signedIn } from './fixtures';

function events(body: string): ical.VEvent[] {
  return Object.values(ical.sync.parseICS(body)).filter((component): component is ical.VEvent => component?.type === 'VEVENT');
}

/** YYYY-MM-DD of an all-day DTSTART as node-ical gives it. */
function day(date: ical.DateWithTimeZone): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

describe('feeds: iCalendar deadlines and Atom status changes', () => {
  let t: TestApp;
  let api: Api;
  let all: CommitmentSummaryDto[];

  beforeAll(async () => {
    t = await startTestApp({ demo: true, now: '2026-01-15T09:00:00Z' });
    api = (await signedIn(t, 'viewer')).api;
    all = await listAll(api);
  });
  afterAll(() => t.close());

  /** What a calendar holds by default: every open commitment with a due date, however far back or ahead. */
  const OPEN = ['not_started', 'in_progress', 'at_risk', 'stalled'];
  const inWindow = (item: CommitmentSummaryDto) => item.dueDate !== null && OPEN.includes(item.status);

  it('serves an iCalendar that a real parser reads, with one all-day event per deadline in the window', async () => {
    const response = await api.get('/api/feeds/deadlines.ics');
    expectStatus(response, 200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const parsed = events(response.body);
    const withDeadline = all.filter(inWindow);
    expect(withDeadline.length).toBeGreaterThan(3);
    expect(parsed).toHaveLength(withDeadline.length);
    expect(new Set(parsed.map((event) => event.uid)).size).toBe(parsed.length);
    for (const item of withDeadline) {
      const event = parsed.find((e) => e.uid === `commitment-${item.id}@pactwatch`);
      expect(event?.datetype).toBe('date');
      expect(day(event?.start as ical.DateWithTimeZone)).toBe(item.dueDate);
      expect(event?.summary).toBe(`${item.refCode}: ${item.title}`);
    }
    const charter = parsed.find((event) => String(event.summary).startsWith('AZ-US-2025-01:'));
    expect(charter?.description).toContain('6 months after MoU signed (8 Aug 2025) → 8 Feb 2026');
    expect(JSON.stringify(charter?.url)).toContain('/commitments/AZ-US-2025-01');
  });

  it('holds every open commitment with a due date, overdue ones included, and dueFrom or dueTo narrow it', async () => {
    const uids = async (query: string) => events((await api.get(`/api/feeds/deadlines.ics${query}`)).body).map((event) => event.uid);
    const uid = (item: CommitmentSummaryDto) => `commitment-${item.id}@pactwatch`;
    const overdue = all.filter((item) => inWindow(item) && item.flags.includes('overdue'));
    const closed = all.filter((item) => item.dueDate !== null && !OPEN.includes(item.status));
    expect(overdue.length).toBeGreaterThan(0);
    expect(closed.map((item) => item.refCode)).toContain('AZ-US-2025-01.1');
    const feed = await uids('');
    expect(feed).toEqual(expect.arrayContaining(overdue.map(uid)));
    for (const item of closed) expect(feed).not.toContain(uid(item));
    expect(feed.sort()).toEqual(all.filter(inWindow).map(uid).sort());
    expect(await uids('?dueTo=2026-01-15')).toEqual(
      all
        .filter((item) => inWindow(item) && (item.dueDate as string) <= '2026-01-15')
        .sort((a, b) => (a.dueDate as string).localeCompare(b.dueDate as string) || a.id.localeCompare(b.id))
        .map(uid),
    );
  });

  it('answers 304 to a client whose copy is current, and a new calendar once anything changed', async () => {
    const first = await api.get('/api/feeds/deadlines.ics?area=energy');
    const etag = first.headers['etag'] as string;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    const again = await api.request('GET', '/api/feeds/deadlines.ics?area=energy', undefined, { 'if-none-match': etag });
    expectStatus(again, 304);
    expect(again.body).toBe('');
    expect(again.headers['etag']).toBe(etag);
    expect((await api.get('/api/feeds/deadlines.ics?area=trade')).headers['etag']).not.toBe(etag);

    const analyst = (await signedIn(t, 'analyst')).api;
    const item = all.find((c) => inWindow(c) && c.areas.some((area) => area.slug === 'energy')) as CommitmentSummaryDto;
    const detail = await analyst.json<CommitmentDetailDto>(`/api/commitments/${item.id}`);
    await created(analyst.patch(`/api/commitments/${item.id}`, { title: `${detail.title} (revised)`, version: detail.version }));
    const changed = await api.request('GET', '/api/feeds/deadlines.ics?area=energy', undefined, { 'if-none-match': etag });
    expectStatus(changed, 200);
    expect(changed.headers['etag']).not.toBe(etag);
    const event = events(changed.body).find((e) => e.uid === `commitment-${item.id}@pactwatch`);
    expect(event?.summary).toBe(`${item.refCode}: ${detail.title} (revised)`);
  });

  it('takes the list filters, e.g. ?area=energy', async () => {
    const energy = all.filter((item) => inWindow(item) && item.areas.some((area) => area.slug === 'energy'));
    const parsed = events((await api.get('/api/feeds/deadlines.ics?area=energy')).body);
    expect(parsed.map((event) => event.uid).sort()).toEqual(energy.map((item) => `commitment-${item.id}@pactwatch`).sort());
    expect(events((await api.get('/api/feeds/deadlines.ics?flag=overdue,due_today')).body)).toHaveLength(2);
    expectStatus(await api.get('/api/feeds/deadlines.ics?flag=someday'), 400);
  });

  it('lets a calendar app subscribe with a feed link’s token in the URL', async () => {
    const token = await created<CreatedFeedTokenDto>(
      api.post('/api/me/feed-tokens', { name: 'Calendar', feed: 'deadlines', filter: { area: 'energy' } }),
    );
    const response = await t.request({ method: 'GET', url: `/api/feeds/deadlines.ics?area=energy&token=${token.token}` });
    expectStatus(response, 200);
    expect(events(response.body).length).toBeGreaterThan(0);
    expectStatus(await t.request({ method: 'GET', url: '/api/feeds/deadlines.ics' }), 401);
  });

  it('serves an Atom feed of status changes, newest first, for any filter', async () => {
    const analyst = (await signedIn(t, 'analyst', 'Ana Analyst')).api;
    const charter = await analyst.json<CommitmentDetailDto>('/api/commitments/AZ-US-2025-01');
    await created(
      analyst.post(`/api/commitments/${charter.id}/status-updates`, {
        status: 'at_risk',
        progress: 35,
        note: 'Talks slowed down',
        version: charter.version,
      }),
    );
    const response = await api.get('/api/feeds/changes.atom');
    expectStatus(response, 200);
    expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(response.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\s*<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
    const entries = response.body.split('<entry>').slice(1);
    const [history] = await t.db.dataSource.query(`SELECT count(*)::int AS count FROM status_updates`);
    expect(entries.length).toBe(history.count);
    expect(entries[0]).toContain('AZ-US-2025-01: In progress → At risk (35%)');
    expect(entries[0]).toContain('Talks slowed down');
    expect(entries[0]).toContain('<name>Ana Analyst</name>');
    const filtered = (await api.get('/api/feeds/changes.atom?party=AM')).body.split('<entry>').slice(1);
    expect(filtered.length).toBe(1);
    expect(filtered[0]).toContain('AM-AZ-US-2025-01');
  });
});
