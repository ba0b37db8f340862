import { catalogueMatcher } from './catalogue';

const CATALOGUE = {
  parties: [
    { code: 'US', name: 'United States', aliases: ['U.S.', 'Washington'] },
    { code: 'AZ', name: 'Azerbaijan', aliases: ['Azerbaijani'] },
    { code: 'IN', name: 'India' },
  ],
  areas: [
    { slug: 'defense', name: 'Defense' },
    { slug: 'digital-infrastructure', name: 'Digital infrastructure', keywords: ['cable'] },
    { slug: 'labor', name: 'Labor' },
  ],
};

describe('catalogueMatcher', () => {
  const m = catalogueMatcher(CATALOGUE, 'An agreement between Azerbaijan and the United States.');

  it('finds names and aliases as whole words, case-insensitively', () => {
    expect(m.parties('the U.S. and azerbaijani officials')).toEqual(['US', 'AZ']);
    expect(m.parties('Washington will act')).toEqual(['US']);
  });

  it('never reads a code or a part of a word as a party', () => {
    expect(m.parties('IN the Indianapolis office')).toEqual([]);
  });

  it('finds British spellings, plurals and hyphenated forms of area names', () => {
    expect(m.areas('joint defence exercises')).toEqual(['defense']);
    expect(m.areas('new digital-infrastructure projects and two cables')).toEqual(['digital-infrastructure']);
    expect(m.areas('labour standards')).toEqual(['labor']);
  });

  it('lists the parties the whole document names', () => {
    expect(m.partyCodes).toEqual(['US', 'AZ']);
  });

  it('works with no catalogue, and ignores malformed entries', () => {
    expect(catalogueMatcher(undefined, 'text').parties('Azerbaijan')).toEqual([]);
    const broken = catalogueMatcher(
      {
        parties: [
          { code: '', name: 'X' },
          { code: 'FR', name: '' },
        ],
        areas: [],
      },
      '',
    );
    expect(broken.parties('X and France')).toEqual([]);
  });
});
