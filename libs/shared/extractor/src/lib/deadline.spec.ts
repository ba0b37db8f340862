import { classifyAnchor, DOCUMENT_DATE_ANCHOR, readDeadline } from './deadline';

const read = (sentence: string, date = '2026-03-14') => readDeadline(sentence, date).deadline;

describe('readDeadline: absolute dates', () => {
  it.each([
    ['A mission will be deployed by 1 December 2026.', '2026-12-01', 'day'],
    ['They will meet on December 31, 2026.', '2026-12-31', 'day'],
    ['The report is due no later than 2026-10-15.', '2026-10-15', 'day'],
    ['The next meeting will be held in Baku in May 2027.', '2027-05-31', 'month'],
    ['The study will be completed by the end of September 2026.', '2026-09-30', 'month'],
    ['The office will open in the third quarter of 2026.', '2026-09-30', 'quarter'],
    ['A report is due by the end of the first quarter of 2027.', '2027-03-31', 'quarter'],
    ['The workshop will take place in Q2 2026.', '2026-06-30', 'quarter'],
    ['A strategy will be presented in the first half of 2027.', '2027-06-30', 'quarter'],
    ['Coal will be phased out by 2035.', '2035-12-31', 'year'],
    ['The roadmap is to be presented by the end of 2026.', '2026-12-31', 'year'],
    ['The terminal is to be completed by the end of next year.', '2027-12-31', 'year'],
    ['The office will open later this year.', '2026-12-31', 'year'],
    ['The study will be completed by mid-2027.', '2027-06-30', 'month'],
    ['The next meeting will take place in spring 2027.', '2027-05-31', 'month'],
    ['The operators are expected to complete the study in the course of 2027.', '2027-12-31', 'year'],
    ['Kaldonia plans to launch a tender next month.', '2026-04-30', 'month'],
    ['The president will address parliament on Aug. 12.', '2026-08-12', 'day'],
    ['The president will address parliament on August 12, 2026.', '2026-08-12', 'day'],
    ['The tender will be launched later this month.', '2026-03-31', 'month'],
  ])('%s → %s (%s)', (sentence, date, precision) => {
    expect(read(sentence)).toEqual({ kind: 'absolute', date, precision });
  });

  it('reads "before 1 September 2026" as the day before', () => {
    expect(read('Each country will submit a plan before 1 September 2026.')).toEqual({
      kind: 'absolute',
      date: '2026-08-31',
      precision: 'day',
    });
  });

  it('reads "before 2030" as the end of the year before', () => {
    expect(read('The plant will close before 2030.')).toEqual({ kind: 'absolute', date: '2029-12-31', precision: 'year' });
  });

  it('places a day with no year on or after the document date', () => {
    expect(read('They will meet on 15 June.', '2026-08-01')).toEqual({ kind: 'absolute', date: '2027-06-15', precision: 'day' });
  });

  it('ignores dates before the document date (history, not deadlines)', () => {
    expect(read('The fund, set up on 3 May 2019, will be audited.')).toEqual({ kind: 'none' });
    expect(read('The plan agreed in 2019 will be revised.')).toEqual({ kind: 'none' });
  });

  it('does not read the modal "may" as the month', () => {
    expect(read('The Parties may meet in may be a later date.')).toEqual({ kind: 'none' });
  });
});

