import type { ExtractionCandidate, ExtractOptions } from './types';

const CUE = /\b(shall|will|must|agreed to|pledged to|committed to|tasked with|is to|are to|is requested to|undertakes? to)\b/i;

/**
 * Proposes the commitments of a document: each sentence that obliges, promises or schedules
 * something, with its exact offsets. A first cut: sentences with a commitment cue.
 */
export function extractCommitments(text: string, _options: ExtractOptions = {}): ExtractionCandidate[] {
  const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  const out: ExtractionCandidate[] = [];
  for (const s of segmenter.segment(text)) {
    const trimmed = s.segment.trim();
    if (!trimmed) continue;
    const start = s.index + s.segment.indexOf(trimmed);
    const cue = CUE.exec(trimmed);
    if (!cue) continue;
    out.push({
      quote: trimmed,
      start,
      end: start + trimmed.length,
      title: trimmed,
      responsibleBody: null,
      partyCodes: [],
      areaSlugs: [],
      deadline: { kind: 'none' },
      locator: { article: null, paragraph: null },
      cue: cue[1].toLowerCase(),
    });
  }
  return out;
}
