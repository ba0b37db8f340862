/**
 * Commitment detection: does a sentence oblige, promise or schedule something?
 *
 * A sentence is a commitment when it has a cue — a modal of obligation or future ("shall", "will",
 * "must", "is to", "are to"), a verb of promise followed by what is promised ("agreed to", "pledged
 * to", "committed to", "undertake to", "decided to", "intend to"), or an assignment ("tasked with",
 * "is requested to", "instructs the Secretariat to"), or "would" after a reporting verb ("said the
 * department would publish") — and is none of:
 * - a preamble clause ("Recognizing…", "Desiring…", "Noting…", "Whereas…");
 * - a definition ("'Party' means…", "shall be construed as…");
 * - boilerplate about the instrument itself ("This Agreement shall enter into force…", "This order
 *   shall be implemented consistent with applicable law", "Nothing in this MoU shall…");
 * - an opinion or forecast ("Analysts will remember…", "This will likely boost…", "It will be hard…");
 * - reported history ("In 2019 the sides had agreed to…", "The plant was to open in 2020");
 * - a question.
 */

export interface Cue {
  /** The cue as written, lower case, e.g. 'shall', 'tasked with', 'agreed to'. */
  cue: string;
  /** Offsets of the cue within the sentence. */
  start: number;
  end: number;
  /** How the cue works, for finding the subject and the promised action. */
  type: 'modal' | 'promise' | 'assignment' | 'reported';
}

