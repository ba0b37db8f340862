/**
 * Matching the workspace's catalogue: party names and aliases, area names and keywords, found as
 * whole words (case-insensitive, with simple plural and British/American spellings). Only catalogue
 * codes and slugs ever come out.
 */
import type { ExtractorCatalogue } from './types';

interface Matcher {
  key: string;
  re: RegExp;
}

export interface CatalogueMatcher {
  parties(text: string): string[];
  areas(text: string): string[];
  /** The parties named anywhere in a text, in catalogue order. */
  partyCodes: string[];
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** "defense" also finds "defence", "organization" also "organisation", "labor" also "labour". */
function spellingVariants(term: string): string {
  return escape(term)
    .replace(/(?<=\p{L})(?:is|iz)(?=e|ation|ing)/gu, '(?:is|iz)')
    .replace(/(?<=\p{L})en[cs]e\b/gu, 'en[cs]e')
    .replace(/(?<=\p{L})(?:our|or)\b/gu, 'o(?:u)?r')
    .replace(/(?<=\p{L})(?:re|er)\b/gu, '(?:re|er)')
    .replace(/\s+/g, '[\\s-]+');
}

function matcherFor(key: string, terms: (string | undefined)[]): Matcher | null {
  const parts = terms
    .map((t) => (t ?? '').trim())
    .filter((t) => t.length >= 2)
    .sort((a, b) => b.length - a.length)
    .map((t) => `${spellingVariants(t)}(?:s|es|'s|’s)?`);
  if (parts.length === 0) return null;
  return { key, re: new RegExp(`(?<![\\p{L}\\p{N}])(?:${parts.join('|')})(?![\\p{L}\\p{N}])`, 'iu') };
}

const EMPTY: ExtractorCatalogue = { parties: [], areas: [] };

/** Builds the matchers once per document. `documentText` tells which parties the document names. */
export function catalogueMatcher(catalogue: ExtractorCatalogue | undefined, documentText: string): CatalogueMatcher {
  const c = catalogue ?? EMPTY;
  const partyMatchers = (c.parties ?? [])
    .filter((p) => p && typeof p.code === 'string' && p.code !== '')
    .map((p) => matcherFor(p.code, [p.name, ...(p.aliases ?? [])]))
    .filter((m): m is Matcher => m !== null);
  const areaMatchers = (c.areas ?? [])
    .filter((a) => a && typeof a.slug === 'string' && a.slug !== '')
    .map((a) => matcherFor(a.slug, [a.name, ...(a.keywords ?? [])]))
    .filter((m): m is Matcher => m !== null);
  const find = (matchers: Matcher[], text: string) => {
    const out: string[] = [];
    for (const m of matchers) if (!out.includes(m.key) && m.re.test(text)) out.push(m.key);
    return out;
  };
  return {
    parties: (text) => find(partyMatchers, text),
    areas: (text) => find(areaMatchers, text),
    partyCodes: find(partyMatchers, documentText),
  };
}
