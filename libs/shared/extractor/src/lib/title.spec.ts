import { judgeSentence } from './cues';
import { timeSpans } from './deadline';
import { titleAndBody } from './title';

function titled(sentence: string) {
  return titleAndBody(sentence, judgeSentence(sentence, { documentYear: 2026, hasDeadline: true }).cue, timeSpans(sentence, '2026-01-01'));
}

describe('titleAndBody', () => {
  it.each([
    [
      '…signed an MoU to establish a joint working group tasked with drafting a Strategic Partnership Charter within six months.',
      'Draft a Strategic Partnership Charter',
      'joint working group',
    ],
    [
      'The Parties shall establish diplomatic relations no later than 30 days after the entry into force of this Agreement.',
      'Establish diplomatic relations',
      'Parties',
    ],
    [
      'Ministers committed to mobilising joint financing for transmission projects, without setting a target date.',
      'Mobilise joint financing for transmission projects',
      'Ministers',
    ],
    [
      'The Secretariat is requested to prepare a report on grid needs by the end of the first quarter of 2026.',
      'Prepare a report on grid needs',
      'Secretariat',
    ],
    [
      'Ministers instructed the Secretariat to establish a shared stockpile no later than 31 March 2027.',
      'Establish a shared stockpile',
      'Secretariat',
    ],
    ['A spokesperson said the department would publish an annual assessment each January.', 'Publish an annual assessment', 'department'],
    ['Ministers agreed that the committee will meet in Baku in May 2027.', 'Meet in Baku', 'committee'],
  ])('%s → %j by %j', (sentence, title, body) => {
    expect(titled(sentence)).toEqual({ title, responsibleBody: body });
  });

  it('turns a passive into an action on its subject, with no body unless an agent is named', () => {
    expect(titled('A monitoring mission will be deployed by 1 December 2026.')).toEqual({
      title: 'Deploy a monitoring mission',
      responsibleBody: null,
    });
    expect(titled('The report shall be submitted by the Commission within 60 days of signing.')).toEqual({
      title: 'Submit the report',
      responsibleBody: 'Commission',
    });
  });

  it('makes the subject of an intransitive verb its object: "Negotiations will begin" → "Begin negotiations"', () => {
    expect(titled('Negotiations on the second phase will begin before 15 November 2026.').title).toBe(
      'Begin negotiations on the second phase',
    );
    expect(titled('The next meeting will take place in Estrava in spring 2027.').title).toBe('Hold the next meeting in Estrava');
  });

  it('keeps a negative: "Neither Party shall increase" → "Do not increase"', () => {
    expect(titled('Neither Party shall increase any existing customs duty.').title).toBe('Do not increase any existing customs duty');
    expect(titled('The Parties shall not deploy forces in the zone.').title).toBe('Do not deploy forces in the zone');
  });

  it('leaves out the deadline phrase and a second predicate', () => {
    expect(
      titled(
        'The Task Force shall convene its first meeting no later than 30 days after the date of this order and shall meet quarterly thereafter.',
      ).title,
    ).toBe('Convene its first meeting');
  });
});
