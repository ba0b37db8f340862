import type { DeadlineSpec, DraftDeadline } from '@pactwatch/shared/contracts';
import type { AnchorKind, ExtractedDeadline, ExtractionCandidate } from '@pactwatch/shared/extractor';

export interface AnchorChoice {
  anchorEventId: string | null;
  newAnchorName: string | null;
}

/** Words that name each kind of anchor event in an agreement's anchor names ("MoU signed", "Entry into force"). */
const KIND_PATTERNS: Record<Exclude<AnchorKind, 'other'>, RegExp> = {
  signing: /\bsign(ed|ing|ature)?\b/i,
  entry_into_force: /\b(entry into force|enter(s|ed)? into force|in force|effective)\b/i,
  ratification: /\bratif(y|ied|ication)\b/i,
};

const DOCUMENT_DATE = /\bdocument'?s (own )?date\b/i;

const NEW_NAMES: Record<Exclude<AnchorKind, 'other'>, string> = {
  signing: 'Signed',
  entry_into_force: 'Entry into force',
  ratification: 'Ratification',
};

const significant = (text: string) =>
  (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter(
    (word) => word.length > 3 && !['after', 'from', 'with', 'within', 'that', 'this', 'their', 'days', 'months'].includes(word),
  );

/**
 * The agreement's anchor event a relative deadline counts from: signing ↔ the anchor whose name says "signed",
 * entry into force ↔ "entry into force", ratification ↔ "ratified"; another event by the words its phrase
 * shares with an anchor's name. With no match, a new pending anchor event named after the phrase.
 */
export function proposeAnchor(
  anchor: AnchorKind,
  phrase: string,
  anchors: { id: string; name: string; occurredOn?: string | null }[],
  documentDate?: string,
): AnchorChoice {
  // "Within six months" with no event named counts from the document's own date: the agreement's event on that
  // day (a news report of a signing is dated the day of the signing), else its signing.
  if (anchor === 'other' && DOCUMENT_DATE.test(phrase)) {
    const dated = documentDate ? anchors.find((event) => event.occurredOn === documentDate) : undefined;
    const signed = anchors.find((event) => KIND_PATTERNS.signing.test(event.name));
    const match = dated ?? signed;
    return match ? { anchorEventId: match.id, newAnchorName: null } : { anchorEventId: null, newAnchorName: 'Document date' };
  }
  if (anchor !== 'other') {
    const match = anchors.find((event) => KIND_PATTERNS[anchor].test(event.name));
    return match ? { anchorEventId: match.id, newAnchorName: null } : { anchorEventId: null, newAnchorName: NEW_NAMES[anchor] };
  }
  const wanted = significant(phrase);
  let best: { id: string; shared: number } | null = null;
  for (const event of anchors) {
    const names = new Set(significant(event.name));
    const shared = wanted.filter((word) => names.has(word)).length;
    if (shared > 0 && (!best || shared > best.shared)) best = { id: event.id, shared };
  }
  if (best) return { anchorEventId: best.id, newAnchorName: null };
  const name = phrase.trim().replace(/^(the|a|an)\s+/i, '');
  return { anchorEventId: null, newAnchorName: (name.charAt(0).toUpperCase() + name.slice(1)).slice(0, 200) || 'Pending event' };
}

/** The draft deadline of an extracted one; a recurring cadence starts at the document's date. */
export function draftDeadline(deadline: ExtractedDeadline, documentDate: string): DraftDeadline {
  switch (deadline.kind) {
    case 'none':
      return { kind: 'none' };
    case 'absolute':
      return { kind: 'absolute', date: deadline.date, precision: deadline.precision };
    case 'relative':
      return { kind: 'relative', duration: deadline.duration };
    case 'recurring':
      return { kind: 'recurring', interval: deadline.every, start: documentDate };
  }
}

/** The fields of a candidate row from what the extractor found. */
export function draftFromExtraction(
  candidate: ExtractionCandidate,
  documentDate: string,
  anchors: { id: string; name: string; occurredOn?: string | null }[],
): { deadline: DraftDeadline; anchor: AnchorChoice; anchorPhrase: string | null } {
  const deadline = draftDeadline(candidate.deadline, documentDate);
  if (candidate.deadline.kind !== 'relative') return { deadline, anchor: { anchorEventId: null, newAnchorName: null }, anchorPhrase: null };
  return {
    deadline,
    anchor: proposeAnchor(candidate.deadline.anchor, candidate.deadline.anchorPhrase, anchors, documentDate),
    anchorPhrase: candidate.deadline.anchorPhrase,
  };
}

/** The commitment's deadline spec once the anchor exists. */
export function deadlineSpec(deadline: DraftDeadline, anchorEventId: string | null): DeadlineSpec {
  switch (deadline.kind) {
    case 'relative':
      return { kind: 'relative', duration: deadline.duration, anchorEventId: anchorEventId ?? '' };
    case 'recurring':
      return deadline.start || !anchorEventId
        ? { kind: 'recurring', interval: deadline.interval, start: deadline.start }
        : { kind: 'recurring', interval: deadline.interval, anchorEventId };
    default:
      return deadline;
  }
}

/** A title that fits: the extractor's, cut at a word boundary to 300 characters. */
export function fitTitle(title: string): string {
  const clean = title.replace(/\s+/g, ' ').trim();
  if (clean.length <= 300) return clean;
  return `${clean.slice(0, 297).replace(/\s+\S*$/, '')}…`;
}

/** The next reference code after the agreement's existing ones ("AZ-US-2025-07" after "-06"), or PREFIX-01. */
export function nextRefCode(existing: string[], fallbackPrefix: string, taken: Set<string> = new Set()): string {
  let prefix = fallbackPrefix;
  let width = 2;
  let highest = 0;
  const counts = new Map<string, number>();
  for (const code of existing) {
    const match = /^(.*?)(\d+)$/.exec(code);
    if (match) counts.set(match[1], (counts.get(match[1]) ?? 0) + 1);
  }
  const common = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (common !== undefined) {
    prefix = common;
    for (const code of existing) {
      if (!code.startsWith(prefix)) continue;
      const digits = code.slice(prefix.length);
      if (/^\d+$/.test(digits)) {
        highest = Math.max(highest, Number(digits));
        width = Math.max(width, digits.length);
      }
    }
  } else if (!prefix.endsWith('-')) prefix = `${prefix}-`;
  const all = new Set([...existing, ...taken]);
  for (let next = highest + 1; ; next++) {
    const code = `${prefix}${String(next).padStart(width, '0')}`;
    if (!all.has(code)) return code;
  }
}
