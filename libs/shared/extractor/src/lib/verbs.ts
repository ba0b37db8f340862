/**
 * Base forms of English verbs from their -ing and -ed forms, for titles: "drafting" → "draft",
 * "mobilising" → "mobilise", "deployed" → "deploy", "held" → "hold". Rules for the regular verbs,
 * a table for the irregular ones. A title is a proposal the analyst edits, so a rare miss is cheap.
 */

const IRREGULAR_PARTICIPLES: Record<string, string> = {
  held: 'hold',
  upheld: 'uphold',
  withheld: 'withhold',
  set: 'set',
  reset: 'reset',
  made: 'make',
  done: 'do',
  undone: 'undo',
  built: 'build',
  rebuilt: 'rebuild',
  paid: 'pay',
  repaid: 'repay',
  sent: 'send',
  given: 'give',
  forgiven: 'forgive',
  taken: 'take',
  undertaken: 'undertake',
  overtaken: 'overtake',
  met: 'meet',
  kept: 'keep',
  put: 'put',
  led: 'lead',
  brought: 'bring',
  laid: 'lay',
  run: 'run',
  shown: 'show',
  drawn: 'draw',
  withdrawn: 'withdraw',
  written: 'write',
  chosen: 'choose',
  spent: 'spend',
  sold: 'sell',
  told: 'tell',
  found: 'find',
  begun: 'begin',
  struck: 'strike',
  won: 'win',
  lent: 'lend',
  dealt: 'deal',
  sought: 'seek',
  bought: 'buy',
  thought: 'think',
  taught: 'teach',
  caught: 'catch',
  cut: 'cut',
  shut: 'shut',
  let: 'let',
  hit: 'hit',
  spread: 'spread',
  read: 'read',
  overseen: 'oversee',
  seen: 'see',
  frozen: 'freeze',
  unfrozen: 'unfreeze',
  broken: 'break',
  spoken: 'speak',
  stolen: 'steal',
  known: 'know',
  grown: 'grow',
  thrown: 'throw',
  blown: 'blow',
  flown: 'fly',
  gone: 'go',
  become: 'become',
  come: 'come',
  got: 'get',
  gotten: 'get',
  forgotten: 'forget',
  heard: 'hear',
  left: 'leave',
  lost: 'lose',
  meant: 'mean',
  felt: 'feel',
  fed: 'feed',
  bound: 'bind',
  hung: 'hang',
  stood: 'stand',
  understood: 'understand',
  borne: 'bear',
  worn: 'wear',
  sworn: 'swear',
  torn: 'tear',
  driven: 'drive',
  ridden: 'ride',
  risen: 'rise',
  arisen: 'arise',
  shaken: 'shake',
  woken: 'wake',
  swept: 'sweep',
  slept: 'sleep',
  wound: 'wind',
  dug: 'dig',
  stuck: 'stick',
  sung: 'sing',
  rung: 'ring',
  sunk: 'sink',
  shot: 'shoot',
  fought: 'fight',
  forecast: 'forecast',
  broadcast: 'broadcast',
  cast: 'cast',
  hurt: 'hurt',
  cost: 'cost',
  quit: 'quit',
  split: 'split',
  bid: 'bid',
  rid: 'rid',
  shed: 'shed',
  lit: 'light',
  fled: 'flee',
  sped: 'speed',
  overcome: 'overcome',
};

const NO_E_DOUBLE = /(?:ll|ss|ff|zz|dd)$/;

/** Whether a stem left by removing -ing/-ed takes back a final "e" ("mobilis" → "mobilise"). */
function needsE(stem: string): boolean {
  const s = stem.toLowerCase();
  if (s.length < 2) return false;
  if (/[aeiouy]$/.test(s)) return /u$/.test(s); // "continu" → "continue"; "agree", "carry" stay
  if (/(?:creat|complet|delet|compet|deplet|unit|invit|expedit|ignit|recit|writ|cit|excit|incit)$/.test(s)) return true;
  if (/(?:restor|stor|explor|ignor|scor|ador|deplor|implor|shap|escap|reshap|hop|cop|scop|postpon|condon|zon|phon|hon|ston)$/.test(s))
    return true;
  if (/[vcz]$/.test(s)) return !/(?:zz)$/.test(s) && !/ic$/.test(s);
  if (/(?:ur|ir)$/.test(s)) return true;
  if (/[^aeiou]ar$/.test(s)) return true;
  if (/(?:[^aeiou]l|[^aeiou]il)$/.test(s)) return !/(?:ll|rl|wl)$/.test(s);
  if (/[^aeiou][aiou]m$/.test(s)) return true;
  if (/[^aeiou]in$/.test(s)) return true;
  if (/ven$/.test(s)) return true;
  if (/[^aeiou][aeiou]d$/.test(s)) return true;
  if (/(?:[^eo]at|ut)$/.test(s)) return true;
  if (/[^o]ot$/.test(s)) return true;
  if (/(?:[aiouy]s|ns|rs)$/.test(s)) return !/focus$|bias$|canvas$/.test(s);
  if (/[^aeiou][aeiou]k$/.test(s)) return true;
  if (/[^aeiou]ib$/.test(s)) return true;
  if (/g$/.test(s)) return !/(?:ing|ong|ung|gg)$/.test(s);
  return false;
}

function undouble(stem: string): string | null {
  const m = /([bcdfgklmnprstvz])\1$/.exec(stem);
  if (!m || NO_E_DOUBLE.test(stem)) return null;
  return stem.slice(0, -1);
}

/** "drafting" → "draft", "mobilising" → "mobilise", "setting" → "set", "carrying" → "carry". */
export function baseFromGerund(word: string): string {
  const lower = word.toLowerCase();
  if (!/ing$/.test(lower) || lower.length <= 4) return word;
  const stem = word.slice(0, -3);
  if (/(?:ee|ye|oe)$/i.test(stem)) return stem;
  if (/y$/i.test(stem)) return stem; // "carrying", "deploying"
  if (/^(?:dy|ly|ty|vy)$/i.test(stem)) return `${stem.slice(0, -1)}ie`;
  const single = undouble(stem);
  if (single) return single;
  return needsE(stem) ? `${stem}e` : stem;
}

/** "deployed" → "deploy", "exchanged" → "exchange", "submitted" → "submit", "held" → "hold". */
export function baseFromParticiple(word: string): string {
  const lower = word.toLowerCase();
  const irregular = IRREGULAR_PARTICIPLES[lower];
  if (irregular) return word[0] === word[0].toUpperCase() ? irregular[0].toUpperCase() + irregular.slice(1) : irregular;
  if (!/ed$/.test(lower) || lower.length <= 3) return word;
  if (/ied$/.test(lower)) return `${word.slice(0, -3)}y`;
  if (/eed$/.test(lower)) return word.slice(0, -1); // "agreed", "guaranteed"
  const stem = word.slice(0, -2);
  if (/[aeiou]y$/i.test(stem) || /w$/i.test(stem)) return stem;
  const single = undouble(stem);
  if (single && !/(?:dd|ll|ss|ff|zz)$/.test(stem)) return single;
  return needsE(stem) ? `${stem}e` : stem;
}

/** A word that looks like a past participle ("deployed", "held", "set"). */
export function isParticiple(word: string): boolean {
  const w = word.toLowerCase();
  return IRREGULAR_PARTICIPLES[w] !== undefined || /^[a-z]{3,}ed$/.test(w);
}
