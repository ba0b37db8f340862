/**
 * A proposed title and the responsible body, from a commitment sentence and its cue:
 * "…a joint working group tasked with drafting a Strategic Partnership Charter within six months."
 * → title "Draft a Strategic Partnership Charter", body "joint working group";
 * "A monitoring mission … will be deployed by 1 December 2025." → "Deploy a monitoring mission …".
 */
import type { Cue } from './cues';
import { clauseSubject } from './cues';
import { baseFromGerund, baseFromParticiple, isParticiple } from './verbs';

export interface TitleAndBody {
  title: string;
  responsibleBody: string | null;
}

const MAX_TITLE = 110;
const LEADING_ADVERBS =
  /^(?:(?:also|jointly|further|then|now|each|both|together|promptly|swiftly|immediately|subsequently|thereafter|additionally|moreover|furthermore|in\s+particular|henceforth|hereby|accordingly|duly|still|only|first|initially|ultimately|finally|formally|officially|publicly|separately|individually|collectively|regularly|gradually|progressively|fully|themselves|itself|ourselves),?\s+)+/i;
const SUBJECT_ADVERBS =
  /^(?:(?:also|further|then|now|moreover|furthermore|additionally|meanwhile|however|instead|accordingly|finally),?\s+)+/i;
/** Verbs whose subject is what the commitment is about: "Negotiations will begin" → "Begin negotiations". */
const INTRANSITIVE =
  /^(?:open|reopen|begin|start|commence|resume|cease|stop|end|close|enter|continue|proceed|expire|operate|run|launch|conclude|take\s+place|start\s+operating|become\s+operational|be\s+operational)$/i;
const TRAILING_JUNK =
  /(?:\s+(?:thereafter|afterwards|by|in|within|before|until|no\s+later\s+than|not\s+later\s+than|at\s+the\s+latest|on|from|after|of|at|during|and|or|to|for|with|as|the|a|an|at\s+least|starting|beginning|no|not|than|later|each|every|once|but))+\s*$/i;
const COLLECTIVE_SUBJECT =
  /^(?:the\s+)?(?:parties|participants|signatories|sides|two\s+(?:sides|governments|countries|parties|leaders|presidents|ministers|nations|states)|both\s+(?:sides|governments|countries|parties|leaders|nations)|(?:high\s+)?contracting\s+parties|(?:each|either|every)\s+(?:party|participant|side|signatory|country|government|state|member(?:\s+state)?)|member\s+states|all\s+parties|we|ministers|leaders|heads\s+of\s+state|governments|countries|states|they|participating\s+(?:countries|states)|the\s+members)$/i;

