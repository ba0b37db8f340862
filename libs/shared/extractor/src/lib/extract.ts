import { catalogueMatcher } from './catalogue';
import { judgeSentence } from './cues';
import { readDeadline, timeSpans } from './deadline';
import { segmentText } from './segment';
import { isCollectiveBody, titleAndBody } from './title';
import type { ExtractionCandidate, ExtractOptions } from './types';

/** ", according to a statement from the ministry." / ", the minister said." at the end of a sentence. */
const TRAILING_ATTRIBUTION =
  /,\s*(?:according\s+to\b[^,;]*|(?:the\s+|a\s+|an\s+)?[\p{L}\s'’-]{0,60}?\b(?:said|says|told\s+[\p{L}\s]{1,30}|added|announced|stated|confirmed|reported|noted|wrote)(?:\s+(?:on\s+\w+|in\s+a\s+statement|today|yesterday|late\s+on\s+\w+))?)\s*[.!]?["”’']?\s*$/u;

/**
 * Proposes the commitments of a document: each sentence (or clause) that obliges, promises or
 * schedules something, with its verbatim quote and exact offsets, a title, the responsible body,
 * catalogue parties and areas, the deadline it sets and where it is (article, paragraph).
 * Pure and deterministic: the same text and options always give the same candidates. Never throws
 * on any string.
 */
export function extractCommitments(text: string, options: ExtractOptions = {}): ExtractionCandidate[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const documentDate = options.documentDate && /^\d{4}-\d{2}-\d{2}$/.test(options.documentDate) ? options.documentDate : undefined;
  const documentYear = documentDate ? Number(documentDate.slice(0, 4)) : null;
  const catalogue = catalogueMatcher(options.catalogue, text);
  const out: ExtractionCandidate[] = [];

  for (const sentence of segmentText(text)) {
    if (sentence.heading) continue;
    // One candidate per sentence: "X will …, and Y are to …" is one commitment to review.
    {
      let body = sentence.text;
      let start = sentence.start;
      // Trim white space and a trailing attribution; the quote keeps its closing full stop.
      const lead = body.length - body.trimStart().length;
      body = body.trim();
      start += lead;
      const attribution = TRAILING_ATTRIBUTION.exec(body);
      if (attribution && attribution.index > 20) body = body.slice(0, attribution.index);
      if (body.length === 0) continue;

      const reading = readDeadline(body, documentDate);
      const judgement = judgeSentence(body, {
        leadIn: sentence.leadIn?.text ?? null,
        documentYear,
        hasDeadline: reading.deadline.kind !== 'none',
      });
      if (!judgement.cue) continue;
      // A lead-in such as "The Parties shall:" is not a commitment of its own when items follow.
      if (sentence.introducesList && /:\s*$/.test(body) && body.length < 160) continue;

      const spans = timeSpans(body, documentDate);
      const { title, responsibleBody } = titleAndBody(body, judgement.cue, spans);
      const leadBody =
        judgement.cue.start < 0 && sentence.leadIn
          ? titleAndBody(sentence.leadIn.text, judgeSentence(sentence.leadIn.text).cue, []).responsibleBody
          : null;
      const owner = responsibleBody ?? leadBody;
      let partyCodes = owner ? catalogue.parties(owner) : [];
      if (partyCodes.length === 0 && isCollectiveBody(owner)) partyCodes = catalogue.partyCodes;
      if (partyCodes.length === 0) partyCodes = catalogue.parties(body);
      out.push({
        quote: body,
        start,
        end: start + body.length,
        title,
        responsibleBody: owner,
        partyCodes,
        areaSlugs: catalogue.areas(body),
        deadline: reading.deadline,
        locator: { article: sentence.article, paragraph: sentence.paragraph, item: sentence.item },
        cue: judgement.cue.cue,
      });
    }
  }
  return out;
}
