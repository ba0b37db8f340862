/** The public contract of the extractor: what it reads and what it proposes. */

/** The workspace's parties and policy areas; the extractor only ever proposes these. */
export interface ExtractorCatalogue {
  /** e.g. { code: 'AZ', name: 'Azerbaijan', aliases: ['Azerbaijani', 'Baku'] } */
  parties: { code: string; name: string; aliases?: string[] }[];
  /** e.g. { slug: 'energy', name: 'Energy', keywords: ['oil', 'gas'] } */
  areas: { slug: string; name: string; keywords?: string[] }[];
}

/** The event a relative deadline counts from. */
export type AnchorKind = 'signing' | 'entry_into_force' | 'ratification' | 'other';

/** A deadline read from the text, in the four kinds Pactwatch keeps. */
export type ExtractedDeadline =
  | { kind: 'none' }
  | { kind: 'absolute'; date: string; precision: 'day' | 'month' | 'quarter' | 'year' }
  /** anchorPhrase: the event in the text's words, e.g. 'signing', "Israel's acceptance". */
  | { kind: 'relative'; duration: string; anchor: AnchorKind; anchorPhrase: string }
  | { kind: 'recurring'; every: string };

/** One proposed commitment. */
export interface ExtractionCandidate {
  /** The verbatim quote: text.slice(start, end) === quote (UTF-16 offsets, end exclusive). */
  quote: string;
  start: number;
  end: number;
  /** A proposed title, e.g. 'Draft a Strategic Partnership Charter'. */
  title: string;
  /** Who owes it, in words, e.g. 'joint working group'; null when the text does not say. */
  responsibleBody: string | null;
  /** Catalogue party codes and area slugs only, never invented. */
  partyCodes: string[];
  areaSlugs: string[];
  deadline: ExtractedDeadline;
  /**
   * Where the quote is: the article, section or clause heading it sits under ("Article 2",
   * "Section 3"), the paragraph's own number ("2." → 2) or else its 1-based place under that
   * heading, and the list item ("a", "ii") when it is one.
   */
  locator: { article: string | null; paragraph: number | null; item?: string | null };
  /** The modal or trigger that made it a commitment ('shall', 'tasked with', …). */
  cue: string;
}

export interface ExtractOptions {
  /** YYYY-MM-DD, the document's own date (signing or publication). */
  documentDate?: string;
  catalogue?: ExtractorCatalogue;
}
