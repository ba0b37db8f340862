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
const TRAILING_JUNK =
  /(?:\s+(?:by|in|within|before|until|no\s+later\s+than|not\s+later\s+than|at\s+the\s+latest|on|from|after|of|at|during|and|or|to|for|with|as|the|a|an|at\s+least|starting|beginning|no|not|than|later|each|every|once|but))+\s*$/i;
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
  s = s.replace(LEADING_ADVERBS, '');
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

function shorten(title: string): string {
  let t = cleanSpaces(title);
  t = t.replace(/\s*[,;:(].*$/, '');
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

/** Turns the action after the cue into a title verb phrase, and finds the body in it when passive. */
function action(predicate: string, subject: string): { phrase: string; passive: boolean } {
  let p = predicate.replace(LEADING_ADVERBS, '').replace(/^(?:not\s+)/i, 'not ');
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
    const neg = /^not\s/i.test(p) ? 'Not ' : '';
    const object = nounPhrase(subject);
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
  return { phrase: p, passive: false };
}

/**
 * The title and responsible body of a commitment sentence. `timeSpans` are the sentence's time
 * phrases (relative to the sentence), left out of the title.
 */
export function titleAndBody(sentence: string, cue: Cue | null, timeSpans: { start: number; end: number }[]): TitleAndBody {
  const text = blank(sentence, timeSpans);
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
      const withObject = /^(?:task|tasks|tasked|charge|charges|charged|entrust|entrusts|entrusted)\s+(.+?)\s+with$/i.exec(cue.cue);
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
            cue.cue,
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
    title = shorten(action(sentence.slice(cue.end).trimStart(), subject).phrase);
  }
  if (!title) title = shorten(sentence);
  if (body && COLLECTIVE_SUBJECT.test(body)) body = body.replace(/^the\s+/i, '');
  return { title: capitalise(title), responsibleBody: body ? cleanSpaces(body) : null };
}

/** True when the body names the parties together ("the Parties", "both sides", "Ministers"). */
export function isCollectiveBody(body: string | null): boolean {
  return body !== null && COLLECTIVE_SUBJECT.test(body.trim());
}
