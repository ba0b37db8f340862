import { DOMParser } from '@xmldom/xmldom';
import { AtomEntry, renderAtom, xmlText } from './atom';

/** Parses XML strictly: any well-formedness error fails the test. */
function parseXml(xml: string): Document {
  const problems: string[] = [];
  const report = (message: string) => problems.push(message);
  const doc = new DOMParser({ errorHandler: { warning: report, error: report, fatalError: report } }).parseFromString(xml, 'text/xml');
  expect(problems).toEqual([]);
  return doc as unknown as Document;
}

const all = (doc: Document, tag: string) => [...Array.from(doc.getElementsByTagName(tag))];
const first = (doc: Document, tag: string) => all(doc, tag)[0];

const head = {
  id: 'http://127.0.0.1:3000/api/feeds/changes.atom',
  title: 'Pactwatch: status changes',
  subtitle: 'Status updates',
  link: 'http://127.0.0.1:3000',
  self: 'http://127.0.0.1:3000/api/feeds/changes.atom',
  updated: new Date('2026-01-15T09:00:00Z'),
  generator: 'Pactwatch',
};

const entry = (overrides: Partial<AtomEntry>): AtomEntry => ({
  id: 'urn:uuid:1',
  title: 'AZ-US-2025-01: In progress',
  link: 'http://127.0.0.1:3000/commitments/AZ-US-2025-01',
  updated: new Date('2026-01-15T08:00:00Z'),
  summary: 'Draft the charter.',
  author: 'Ana Analyst',
  ...overrides,
});

describe('the Atom writer', () => {
  it('sends titles and summaries as text, so markup in a note reaches readers as the words typed', () => {
    const note = '<img src=x onerror=alert(1)> & <b>bold</b> ]]> "quoted"';
    const xml = renderAtom(head, [entry({ title: '<script>alert(1)</script>', summary: note, author: '<i>Ana</i>' })]);
    const doc = parseXml(xml);
    const summary = first(doc, 'summary');
    expect(summary.getAttribute('type')).toBe('text');
    expect(summary.textContent).toBe(note);
    const title = all(doc, 'title')[1];
    expect(title.getAttribute('type')).toBe('text');
    expect(title.textContent).toBe('<script>alert(1)</script>');
    expect(first(doc, 'name').textContent).toBe('<i>Ana</i>');
    for (const tag of ['img', 'script', 'b', 'i']) expect(all(doc, tag)).toHaveLength(0);
    expect(xml).not.toContain('type="html"');
    expect(xml).not.toContain('<img');
  });

  it('replaces characters XML cannot hold, so one stray control character cannot break the whole feed', () => {
    expect(xmlText('bell\u0007 tab\t lone \ud800 pair 👍')).toBe('bell\ufffd tab\t lone \ufffd pair 👍');
  });

  it('writes the feed head and one entry per item, with its link and author', () => {
    const xml = renderAtom(head, [entry({}), entry({ id: 'urn:uuid:2' })]);
    const doc = parseXml(xml);
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(true);
    expect(all(doc, 'id').map((node) => node.textContent)).toEqual([head.id, 'urn:uuid:1', 'urn:uuid:2']);
    const links = all(doc, 'link').map((node) => [node.getAttribute('rel') || null, node.getAttribute('href')]);
    expect(links).toEqual([
      ['alternate', head.link],
      ['self', head.self],
      [null, 'http://127.0.0.1:3000/commitments/AZ-US-2025-01'],
      [null, 'http://127.0.0.1:3000/commitments/AZ-US-2025-01'],
    ]);
    expect(all(doc, 'updated').map((node) => node.textContent)).toEqual([
      '2026-01-15T09:00:00.000Z',
      '2026-01-15T08:00:00.000Z',
      '2026-01-15T08:00:00.000Z',
    ]);
  });
});