describe('readDeadline: relative deadlines', () => {
  it.each([
    ['The Parties shall meet within six months of signing.', 'P6M', 'signing', 'signing'],
    [
      'Relations shall be established no later than 30 days after the entry into force of this Agreement.',
      'P30D',
      'entry_into_force',
      'the entry into force of this Agreement',
    ],
    ['Claims shall be withdrawn within one month of ratification.', 'P1M', 'ratification', 'ratification'],
    ["All hostages shall be released within 72 hours of Israel's acceptance.", 'P3D', 'other', "Israel's acceptance"],
    ['The Commission shall complete its work within two years of its first meeting.', 'P2Y', 'other', 'its first meeting'],
    ['Within 90 days of the date of this order, the Secretary shall submit a report.', 'P90D', 'signing', 'the date of this order'],
    ['The plan is due within 180 days after the date of enactment of this Act.', 'P180D', 'signing', 'the date of enactment of this Act'],
    [
      'A venture will be set up within 120 days of the agreement’s entry into force.',
      'P120D',
      'entry_into_force',
      'the agreement’s entry into force',
    ],
    [
      'The Commission shall be set up no later than ninety (90) days after the entry into force.',
      'P90D',
      'entry_into_force',
      'the entry into force',
    ],
    ['Talks are to begin no later than the 16th day of the first phase.', 'P16D', 'other', 'the first phase'],
    ["Operations shall cease on the day following Israel's acceptance.", 'P1D', 'other', "Israel's acceptance"],
  ])('%s → %s after %s', (sentence, duration, anchor, anchorPhrase) => {
    expect(read(sentence)).toEqual({ kind: 'relative', duration, anchor, anchorPhrase });
  });

  it('counts a duration that names no event from the document date', () => {
    expect(read('Forces are to withdraw within two weeks.')).toEqual({
      kind: 'relative',
      duration: 'P2W',
      anchor: 'other',
      anchorPhrase: DOCUMENT_DATE_ANCHOR,
    });
  });

  it('reads "over the next two years" and "within the next six months" from the document date', () => {
    expect(read('The authorities will carry out inspections over the next two years.')).toMatchObject({
      kind: 'relative',
      duration: 'P2Y',
      anchor: 'other',
    });
    expect(read('The Committee shall submit an assessment within the next six months and annually thereafter.')).toMatchObject({
      kind: 'relative',
      duration: 'P6M',
    });
  });

  it('reads "next week" as a week from the document date', () => {
    expect(read('The president will travel to Kaldonia next week.')).toEqual({
      kind: 'relative',
      duration: 'P1W',
      anchor: 'other',
      anchorPhrase: DOCUMENT_DATE_ANCHOR,
    });
  });

  it('does not read "the first visit in a decade" as a deadline', () => {
    expect(read('The president will make the first state visit in a decade.')).toEqual({ kind: 'none' });
  });

  it('reads "immediately" as a zero duration', () => {
    expect(read('Corridors will open immediately.')).toMatchObject({ kind: 'relative', duration: 'P0D' });
  });

  it('does not take "six months of talks" or "valid for 180 days" as deadlines', () => {
    expect(read('After six months of talks, the sides will sign.')).toEqual({ kind: 'none' });
    expect(read('The licence is valid for 180 days.')).toEqual({ kind: 'none' });
  });
});

describe('readDeadline: recurring cadences', () => {
  it.each([
    ['The waiver must be renewed every 180 days.', 'P180D'],
    ['The Commission shall meet at least once every six months.', 'P6M'],
    ['The sides agreed to review it every two years.', 'P2Y'],
    ['The agency shall report annually.', 'P1Y'],
    ['The department would publish an assessment each January.', 'P1Y'],
    ['The Commission shall meet twice a year.', 'P6M'],
    ['Data shall be exchanged on a monthly basis.', 'P1M'],
    ['The Task Force shall report quarterly.', 'P3M'],
    ['The Commission shall publish an annual report.', 'P1Y'],
    ['The committee will meet every other year.', 'P2Y'],
  ])('%s → every %s', (sentence, every) => {
    expect(read(sentence)).toEqual({ kind: 'recurring', every });
  });

  it('prefers a deadline counted from an event over "each renewal"', () => {
    expect(read('The department must report within 60 days of each renewal.')).toMatchObject({
      kind: 'relative',
      duration: 'P60D',
      anchorPhrase: 'each renewal',
    });
  });

  it('lets the first deadline lead when a cadence follows it "thereafter"', () => {
    expect(
      read('The Task Force shall meet no later than 30 days after the date of this order and at least quarterly thereafter.'),
    ).toMatchObject({
      kind: 'relative',
      duration: 'P30D',
    });
  });

  it('gives none when the sentence sets no time', () => {
    expect(read('Each Party shall refrain from the threat or use of force.')).toEqual({ kind: 'none' });
  });
});

describe('classifyAnchor', () => {
  it.each([
    ['the signing of this Agreement', 'signing'],
    ['signature', 'signing'],
    ['its entry into force', 'entry_into_force'],
    ['the date on which this Agreement enters into force', 'entry_into_force'],
    ['the exchange of the instruments of ratification', 'ratification'],
    ["Israel's acceptance", 'other'],
    ['each renewal', 'other'],
  ])('%s → %s', (phrase, kind) => {
    expect(classifyAnchor(phrase)).toBe(kind);
  });
});