const PREAMBLE =
  /^(?:[("“'‘]?\s*)(?:recogni[sz]ing|desiring|desirous|noting|considering|acknowledging|recalling|reaffirming|reiterating|welcoming|mindful|convinced|determined|bearing\s+in\s+mind|emphasi[sz]ing|affirming|taking\s+(?:into\s+account|note)|guided\s+by|aware|conscious|concerned|expressing|stressing|underlining|underscoring|having\s+regard|having\s+(?:considered|examined|met|reviewed)|whereas|believing|inspired|encouraged|seeking|wishing|appreciating|commending|deploring|observing|realizing|realising|highlighting|building\s+on|based\s+on\s+the|in\s+accordance\s+with\s+their|resolved|reflecting|confirming|valuing|sharing)\b/i;

/** Whose "will" (or reported "would") is a forecast or an opinion, not a promise: the subject's head noun. */
const OPINION_SUBJECT =
  /(?:^|\s)(?:analysts?|critics?|observers?|experts?|commentators?|economists?|pundits?|historians?|skeptics?|sceptics?|residents?|citizens?|voters?|investors?|markets?|readers?|viewers?|campaigners?|activists?|opponents?|protesters?|protestors?|environmentalists?|groups?|traders?|diplomats?|sources?|people|others|many|some|few|everyone|nobody|no\s+one|one|you|i|time|history)$/i;

/** A statement of purpose, not of action: "The objectives of this Agreement are to…". */
const PURPOSE_SUBJECT =
  /^(?:the|its|their|our|this|a|an|one|his|her)?\s*(?:(?:main|primary|key|overall|principal|ultimate|stated|long-term|first)\s+)?(?:aims?|objectives?|purposes?|goals?|intentions?|missions?|ideas?|targets?|ambitions?|visions?|hopes?|priority|priorities|challenges?|problems?|questions?|point|task\s+ahead)\b/i;

/** A view, hope or belief frames what follows: "expressed the view that more funding will be needed". */
const OPINION_FRAME =
  /\b(?:express(?:ed|es)?\s+(?:the|their|its|his|her|our)\s+(?:view|hope|belief|wish|conviction|confidence|expectation|fear)|(?:believe|believes|believed|think|thinks|thought|hope|hopes|hoped|fear|fears|feared|doubt|doubts|predict|predicts|predicted|warn|warns|warned|argue|argues|argued|claim|claims|claimed|suggest|suggests|suggested|speculate[sd]?)\s+(?:that\s+)?)\b/i;

/** Verbs after "will" that forecast or judge rather than promise. */
const FORECAST_VERB =
  /^(?:likely|probably|possibly|surely|certainly|undoubtedly|almost|perhaps|doubtless|inevitably|remember|recall|see|know|wonder|notice|find|judge|tell|say|argue|doubt|depend|remain\s+to\s+be\s+seen|take\s+(?:years|time|decades)|cost|benefit|boost|help|hurt|harm|affect|mean|matter|prove|come\s+as|go\s+down|be\s+(?:needed|remembered|seen|judged|difficult|hard|easy|tough|crucial|important|key|vital|critical|interesting|welcome|good|bad|better|worse|unlikely|likely|possible|impossible|necessary|enough|sufficient|the\s+(?:first|last|same|case|test)|a\s+(?:test|challenge|problem|question|matter|step|blow|boost|relief|surprise|setback|long)|an?\s+(?:important|major|big|key|uphill|open)))\b/i;

/** The instrument itself as the subject: "This Agreement shall…", "The present Memorandum will…". */
const INSTRUMENT_SUBJECT =
  /^(?:this|the\s+present|the)\s+(?:agreement|memorandum(?:\s+of\s+understanding)?|mou|treaty|protocol|convention|accord|arrangement|declaration|statement|communiqu[eé]|order|executive\s+order|act|law|decree|regulation|directive|charter|annex|amendment|instrument|document|understanding|framework|resolution|decision|joint\s+statement)\b(?!\s+(?:partners?|parties|signatories|participants))|^(?:it|nothing\s+in\s+(?:this|the)\b.*|no\s+provision\s+of\b.*)$/i;

/** Predicates of boilerplate and definitions, after the modal. */
const BOILERPLATE_PREDICATE =
  /^(?:not\s+)?(?:(?:enter|come|remain|continue)\s+(?:into|in)\s+(?:force|effect)|enter\s+into\s+force|take\s+effect|become\s+effective|be\s+(?:equally\s+)?authentic|prevail|be\s+governed\s+by|be\s+construed|be\s+interpreted|be\s+deemed|be\s+understood|be\s+considered\s+as|be\s+regarded\s+as|mean|means|include|refer\s+to|have\s+the\s+(?:same\s+)?meaning|apply\s+provisionally|be\s+applied\s+provisionally|be\s+amended|be\s+modified|be\s+terminated|terminate|expire|be\s+extended\s+automatically|be\s+automatically\s+(?:extended|renewed)|be\s+renewed\s+automatically|be\s+open\s+for\s+signature|be\s+registered|be\s+deposited|be\s+subject\s+to|be\s+without\s+prejudice|affect|impair|prejudice|create\s+(?:any\s+)?(?:legal|binding)|be\s+legally\s+binding|be\s+binding|be\s+done\s+in|be\s+signed\s+in|be\s+valid\s+for|remain\s+valid|be\s+effective\s+(?:from|as\s+of|on|upon)|be\s+implemented\s+consistent(?:ly)?\s+with\s+applicable\s+law)\b/i;

/** A past or historical frame around a promise cue. */
const HISTORY_MARKER =
  /\b(?:had\s+(?:agreed|pledged|promised|committed|vowed|undertaken|decided|planned|been)|was\s+(?:to|supposed\s+to|meant\s+to)|were\s+(?:to|supposed\s+to|meant\s+to)|would\s+have|years?\s+ago|decades?\s+ago|months?\s+ago|previously|formerly|at\s+the\s+time|back\s+in|never\s+(?:materiali[sz]ed|happened|implemented|delivered)|was\s+(?:quietly\s+)?(?:dropped|abandoned|shelved|scrapped|never)|failed\s+to|fell\s+through|collapsed)\b/i;

const PAST_PROMISE = /^(?:agreed|pledged|promised|committed|vowed|undertook|decided|planned|resolved|intended)\b/i;

interface CuePattern {
  re: RegExp;
  type: Cue['type'];
}

// Each pattern's first group is the cue as reported.
const CUE_PATTERNS: CuePattern[] = [
  { re: /\b(shall|must)\b/gi, type: 'modal' },
  { re: /\b(will|is\s+going\s+to|are\s+going\s+to)\b/gi, type: 'modal' },
  {
    re: /\b((?:is|are)\s+(?:also\s+|then\s+|now\s+|each\s+|jointly\s+|further\s+)?(?:to|due\s+to|scheduled\s+(?:to|for)|set\s+to|required\s+to|obliged\s+to|obligated\s+to|bound\s+to|committed\s+to|requested\s+to|invited\s+to|called\s+upon\s+to|mandated\s+to|instructed\s+to|directed\s+to|tasked\s+(?:with|to)|charged\s+with|entrusted\s+with|responsible\s+for|expected\s+to\s+(?:submit|present|report|deliver|complete|finali[sz]e|adopt|sign|hold|convene|meet|publish|establish)))\b/gi,
    type: 'modal',
  },
  {
    re: /\b((?:agree|agrees|agreed|undertake|undertakes|undertook|commit|commits|committed|pledge|pledges|pledged|promise|promises|promised|vow|vows|vowed|resolve|resolves|resolved|decide|decides|decided|intend|intends|plan|plans|reaffirm(?:s|ed)?\s+(?:their|its|our)\s+(?:commitment|intention|determination)|(?:has|have)\s+(?:agreed|undertaken|committed|pledged|decided|resolved|promised))(?:\s+(?:themselves|itself|ourselves|jointly|also|further|today|formally|publicly|collectively|each|both))*\s+(?:to|that)|(?:agree|agrees|agreed|(?:has|have)\s+agreed)\s+(?:on|upon)|(?:are|is|remain|remains)\s+committed\s+to)\b/gi,
    type: 'promise',
  },
  { re: /\b(tasked\s+with|charged\s+with|entrusted\s+with|mandated\s+to|tasked\s+to)\b/gi, type: 'assignment' },
  {
    re: /\b((?:request|requests|requested|instruct|instructs|instructed|direct|directs|directed|mandate|mandates|mandated|task|tasks|tasked|invite|invites|call\s+upon|calls\s+upon|call\s+on|calls\s+on|urge|urges|ask|asks|asked)(?:\s+[\p{Lu}\p{Ll}'’-]+){1,6}?\s+to)\s+\p{Ll}/giu,
    type: 'assignment',
  },
  {
    // "Ministers tasked senior officials with drafting…", "charged the Commission with preparing…".
    re: /\b((?:task|tasks|tasked|charge|charges|charged|entrust|entrusts|entrusted)(?:\s+[\p{Lu}\p{Ll}'’-]+){1,6}?\s+with)\s+\p{Ll}+ing\b/giu,
    type: 'assignment',
  },
  {
    re: /\b(?:said|says|announced|stated|confirmed|added|indicated|declared|told\s+\w+|explained|promised|pledged|insisted)\b(?:\s+(?:on\s+\w+|that|in\s+a\s+statement|yesterday|today))*\s+(?:[^,.;:!?]{1,80}?\s)?(would)\b/gi,
    type: 'reported',
  },
];

/** A determiner or adjective just before a word makes it a noun: "the plan", "their 2019 pledge". */
const NOUN_BEFORE =
  /\b(?:the|a|an|this|that|these|those|its|their|his|her|our|your|whose|any|no|every|each|new|earlier|previous|last|first|recent|latest|(?:19|20)\d{2}|\w+'s|\w+’s)\s+$/i;

/** "political will", "the will of the people": "will" as a noun. */
function isNounWill(sentence: string, at: number): boolean {
  const before = sentence.slice(Math.max(0, at - 20), at).toLowerCase();
  const after = sentence.slice(at + 4, at + 12).toLowerCase();
  return (
    /(?:political|good|free|the|a|its|their|his|her|our|own|popular|people's|strong|collective|common)\s+$/.test(before) ||
    /^\s+(?:of|to\s+(?:act|cooperate|compromise))\b/.test(after)
  );
}

function allCues(sentence: string): Cue[] {
  const cues: Cue[] = [];
  for (const { re, type } of CUE_PATTERNS) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(sentence))) {
      const text = m[1];
      const start = m.index + m[0].indexOf(text);
      if (type === 'modal' && /^will$/i.test(text) && isNounWill(sentence, start)) continue;
      if (type === 'modal' && /^is\s+to$/i.test(text) && /^\s+(?:say|be\s+noted)/i.test(sentence.slice(start + text.length))) continue;
      if (type === 'assignment' && NOUN_BEFORE.test(sentence.slice(Math.max(0, start - 24), start))) continue;
      // "the 2019 pledge on…", "the plan to build…", "a commitment to": nouns, not promises.
      if (
        type === 'promise' &&
        /^(?:agree|undertake|commit|pledge|promise|vow|resolve|decide|intend|plan)s?\b/i.test(text) &&
        NOUN_BEFORE.test(sentence.slice(Math.max(0, start - 24), start))
      )
        continue;
      cues.push({ cue: text.toLowerCase().replace(/\s+/g, ' '), start, end: start + text.length, type });
    }
  }
  cues.sort((a, b) => a.start - b.start);
  return cues;
}

/** The words before a cue, from the start of its clause. */
export function clauseSubject(sentence: string, cueStart: number): string {
  let head = sentence.slice(0, cueStart);
  // Drop a leading introductory phrase ending in a comma ("Under the memorandum, …").
  const lastComma = head.lastIndexOf(',');
  if (lastComma >= 0) {
    const after = head.slice(lastComma + 1);
    if (/\p{L}/u.test(after)) head = after;
  }
  return head.trim();
}

/** True when the cue sits inside a relative clause ("…, which would cover …,") or a quotation it does not own. */
function inSubordinateClause(sentence: string, cue: Cue): boolean {
  const before = sentence.slice(0, cue.start);
  return /,\s*(?:which|who|whom|whose|where|when|as)\b[^,]*$/i.test(before) || /\b(?:if|unless|whether|once)\b[^,]*$/i.test(before);
}

export interface Judgement {
  cue: Cue | null;
  /** Why the sentence is not a commitment, for debugging and tests. */
  reason: string | null;
}

/**
 * The commitment cue of a sentence, or why there is none. `leadIn` is the lead-in of a list item
 * ("The Parties shall:"), whose cue carries over to the item. `documentYear` helps tell history.
 */
export function judgeSentence(
  sentence: string,
  options: { leadIn?: string | null; documentYear?: number | null; hasDeadline?: boolean } = {},
): Judgement {
  const text = sentence.trim();
  if (text.length < 8 || !/\p{L}{3}/u.test(text)) return { cue: null, reason: 'too short' };
  if (/\?["”’']?\s*$/.test(text)) return { cue: null, reason: 'question' };
  if (PREAMBLE.test(text)) return { cue: null, reason: 'preamble' };
  if (
    /^[("“'‘]?\s*["“']?[\p{L}\s-]{1,60}["”']\s+(?:means|shall\s+mean|refers\s+to|is\s+defined\s+as|includes)\b/u.test(text) ||
    (/\bhereinafter\s+(?:referred\s+to\s+as|called)\b/i.test(text.slice(0, 200)) && !/\b(?:shall|will|must)\b/i.test(text))
  ) {
    return { cue: null, reason: 'definition' };
  }

  const cues = allCues(text);
  let chosen: Cue | null = null;
  let reason: string | null = cues.length === 0 ? 'no cue' : null;
  for (const cue of cues) {
    const subject = clauseSubject(text, cue.start);
    const predicate = text.slice(cue.end).trimStart();
    if (cue.type === 'modal') {
      if (INSTRUMENT_SUBJECT.test(subject.replace(/^(?:and|but)\s+/i, ''))) {
        reason = 'boilerplate about the instrument';
        continue;
      }
      if (BOILERPLATE_PREDICATE.test(predicate.replace(/^(?:also|not|only|further|automatically)\s+/i, ''))) {
        reason = 'boilerplate or definition';
        continue;
      }
      if (/^(?:will|is going to|are going to)$/.test(cue.cue)) {
        if (
          OPINION_SUBJECT.test(
            subject
              .replace(/^(?:and|but|yet|so)\s+/i, '')
              .split(/\s+/)
              .slice(-3)
              .join(' '),
          )
        ) {
          reason = 'opinion or forecast';
          continue;
        }
        if (FORECAST_VERB.test(predicate.replace(/^not\s+/i, '')) && !options.hasDeadline) {
          reason = 'forecast';
          continue;
        }
      }
      if (
        /^(?:it|this|that|there)$/i.test(subject) &&
        /^(?:will|shall|must)$/.test(cue.cue) &&
        /^(?:not\s+)?be\s+(?!held|convened|established|set\s+up|published|submitted|presented|adopted|completed|launched|opened|signed|deployed)/i.test(
          predicate,
        )
      ) {
        reason = 'statement about a thing';
        continue;
      }
    }
    if (cue.type === 'modal' && /^(?:is|are)\s/.test(cue.cue) && PURPOSE_SUBJECT.test(subject)) {
      reason = 'statement of purpose';
      continue;
    }
    if (cue.type === 'reported') {
      const reporter =
        /^(.*?)\s+(?:said|says|announced|stated|confirmed|added|indicated|declared|told|explained|promised|pledged|insisted)\b/i.exec(
          subject,
        )?.[1] ?? '';
      if (OPINION_SUBJECT.test(reporter.trim().split(/\s+/).slice(-3).join(' '))) {
        reason = 'opinion of a third party';
        continue;
      }
    }
    if ((cue.type === 'modal' || cue.type === 'reported') && OPINION_FRAME.test(text.slice(0, cue.start))) {
      reason = 'opinion';
      continue;
    }
    if (cue.type === 'promise' && PAST_PROMISE.test(cue.cue)) {
      const pastYear = [...text.matchAll(/\b((?:19|20)\d{2})\b/g)].some(
        (m) =>
          options.documentYear != null &&
          Number(m[1]) < options.documentYear &&
          !/\b(?:by|until|before|in|during)\s+$/i.test(text.slice(Math.max(0, (m.index ?? 0) - 12), m.index)),
      );
      if (pastYear && !options.hasDeadline) {
        reason = 'reported history';
        continue;
      }
    }
    if (HISTORY_MARKER.test(text.slice(Math.max(0, cue.start - 40), cue.end + 20)) && !options.hasDeadline) {
      reason = 'reported history';
      continue;
    }
    if (cue.type === 'reported' || cue.cue === 'will' || cue.type === 'modal') {
      if (inSubordinateClause(text, cue) && cues.some((c) => c !== cue && c.start > cue.start)) continue;
    }
    chosen = cue;
    break;
  }
  if (!chosen && options.leadIn) {
    const lead = judgeSentence(options.leadIn, { documentYear: options.documentYear, hasDeadline: true });
    if (lead.cue) return { cue: { ...lead.cue, start: -1, end: -1 }, reason: null };
  }
  if (!chosen) return { cue: null, reason: reason ?? 'no cue' };
  // Opinion pieces: a whole sentence in the first person singular is a view.
  if (/^(?:i|i'd|i'm)\b/i.test(text)) return { cue: null, reason: 'opinion' };
  return { cue: chosen, reason: null };
}
