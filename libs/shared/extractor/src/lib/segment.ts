/**
 * Sentence and clause segmentation that keeps exact offsets into the original text.
 *
 * The text is first cut into paragraphs (blank lines, article and section headings, list items,
 * short title lines); lines wrapped inside a paragraph are joined. Each paragraph is then cut into
 * sentences with `Intl.Segmenter`, and sentences that the segmenter split after an abbreviation
 * ("U.S.", "No.", "Art.", "Mr.", "e.g.") are joined again. Every piece carries the article (or
 * section) it sits in, its paragraph number and its list item, so a candidate can say where it is.
 */

export interface Sentence {
  /** Offsets into the original text, end exclusive, trimmed of surrounding white space. */
  start: number;
  end: number;
  text: string;
  /** "Article 3", "Section 2", "Chapter IV": the heading the sentence sits under, if any. */
  article: string | null;
  /** The paragraph's own number ("2." → 2), else its 1-based place under its heading (or in the document). */
  paragraph: number | null;
  /** The list item's marker without brackets ("a", "ii", "3"), when the sentence is in one. */
  item: string | null;
  /** A title or heading line (no closing punctuation): never a commitment on its own. */
  heading: boolean;
  /** Index of the paragraph the sentence belongs to. */
  block: number;
  /** When the paragraph is a list item under a lead-in ending with ':', that lead-in sentence. */
  leadIn: Sentence | null;
  /** The sentence is the lead-in of a list (ends with ':'). */
  introducesList: boolean;
}

interface Line {
  start: number;
  end: number;
  text: string;
}

interface Block {
  start: number;
  end: number;
  article: string | null;
  paragraph: number | null;
  item: string | null;
  heading: boolean;
  /** The block is a list item (its marker was stripped). */
  listItem: boolean;
}

const ROMAN = '[IVXLC]{1,7}';
const NUMBER_LABEL = `(?:\\d{1,4}[A-Za-z]?(?:[.-]\\d{1,4}[A-Za-z]?)*|${ROMAN}|[A-Z](?![a-z]))`;

/** "Article 1", "ARTICLE IV", "Art. 3", "Section 2", "Sec. 2.", "§ 4", "Chapter II", "Part 3", "Clause 7", "Rule 5". */
const HEADING = new RegExp(
  `^(Article|ARTICLE|Art\\.|ART\\.|Section|SECTION|Sec\\.|SEC\\.|§|Chapter|CHAPTER|Part|PART|Clause|CLAUSE|Rule|RULE|Annex|ANNEX|Paragraph|PARAGRAPH|Title|TITLE)\\s*(${NUMBER_LABEL})(?=$|[\\s.:)\\-–—])[.:]?`,
);
const HEADING_NAMES: Record<string, string> = {
  art: 'Article',
  article: 'Article',
  sec: 'Section',
  section: 'Section',
  '§': 'Section',
  chapter: 'Chapter',
  part: 'Part',
  clause: 'Clause',
  rule: 'Rule',
  annex: 'Annex',
  paragraph: 'Paragraph',
  title: 'Title',
};

/**
 * List markers at the start of a line: "(a)", "a)", "(iv)", "iv)", "(3)", "3)", "1.", "1.2.", "a.",
 * bullets. Returns the marker's length and label.
 */
const LIST_MARKER =
  /^(?:\((?<p>[a-z]{1,2}|[ivxlc]{1,6}|[A-Z]|\d{1,3})\)|(?<b>[a-z]|[ivxlc]{1,6}|\d{1,3})\)|(?<n>\d{1,3}(?:\.\d{1,3})*)\.(?=\s)|(?<l>[a-z])\.(?=\s)|(?<bullet>[•▪◦·‣–—*-]))\s+/;

