/**
 * A small Atom (RFC 4287) writer. Every text construct goes out as `type="text"` with its characters escaped, so
 * a status note or a title that looks like markup (`<img src=x onerror=…>`) reaches a feed reader as the words
 * typed, never as HTML it would render. Framework-free.
 */

export interface AtomHead {
  id: string;
  title: string;
  subtitle: string;
  /** The page the feed is about (rel="alternate"). */
  link: string;
  /** The feed's own address (rel="self"). */
  self: string;
  updated: Date;
  generator: string;
}

export interface AtomEntry {
  id: string;
  title: string;
  link: string;
  updated: Date;
  summary: string;
  author: string;
}

/** Characters XML 1.0 cannot hold at all (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF; lone surrogates). */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as XML character data (or an attribute value): markup characters escaped, characters XML forbids replaced by U+FFFD. */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const element = (name: string, text: string, indent: string) => `${indent}<${name}>${xmlText(text)}</${name}>`;
const textConstruct = (name: string, text: string, indent: string) => `${indent}<${name} type="text">${xmlText(text)}</${name}>`;
const link = (href: string, rel: string | null, indent: string) => `${indent}<link${rel ? ` rel="${rel}"` : ''} href="${xmlText(href)}"/>`;

export function renderAtom(head: AtomHead, entries: readonly AtomEntry[]): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    element('id', head.id, '    '),
    textConstruct('title', head.title, '    '),
    element('updated', head.updated.toISOString(), '    '),
    element('generator', head.generator, '    '),
    link(head.link, 'alternate', '    '),
    link(head.self, 'self', '    '),
    textConstruct('subtitle', head.subtitle, '    '),
  ];
  for (const entry of entries) {
    lines.push(
      '    <entry>',
      textConstruct('title', entry.title, '        '),
      element('id', entry.id, '        '),
      link(entry.link, null, '        '),
      element('updated', entry.updated.toISOString(), '        '),
      textConstruct('summary', entry.summary, '        '),
      '        <author>',
      element('name', entry.author, '            '),
      '        </author>',
      '    </entry>',
    );
  }
  lines.push('</feed>');
  return lines.join('\n');
}
