import { judgeSentence } from './cues';

const cueOf = (sentence: string, options: Parameters<typeof judgeSentence>[1] = { documentYear: 2026 }) =>
  judgeSentence(sentence, options).cue?.cue ?? null;
const reasonOf = (sentence: string, options: Parameters<typeof judgeSentence>[1] = { documentYear: 2026 }) =>
  judgeSentence(sentence, options).reason;

describe('judgeSentence: commitment cues', () => {
  it.each([
    ['The Parties shall establish diplomatic relations.', 'shall'],
    ['Each country will submit a plan.', 'will'],
    ['The department must report to Congress.', 'must'],
    ['The committee is to present a roadmap.', 'is to'],
    ['Forces are to withdraw to the lines.', 'are to'],
    ['Ministers agreed to phase out coal.', 'agreed to'],
    ['Germany also pledged to open an office.', 'pledged to'],
    ['Ministers committed to mobilising joint financing.', 'committed to'],
    ['A joint working group tasked with drafting a charter was set up.', 'tasked with'],
    ['The Secretariat is requested to prepare a report.', 'is requested to'],
    ['Each Party undertakes to notify the other.', 'undertakes to'],
    ['The Participants intend to cooperate on cable security.', 'intend to'],
    ['Ministers instructed the Secretariat to establish a stockpile.', 'instructed the secretariat to'],
    ['Ministers tasked senior officials with drafting a plan.', 'tasked senior officials with'],
    ['A spokesperson said the department would publish an annual assessment.', 'would'],
    ['The Secretariat is invited to publish the data.', 'is invited to'],
    ['Ministers decided that the next meeting would take place in Estrava.', 'decided that'],
  ])('%s → %s', (sentence, cue) => {
    expect(cueOf(sentence)).toBe(cue);
  });

  it('takes the main clause, not "would" in a relative clause', () => {
    expect(cueOf('Talks on the second phase, which would cover reconstruction, are to begin soon.')).toBe('are to');
  });

  it('carries the cue of a list lead-in to its items', () => {
    expect(cueOf('exchange hydrological data on a monthly basis;', { leadIn: 'The Contracting Parties shall:' })).toBe('shall');
  });
});

describe('judgeSentence: what is not a commitment', () => {
  it.each([
    ['Recognizing the importance of good-neighbourly relations,', 'preamble'],
    ['Desiring to settle all questions concerning their common border,', 'preamble'],
    ['Noting the growing importance of secure cables,', 'preamble'],
    ['Considering that the basin is a resource that will sustain future generations,', 'preamble'],
    ['WHEREAS the Parties wish to cooperate,', 'preamble'],
  ])('a preamble clause: %s', (sentence, reason) => {
    expect(judgeSentence(sentence).cue).toBeNull();
    expect(reasonOf(sentence)).toBe(reason);
  });

  it.each([
    'This Agreement shall enter into force on the date of the last notification.',
    'It shall enter into force on the date of the exchange of the instruments of ratification.',
    'This Memorandum will come into effect on the date of the last signature.',
    'This order shall be implemented consistent with applicable law.',
    'Nothing in this order shall be construed to impair the authority of any agency.',
    'The Spanish and English texts shall be equally authentic.',
  ])('boilerplate about the instrument: %s', (sentence) => {
    expect(judgeSentence(sentence).cue).toBeNull();
  });

  it('a definition', () => {
    expect(judgeSentence('"Producer" means any person who places goods on the market.').cue).toBeNull();
    expect(judgeSentence('The term "basin" shall mean the area drained by the river.').cue).toBeNull();
  });

  it.each([
    'Observers will remember the 2019 pledge on visa-free travel, which was quietly dropped two years later.',
    'Analysts will be watching whether the funding survives.',
    'This will likely boost trade between the two countries.',
    'It will be difficult to meet the timetable.',
    'Several ministers expressed the view that more funding will be needed.',
    'Environmental campaigners said they would challenge the project in court.',
    'Opposition leaders said they would campaign against the package.',
    'Critics in Congress argue that the waiver should be conditioned on benchmarks.',
  ])('an opinion or forecast: %s', (sentence) => {
    expect(judgeSentence(sentence, { documentYear: 2026 }).cue).toBeNull();
  });

  it.each([
    'In 2017 the two countries had agreed to build a ferry terminal, but the project collapsed.',
    'The plant was to open in 2020.',
    'In 2019 the leaders pledged to open the border.',
  ])('reported history: %s', (sentence) => {
    expect(judgeSentence(sentence, { documentYear: 2026 }).cue).toBeNull();
  });

  it('a statement of purpose', () => {
    expect(judgeSentence('The objectives of this Agreement are to liberalise trade.').cue).toBeNull();
  });

  it('a question', () => {
    expect(judgeSentence('Will the Parties meet their targets?').cue).toBeNull();
  });

  it('"political will" is not the modal', () => {
    expect(judgeSentence('The summit showed strong political will among the leaders.').cue).toBeNull();
  });

  it('a sentence without any cue', () => {
    expect(reasonOf('Ministers met in Tbilisi and reviewed progress.')).toBe('no cue');
  });
});