/** Words after which a full stop does not end a sentence. */
const ABBREVIATIONS = new Set(
  [
    'mr',
    'mrs',
    'ms',
    'dr',
    'prof',
    'gen',
    'sen',
    'rep',
    'gov',
    'pres',
    'lt',
    'col',
    'capt',
    'cmdr',
    'adm',
    'sgt',
    'st',
    'hon',
    'amb',
    'rev',
    'sec',
    'art',
    'arts',
    'no',
    'nos',
    'para',
    'paras',
    'sect',
    'ch',
    'chap',
    'vol',
    'fig',
    'pp',
    'p',
    'cf',
    'vs',
    'v',
    'approx',
    'est',
    'dept',
    'min',
    'max',
    'inc',
    'corp',
    'co',
    'ltd',
    'jan',
    'feb',
    'mar',
    'apr',
    'jun',
    'jul',
    'aug',
    'sep',
    'sept',
    'oct',
    'nov',
    'dec',
    'op',
    'cit',
    'ibid',
    'etc',
  ].map((w) => w.toLowerCase()),
);

/** Words that start a sentence: after "U.S." or "etc." they mean the sentence did end. */
const SENTENCE_STARTERS = new Set(
  'the this that these those it its he she they we i you there here in on at by for from with under after before as if when while however but and a an each all both any no such our their his her one two'.split(
    ' ',
  ),
);

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n' || text[i] === '\r' || text[i] === '\u2028' || text[i] === '\u2029') {
      lines.push({ start, end: i, text: text.slice(start, i) });
      if (text[i] === '\r' && text[i + 1] === '\n') i++;
      start = i + 1;
    }
  }
  return lines;
}

