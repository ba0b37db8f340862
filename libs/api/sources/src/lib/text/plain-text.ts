/**
 * The extracted plain text every offset counts into: LF line ends, no BOM, no trailing spaces, one blank line
 * between paragraphs. Offsets are UTF-16 code units (JavaScript string indices), the same on the API and the page.
 */
export interface Paragraph {
  start: number;
  end: number;
  /** The article or clause number the paragraph falls under ("1", "4.2", "IV"), when the text has them. */
  article: string | null;
}

/** Normalises text as Pactwatch stores it. Paragraph breaks are kept as one blank line. */
export function normaliseText(raw: string): string {
  return (
    raw
      .replace(/^\uFEFF/, '')
      .replace(/\r\n?/g, '\n')
      // Form feeds (page breaks) and NULs carry nothing a reader sees.
      .replace(/[\f\0]/g, '\n')
      .replace(/\u00A0/g, ' ')
      .replace(/[ \t]+$/gm, '')
      .replace(/\n{3,}/g, '\n\n')
      .replace(/^\n+/, '')
      .replace(/\s+$/, '')
  );
}

/** An article heading at the start of a paragraph: "Article 4", "ARTICLE IV", "Art. 2", "Section 3", "Clause 5.1". */
const HEADING = /^(?:article|art\.|section|clause|paragraph|§)\s*([0-9]+(?:\.[0-9]+)*[a-z]?|[IVXLC]+)\b/i;
/** A numbered paragraph: "1.", "2.3", "(4)", "4)". */
const NUMBERED = /^(?:\(([0-9]+[a-z]?)\)|([0-9]+(?:\.[0-9]+)*)[.)]?)\s+\S/;

/** The paragraphs of normalised text, each with the article it falls under (a heading carries over to what follows). */
export function paragraphsOf(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let heading: string | null = null;
  let numbered: string | null = null;
  const pattern = /[^\n](?:[^\n]|\n(?!\n))*/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const body = match[0];
    const title = HEADING.exec(body);
    const number = title ? null : NUMBERED.exec(body);
    if (title) {
      heading = title[1];
      numbered = null;
    } else if (number) numbered = number[1] ?? number[2];
    // Under an article heading, a numbered paragraph is that article's paragraph: "4(1)"; without one it is its own number.
    const article = heading && numbered ? `${heading}(${numbered})` : (heading ?? numbered);
    paragraphs.push({ start: match.index, end: match.index + body.length, article });
  }
  return paragraphs;
}

/** The paragraph (1-based) holding an offset, and its article. */
export function locate(paragraphs: Paragraph[], offset: number): { paragraph: number | null; article: string | null } {
  const index = paragraphs.findIndex((paragraph) => offset >= paragraph.start && offset < paragraph.end);
  if (index < 0) return { paragraph: null, article: null };
  return { paragraph: index + 1, article: paragraphs[index].article };
}
