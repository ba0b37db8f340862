import type { AgreementDto, CommitmentDetailDto } from '@pactwatch/shared/contracts';
import { DOMParser } from '@xmldom/xmldom';
import * as ical from 'node-ical';
import { startTestApp, TestApp } from '../../../support/test-app';
import { Api, created, expectStatus, signedIn } from './fixtures';

const XSS = '<img src=x onerror=alert(1)>';

function parseXml(xml: string): Document {
  const problems: string[] = [];
  const report = (message: string) => problems.push(message);
  const doc = new DOMParser({ errorHandler: { warning: report, error: report, fatalError: report } }).parseFromString(xml, 'text/xml');
  expect(problems).toEqual([]);
  return doc as unknown as Document;
}

describe('what the feeds contain, and how strictly they are written', () => {
  let t: TestApp;
  let analyst: Api;
  let viewer: Api;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-03T09:00:00Z' });
    analyst = (await signedIn(t, 'analyst')).api;
    viewer = (await signedIn(t, 'viewer')).api;
    const agreement = await created<AgreementDto>(analyst.post('/api/agreements', { title: 'Feed agreement', kind: 'mou' }));
    const make = async (refCode: string, title: string, date: string, status = 'in_progress') => {
      const commitment = await created<CommitmentDetailDto>(
        analyst.post('/api/commitments', {
          refCode,
          title,
          agreementId: agreement.id,
          deadline: { kind: 'absolute', date, precision: 'day' },
          status,
          progress: status === 'completed' ? 100 : 10,
        }),
      );
      ids.set(refCode, commitment.id);
      return commitment;
    };
    await make('OLD-OVERDUE', 'Overdue for two years', '2024-11-01');
    await make('RECENT-OVERDUE', 'Overdue since last month', '2026-11-10');
    await make('FAR-AHEAD', 'Due in about three years', '2029-12-31');
    await make('DONE', 'Completed long ago', '2025-01-01', 'completed');
    await make('ABANDONED', 'Not pursued', '2027-03-01', 'not_pursued');
    await make(
      'LONG-TITLE',
      'Élargir le corridor de transit — ✓ 📅 ' + 'Zangezur «Trump Route» ünd Grenzübergänge '.repeat(4) + 'ß€𝄞',
      '2027-01-10',
    );
    const detail = await analyst.json<CommitmentDetailDto>('/api/commitments/RECENT-OVERDUE');
    await created(
      analyst.post(`/api/commitments/${detail.id}/status-updates`, { status: 'at_risk', progress: 20, note: XSS, version: detail.version }),
    );
  });
  afterAll(() => t.close());

  describe('the Atom feed of status changes', () => {
    it('sends the summary as text, so a note that looks like HTML is never HTML', async () => {
      const response = await viewer.get('/api/feeds/changes.atom');
      expectStatus(response, 200);
      expect(response.body).not.toContain('<img');
      expect(response.body).not.toContain('type="html"');
      const doc = parseXml(response.body);
      const entries = Array.from(doc.getElementsByTagName('entry'));
      const entry = entries.find((node) =>
        node.getElementsByTagName('title')[0].textContent?.startsWith('RECENT-OVERDUE: In progress → At risk'),
      );
      const summary = entry?.getElementsByTagName('summary')[0];
      expect(summary?.getAttribute('type')).toBe('text');
      expect(summary?.textContent).toBe(`Overdue since last month. Effective 2026-12-03. ${XSS}`);
      expect(doc.getElementsByTagName('img')).toHaveLength(0);
      for (const node of entries) expect(node.getElementsByTagName('title')[0].getAttribute('type')).toBe('text');
    });
  });

  describe('the iCalendar feed', () => {
    let body: string;
    beforeAll(async () => {
      const response = await viewer.get('/api/feeds/deadlines.ics');
      expectStatus(response, 200);
      body = response.body;
    });
    const uids = (text: string) =>
      Object.values(ical.sync.parseICS(text))
        .filter((component): component is ical.VEvent => component?.type === 'VEVENT')
        .map((event) => event.uid);
    const uid = (ref: string) => `commitment-${ids.get(ref)}@pactwatch`;

    it('holds every open commitment with a due date: long overdue, recently overdue and years ahead', () => {
      expect(uids(body).sort()).toEqual(['OLD-OVERDUE', 'RECENT-OVERDUE', 'FAR-AHEAD', 'LONG-TITLE'].map(uid).sort());
    });

    it('shows completed or abandoned commitments only when the filter asks for those statuses', async () => {
      const closed = await viewer.get('/api/feeds/deadlines.ics?status=completed,not_pursued');
      expect(uids(closed.body).sort()).toEqual(['DONE', 'ABANDONED'].map(uid).sort());
    });

    it('writes REFRESH-INTERVAL with its VALUE parameter once', () => {
      const lines = body.split('\r\n');
      expect(lines.filter((line) => line.startsWith('REFRESH-INTERVAL'))).toEqual(['REFRESH-INTERVAL;VALUE=DURATION:PT1H']);
    });

    it('folds every line at 75 octets, the continuation space included, without splitting a UTF-8 character', () => {
      expect(body.endsWith('\r\n')).toBe(true);
      const lines = body.slice(0, -2).split('\r\n');
      expect(lines.filter((line) => Buffer.byteLength(line, 'utf8') > 75)).toEqual([]);
      expect(lines.some((line) => line.startsWith(' '))).toBe(true);
      // Every physical line is whole UTF-8 on its own: re-encoding it changes nothing.
      const raw = Buffer.from(body, 'utf8');
      let start = 0;
      for (let at = raw.indexOf('\r\n'); at !== -1; at = raw.indexOf('\r\n', start)) {
        const line = raw.subarray(start, at);
        expect(line.length).toBeLessThanOrEqual(75);
        expect(Buffer.from(line.toString('utf8'), 'utf8').equals(line)).toBe(true);
        start = at + 2;
      }
    });

    it('parses back with node-ical to the same long title', async () => {
      const detail = await viewer.json<CommitmentDetailDto>('/api/commitments/LONG-TITLE');
      const event = Object.values(ical.sync.parseICS(body)).find(
        (component): component is ical.VEvent => component?.type === 'VEVENT' && component.uid === uid('LONG-TITLE'),
      );
      expect(event?.summary).toBe(`LONG-TITLE: ${detail.title}`);
    });
  });
});