const TERMINAL = /[.!?;:"”’')\]]\s*$/;

/** Leading white space of a line. */
function indentOf(s: string): number {
  return s.length - s.trimStart().length;
}

function romanOrNumber(label: string): string {
  return label.replace(/\.$/, '');
}

/** Cuts the text into paragraphs with their headings, numbers and list items. */
function blocksOf(text: string): Block[] {
  const lines = splitLines(text);
  const blocks: Block[] = [];
  let article: string | null = null;
  let ordinal = 0;
  let current: Block | null = null;
  let previousLine: Line | null = null;

  const close = () => {
    if (current && current.end > current.start) blocks.push(current);
    current = null;
  };
  const open = (start: number, end: number, extra: Partial<Block> = {}, counts = true): void => {
    close();
    if (counts) ordinal++;
    current = {
      start,
      end,
      article,
      paragraph: ordinal,
      item: null,
      heading: false,
      listItem: false,
      ...extra,
    };
  };

  for (const line of lines) {
    const trimmed = line.text.trim();
    if (trimmed === '' || /^[\s\-–—_=*~.·•]{3,}$/.test(trimmed)) {
      close();
      previousLine = null;
      continue;
    }
    const lead = line.start + indentOf(line.text);
    const lineEnd = line.start + line.text.trimEnd().length;
    const rest = text.slice(lead, lineEnd);

    const heading = HEADING.exec(rest);
    if (heading) {
      const name = HEADING_NAMES[heading[1].toLowerCase().replace(/\.$/, '')] ?? heading[1];
      article = `${name} ${romanOrNumber(heading[2])}`;
      ordinal = 0;
      let after = lead + heading[0].length;
      while (after < lineEnd && /\s/.test(text[after])) after++;
      const remainder = text.slice(after, lineEnd);
      // "Article 1 - Purpose", "Sec. 2. Policy." : a short title after the number is a heading;
      // "Article 3. The Parties shall …" or "Sec. 3. Title. (a) The Secretary shall …" carries text.
      const titleOnly =
        remainder === '' || (!/[.!?;]\s*\S/.test(remainder) && remainder.split(/\s+/).length <= 12 && !/[;,]$/.test(remainder));
      if (titleOnly) {
        close();
        if (remainder !== '')
          blocks.push({ start: after, end: lineEnd, article, paragraph: null, item: null, heading: true, listItem: false });
        previousLine = null;
        continue;
      }
      // Skip a short title such as "Policy." before the text.
      const shortTitle = /^(?:[-–—:]\s*)?(?:[A-Z][\w'’-]*(?:\s+(?:[A-Za-z][\w'’-]*|of|and|the|for|to|on|in)){0,7})\.\s+(?=\S)/.exec(
        remainder,
      );
      if (shortTitle && !/\b(?:shall|will|must)\b/.test(shortTitle[0])) {
        blocks.push({
          start: after,
          end: after + shortTitle[0].trimEnd().length,
          article,
          paragraph: null,
          item: null,
          heading: true,
          listItem: false,
        });
        after += shortTitle[0].length;
      }
      const marker = LIST_MARKER.exec(text.slice(after, lineEnd));
      if (marker) {
        const label = marker.groups?.['p'] ?? marker.groups?.['b'] ?? marker.groups?.['l'] ?? null;
        const numbered = marker.groups?.['n'];
        open(after + marker[0].length, lineEnd, {
          item: label,
          listItem: true,
          paragraph: numbered && !numbered.includes('.') ? Number(numbered) : ordinal + 1,
        });
      } else {
        open(after, lineEnd);
      }
      previousLine = line;
      continue;
    }

    const marker = LIST_MARKER.exec(rest);
    if (marker) {
      const label = marker.groups?.['p'] ?? marker.groups?.['b'] ?? marker.groups?.['l'] ?? null;
      const numbered = marker.groups?.['n'];
      if (numbered !== undefined) {
        // "1." or "12." numbers a paragraph; "1.2." is a sub-item, kept as the item.
        const top = !numbered.includes('.');
        open(lead + marker[0].length, lineEnd, {
          paragraph: top ? Number(numbered) : ordinal + 1,
          item: top ? null : numbered,
          listItem: true,
        });
        if (top) ordinal = Number(numbered);
      } else {
        const parent = current as Block | null;
        // A lettered item belongs to the paragraph above it and does not count as one.
        open(
          lead + marker[0].length,
          lineEnd,
          { item: label ?? '•', listItem: true, paragraph: parent?.paragraph ?? (ordinal || null) },
          false,
        );
      }
      previousLine = line;
      continue;
    }

    const cur = current as Block | null;
    const prevText = previousLine ? previousLine.text.trimEnd() : '';
    // A wrapped line continues the paragraph when the line above did not end a sentence and is
    // long enough to have been wrapped, or when this line starts in lower case.
    const continues =
      cur !== null &&
      previousLine !== null &&
      !cur.heading &&
      (/^[a-z(,;]/.test(trimmed) || (!TERMINAL.test(prevText) && prevText.trim().length >= 40));
    if (continues && cur) {
      cur.end = lineEnd;
    } else {
      open(lead, lineEnd);
    }
    previousLine = line;
  }
  close();

  // A paragraph of one short line with no closing punctuation is a title or heading.
  for (const b of blocks) {
    if (b.heading || b.listItem) continue;
    const body = text.slice(b.start, b.end);
    if (!/[\n\r]/.test(body) && !/[.!?;:"”)]$/.test(body) && body.split(/\s+/).length <= 20) b.heading = true;
  }
  return blocks;
}

let segmenter: Intl.Segmenter | null = null;
function sentenceSegmenter(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'sentence' });
  return segmenter;
}