function cleanSpaces(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function capitalise(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

function stripDeterminer(s: string): string {
  return s.replace(/^(?:the|a|an)\s+/i, '');
}

/** Blank out the given spans (same length, so offsets stay right). */
function blank(text: string, spans: { start: number; end: number }[]): string {
  let out = text;
  for (const s of spans) {
    const a = Math.max(0, Math.min(out.length, s.start));
    const b = Math.max(a, Math.min(out.length, s.end));
    out = out.slice(0, a) + ' '.repeat(b - a) + out.slice(b);
  }
  return out;
}

/** The subject's noun phrase, without a leading clause or trailing conjunction. */
function nounPhrase(subject: string): string {
  let s = cleanSpaces(subject);
  // "The waiver is valid for 180 days and" → "The waiver".
  if (/\b(?:and|but|or)$/i.test(s)) {
    const first = /^(.+?)\s+(?:is|are|was|were|has|have|had|shall|will|must|can|may)\b/i.exec(s);
    s = first ? first[1] : s.replace(/\s+(?:and|but|or)$/i, '');
  }
  s = s.replace(/^(?:and|but|so|yet|then|thus|however|meanwhile|instead)\s+/i, '');
  // "said the department" (reported speech) or "Under the first phase" are not part of it.
  s = s.replace(/^.*\b(?:said|says|announced|stated|confirmed|added|declared|that)\s+/i, '');
  s = s.replace(SUBJECT_ADVERBS, '');
  s = s.replace(/\s+(?:also|jointly|further|both|each|then|now|together|themselves|itself)$/i, '');
  return s.trim();
}

/** A body in words, short: "joint working group", "Parties", "Secretariat". */
function bodyOf(phrase: string): string | null {
  let s = nounPhrase(phrase);
  if (!s || /^(?:it|this|that|there|which|who|these|those|he|she)$/i.test(s)) return null;
  // Keep the head: cut at a relative clause, a participle phrase or a long prepositional tail.
  s = s.replace(/\s*,.*$/, '').replace(/\s+(?:which|who|that|made\s+up\s+of|composed\s+of|consisting\s+of|comprising|including)\b.*$/i, '');
  const words = s.split(/\s+/);
  if (words.length > 8) s = words.slice(0, 8).join(' ');
  s = stripDeterminer(s);
  return s || null;
}

/** "A monitoring mission" inside a title reads "a monitoring mission". */
function lowerDeterminer(s: string): string {
  return s.replace(/^(?:The|A|An|Any|All|Each|Every|Both|Such|These|Those|This|That|Our|Their|Its)\b/, (w) => w.toLowerCase());
}

/** "Negotiations on the second phase" → "negotiations on the second phase"; "Joint Border Commission" stays. */
function lowerNoun(s: string): string {
  const words = s.split(' ');
  const first = words[0] ?? '';
  if (!/^\p{Lu}\p{Ll}+$/u.test(first)) return s;
  const multiword = words.length > 1 && /^\p{Ll}/u.test(words[1]);
  const commonSingle = words.length === 1 && /(?:tions?|ments?|ances?|ences?|ings?|ks|ces|ers|ors)$/.test(first);
  return multiword || commonSingle ? first.toLowerCase() + s.slice(first.length) : s;
}

function shorten(title: string): string {
  let t = cleanSpaces(title);
  // Cross-references "(a)", "(iv)" and a second predicate ("… and shall meet …") are not the title.
  t = t.replace(/\s*\((?:[a-z]{1,3}|\d{1,3}|[ivx]{1,5})\)/g, '');
  t = t.replace(/,?\s+(?:and|but|or)\s+(?:(?:also|then|thereafter)\s+)?(?:shall|will|must|is\s+to|are\s+to|would|should)\b.*$/i, '');
  t = t.replace(/\s*(?:[,;(]|:(?!\d)).*$/, '');
  t = t.replace(
    /\s+(?:so\s+that|in\s+order\s+to|with\s+a\s+view\s+to|according\s+to|as\s+agreed|as\s+part\s+of|which|whereby|while|provided\s+that|subject\s+to|in\s+line\s+with|for\s+the\s+(?:programmes?|purposes?)\s+to)\b.*$/i,
    '',
  );
  for (let i = 0; i < 3; i++) t = t.replace(TRAILING_JUNK, '').replace(/[\s.!?"”’')\]-]+$/, '');
  if (t.length > MAX_TITLE) {
    const cut = t.slice(0, MAX_TITLE);
    t = `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 40))}…`;
  }
  return t;
}

/** After an intransitive verb, only time, place or manner words: the subject then makes the title. */
function shortRest(rest: string): boolean {
  const t = rest.trim();
  // "open a trade office" has an object: the verb is not intransitive there.
  if (
    t !== '' &&
    !/^(?:in|on|at|by|before|after|within|from|to|for|until|no\s+later|not\s+later|as|when|once|immediately|promptly|daily|weekly|monthly|annually|regularly|again|soon|forthwith|without|with|under|during|throughout|between|across|[.,;:!?])/i.test(
      t,
    )
  ) {
    return false;
  }
  const words = t.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  return words.length <= 6;
}

/** Turns the action after the cue into a title verb phrase, and finds the body in it when passive. */
function action(predicate: string, subject: string): { phrase: string; passive: boolean } {
  let p = predicate.replace(LEADING_ADVERBS, '');
  const negative = /^not\s+/i.exec(p);
  if (negative) p = p.slice(negative[0].length).replace(LEADING_ADVERBS, '');
  // "is to be exchanged", "will be deployed", "must be renewed": the subject is what is acted on.
  const passive =
    /^(?:(?:not\s+)?be|be\s+(?:fully|duly|jointly|also)|have\s+been)\s+(?:(?:fully|duly|jointly|also|further|formally|immediately|promptly)\s+)?([A-Za-z-]+)\b(.*)$/i.exec(
      p,
    );
  if (passive && isParticiple(passive[1])) {
    const verb = baseFromParticiple(passive[1]);
    let rest = passive[2];
    const agent =
      /^(.*?)\s+by\s+(?!(?:the\s+end|\d|mid|early|late|(?:January|February|March|April|May|June|July|August|September|October|November|December)\b))(the\s+)?([\p{L}\s'-]{2,60}?)(?=[,.;]|$|\s+(?:in|on|within|before|no|not|and|at|for)\b)/u.exec(
        rest,
      );
    if (agent) rest = agent[1];
    const neg = negative ? 'do not ' : '';
    const object = lowerNoun(lowerDeterminer(nounPhrase(subject)));
    const phrasal = /^\s+(?:up|out|down|off|forward|back|over|in\s+place)\b/i.exec(rest);
    const particle = phrasal ? phrasal[0] : '';
    rest = rest.slice(particle.length);
    return { phrase: `${neg}${verb}${particle} ${object}${rest}`, passive: true };
  }
  // "tasked with drafting", "committed to mobilising", "responsible for preparing".
  const gerund = /^([A-Za-z]+ing)\b(.*)$/.exec(p);
  if (gerund && !/^(?:during|bring|string|thing|spring|sing|ring|king|nothing|anything|something|everything|being)$/i.test(gerund[1])) {
    p = baseFromGerund(gerund[1]) + gerund[2];
  }
  // "Negotiations … will begin before …" → "Begin negotiations …"; "The meeting will take place in X" → "Hold the meeting in X".
  const verb = /^((?:take\s+place|start\s+operating|become\s+operational|be\s+operational|[A-Za-z]+))\b(.*)$/.exec(p);
  const object = nounPhrase(subject);
  if (
    verb &&
    INTRANSITIVE.test(verb[1]) &&
    object &&
    !/^(?:we|they|it|he|she|i|you)$/i.test(object) &&
    shortRest(verb[2].split(/[,;]/)[0])
  ) {
    const v = /^take\s+place$/i.test(verb[1]) ? 'hold' : /operational|operating/i.test(verb[1]) ? 'make operational' : verb[1];
    const thing = lowerNoun(lowerDeterminer(object));
    const phrase = /^make operational$/.test(v) ? `make ${thing} operational${verb[2]}` : `${v} ${thing}${verb[2]}`;
    return { phrase: (negative ? 'do not ' : '') + phrase, passive: true };
  }
  return { phrase: (negative ? 'do not ' : '') + p, passive: false };
}

/**
 * The title and responsible body of a commitment sentence. `timeSpans` are the sentence's time
 * phrases (relative to the sentence), left out of the title.
 */
export function titleAndBody(sentence: string, cue: Cue | null, timeSpans: { start: number; end: number }[]): TitleAndBody {
  // Wrapped lines read as spaces (same length, so the cue's offsets still hold).
  const text = blank(sentence, timeSpans).replace(/\s/g, ' ');
  if (!cue || cue.start < 0) {
    // A list item under a lead-in ("(a) establish a joint committee;"): the item is the action.
    const phrase = action(text.replace(/^(?:to\s+)/i, ''), '').phrase;
    return { title: capitalise(shorten(phrase)) || capitalise(shorten(sentence)), responsibleBody: null };
  }
  let subject = clauseSubject(text, cue.start);
  let predicate = text.slice(cue.end);
  let body: string | null = null;

  switch (cue.type) {
    case 'assignment': {
      const withObject = /^(?:task|tasks|tasked|charge|charges|charged|entrust|entrusts|entrusted)\s+(.+?)\s+with$/i.exec(
        text.slice(cue.start, cue.end),
      );
      if (withObject) {
        body = stripDeterminer(withObject[1]);
      } else if (/^(?:tasked|charged|entrusted|mandated)/.test(cue.cue)) {
        // "…a joint working group tasked with drafting…": the noun phrase before the cue.
        const before = text.slice(0, cue.start);
        const np =
          /(?:\b(?:a|an|the|its|their|new)\s+)((?:[\p{L}-]+\s+){0,5}?[\p{L}-]+)\s*,?\s*(?:(?:which|that|who)\s+(?:is|are|will\s+be)\s+|(?:is|are)\s+|will\s+be\s+)?$/iu.exec(
            before,
          );
        body = np ? np[1] : bodyOf(subject);
      } else {
        // "requests the Secretariat to prepare", "calls on the Commission to report".
        const target =
          /^(?:request|requests|requested|instruct|instructs|instructed|direct|directs|directed|mandate|mandates|mandated|task|tasks|tasked|invite|invites|call\s+upon|calls\s+upon|call\s+on|calls\s+on|urge|urges|ask|asks|asked)\s+(.+?)\s+to$/i.exec(
            text.slice(cue.start, cue.end).replace(/\s+/g, ' '),
          );
        body = target ? stripDeterminer(target[1]) : null;
      }
      break;
    }
    case 'reported': {
      // "A spokesperson said the department would publish…": the body is between the verb and "would".
      const between =
        /\b(?:said|says|announced|stated|confirmed|added|indicated|declared|told\s+\w+|explained|promised|pledged|insisted)\b(?:\s+(?:on\s+\w+|that|in\s+a\s+statement|yesterday|today))*\s+(.*)$/i.exec(
          text.slice(0, cue.start),
        );
      subject = between ? between[1] : subject;
      body = bodyOf(subject);
      break;
    }
    case 'promise': {
      body = bodyOf(subject);
      if (/(?:that|on|upon)$/.test(cue.cue)) {
        // "agreed that the committee will meet…": use the inner clause's modal when there is one.
        const inner = /\b(shall|will|would|should|must|is\s+to|are\s+to)\b/i.exec(predicate);
        if (inner && /(?:that)$/.test(cue.cue)) {
          const innerSubject = predicate.slice(0, inner.index);
          const innerBody = bodyOf(innerSubject);
          if (innerBody) body = innerBody;
          subject = innerSubject;
          predicate = predicate.slice(inner.index + inner[0].length);
        } else if (/(?:on|upon)$/.test(cue.cue)) {
          predicate = `agree ${cue.cue.split(' ').pop()} ${predicate}`;
        }
      }
      break;
    }
    default:
      body = bodyOf(subject);
  }

  // "Neither Party shall increase…" → "Do not increase…".
  if (/^(?:neither|no|none\s+of)\b/i.test(nounPhrase(subject)) && !/^\s*not\b/i.test(predicate))
    predicate = ` not ${predicate.trimStart()}`;
  const { phrase, passive } = action(predicate.trimStart(), subject);
  if (passive && cue.type !== 'assignment') {
    const agent = /\bby\s+(?:the\s+)?([\p{Lu}][\p{L}\s'-]{1,60}?)(?=[,.;]|$|\s+(?:in|on|within|before|no|not|and|at|for)\b)/u.exec(
      predicate,
    );
    body = agent ? agent[1].trim() : null;
  }
  let title = shorten(phrase);
  if (title.split(/\s+/).length < 2) {
    // "The Commission shall meet at least once every six months." → keep the time words.
    title = shorten(action(sentence.slice(cue.end).replace(/\s/g, ' ').trimStart(), subject).phrase);
  }
  if (!title) title = shorten(sentence);
  if (body && COLLECTIVE_SUBJECT.test(body)) body = body.replace(/^the\s+/i, '');
  return { title: capitalise(title), responsibleBody: body ? cleanSpaces(body) : null };
}

/** True when the body names the parties together ("the Parties", "both sides", "Ministers"). */
export function isCollectiveBody(body: string | null): boolean {
  return body !== null && COLLECTIVE_SUBJECT.test(body.trim());
}
