import type { QuoteState } from '@pactwatch/shared/contracts';

/** Whether a quote stands verbatim at its offsets, elsewhere in the text, or nowhere. */
export function quoteState(text: string, quote: string, start: number, end: number): Exclude<QuoteState, 'untied'> {
  if (quote.length > 0 && text.slice(start, end) === quote) return 'verified';
  if (quote.length > 0 && text.includes(quote)) return 'moved';
  return 'not_found';
}

/** Where the quote stands verbatim in a text, nearest the offset it had before; null if it does not. */
export function findVerbatim(text: string, quote: string, near: number): { start: number; end: number } | null {
  if (quote.length === 0) return null;
  let best: number | null = null;
  for (let index = text.indexOf(quote); index >= 0; index = text.indexOf(quote, index + 1)) {
    if (best === null || Math.abs(index - near) < Math.abs(best - near)) best = index;
  }
  return best === null ? null : { start: best, end: best + quote.length };
}

const words = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return (2 * shared) / (a.size + b.size);
}

function sentences(text: string): { start: number; end: number }[] {
  const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  const out: { start: number; end: number }[] = [];
  for (const segment of segmenter.segment(text)) {
    const trimmed = segment.segment.trimEnd();
    const lead = segment.segment.length - segment.segment.trimStart().length;
    if (trimmed.trim().length > 0) out.push({ start: segment.index + lead, end: segment.index + trimmed.length });
  }
  return out;
}

/**
 * The passage of a newer text that most resembles a quote that is no longer there verbatim: runs of as many
 * sentences as the quote has, scored by the words they share (Dice). Null when nothing shares half its words.
 */
export function closestPassage(text: string, quote: string, threshold = 0.5): { start: number; end: number; text: string } | null {
  const target = words(quote);
  const span = Math.max(1, sentences(quote).length);
  const all = sentences(text);
  let best: { start: number; end: number; score: number } | null = null;
  for (let index = 0; index + span <= all.length; index++) {
    const start = all[index].start;
    const end = all[index + span - 1].end;
    const score = dice(target, words(text.slice(start, end)));
    if (!best || score > best.score) best = { start, end, score };
  }
  if (!best || best.score < threshold) return null;
  return { start: best.start, end: best.end, text: text.slice(best.start, best.end) };
}