/** True when a segment ending here must be joined with the next one (an abbreviation, not a full stop). */
function endsWithAbbreviation(segment: string, next: string): boolean {
  const m = /(?:^|[\s(“"'])((?:[A-Za-z]\.){2,}|[A-Za-z]+\.|[A-Z]\.)\s*$/.exec(segment);
  if (!m) return false;
  const token = m[1];
  const nextWord = /^\s*([\p{L}\d]+)/u.exec(next)?.[1] ?? '';
  if (/^\d/.test(nextWord) || /^\p{Ll}/u.test(nextWord)) return true;
  if (/^(?:[A-Za-z]\.){2,}$/.test(token)) {
    // "U.S. Government" goes on; "… the U.S. The Parties …" ends.
    if (/^(?:e\.g\.|i\.e\.)$/i.test(token)) return true;
    return !SENTENCE_STARTERS.has(nextWord.toLowerCase());
  }
  if (/^[A-Z]\.$/.test(token)) return !SENTENCE_STARTERS.has(nextWord.toLowerCase()); // an initial: "J. Smith"
  const word = token.slice(0, -1).toLowerCase();
  if (!ABBREVIATIONS.has(word)) return false;
  if (word === 'etc' || word === 'inc' || word === 'ltd' || word === 'co' || word === 'corp')
    return !SENTENCE_STARTERS.has(nextWord.toLowerCase());
  // "No." ends a sentence only as the word "no": "The answer was no."
  if (word === 'no' && !/^\d|^[IVX]+\b/.test(nextWord)) return false;
  return true;
}

/** Splits one paragraph into sentences; offsets are absolute. */
function sentencesOf(text: string, block: Block, blockIndex: number): Sentence[] {
  const raw = text.slice(block.start, block.end);
  // Same length, so offsets stay exact: wrapped lines read as spaces.
  const flat = raw.replace(/[\r\n\u2028\u2029]/g, ' ');
  const pieces: { start: number; end: number }[] = [];
  for (const s of sentenceSegmenter().segment(flat)) {
    const start = s.index;
    const end = s.index + s.segment.length;
    const last = pieces[pieces.length - 1];
    if (last && endsWithAbbreviation(flat.slice(last.start, last.end), s.segment)) last.end = end;
    else pieces.push({ start, end });
  }
  // Inline list items after a lead-in: "… shall: (a) establish …; (b) exchange …".
  const split: { start: number; end: number; item: string | null }[] = [];
  for (const p of pieces) {
    const body = flat.slice(p.start, p.end);
    const inline = [...body.matchAll(/(?:[:;]\s*(?:and\s+|or\s+)?|^\s*)\(([a-z]|[ivx]{1,5}|\d{1,2})\)\s+/g)];
    if (inline.length >= 2) {
      let cursor = p.start;
      let item: string | null = null;
      for (const m of inline) {
        const at = p.start + (m.index ?? 0);
        const cut = at + m[0].search(/\(/);
        if (cut > cursor) split.push({ start: cursor, end: cut, item });
        cursor = p.start + (m.index ?? 0) + m[0].length;
        item = m[1];
      }
      split.push({ start: cursor, end: p.end, item });
    } else {
      split.push({ ...p, item: null });
    }
  }
  const out: Sentence[] = [];
  for (const p of split) {
    let s = p.start;
    let e = p.end;
    while (s < e && /\s/.test(flat[s])) s++;
    while (e > s && /\s/.test(flat[e - 1])) e--;
    if (e <= s) continue;
    out.push({
      start: block.start + s,
      end: block.start + e,
      text: text.slice(block.start + s, block.start + e),
      article: block.article,
      paragraph: block.paragraph,
      item: p.item ?? block.item,
      heading: block.heading,
      block: blockIndex,
      leadIn: null,
      introducesList: false,
    });
  }
  return out;
}

/**
 * The sentences of a text, in order, with their place in it. Lead-ins ending with ':' are linked
 * to the list items under them.
 */
export function segmentText(text: string): Sentence[] {
  const blocks = blocksOf(text);
  const sentences: Sentence[] = [];
  let leadIn: Sentence | null = null;
  blocks.forEach((block, i) => {
    const own = sentencesOf(text, block, i);
    if (!block.listItem) leadIn = null;
    let inlineLead: Sentence | null = null;
    for (const s of own) {
      if (s.item !== null && s.item !== block.item && inlineLead) s.leadIn = inlineLead;
      else if (block.listItem && leadIn) s.leadIn = leadIn;
      if (/:\s*$/.test(s.text)) {
        s.introducesList = true;
        inlineLead = s;
      }
      sentences.push(s);
    }
    const last = own[own.length - 1];
    if (last?.introducesList) leadIn = last;
  });
  return sentences;
}
