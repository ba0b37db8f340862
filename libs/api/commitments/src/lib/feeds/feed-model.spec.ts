import ICAL from 'ical.js';
import { calendarFilter, DeadlineEvent, etagMatches, renderCalendar } from './feed-model';

describe('calendar feed', () => {
  it('bounds a calendar to the last 90 days and the next 365 unless the filter moves a bound', () => {
    expect(calendarFilter({ area: ['energy'] }, '2026-01-15')).toEqual({
      area: ['energy'],
      hasDueDate: true,
      dueFrom: '2025-10-17',
      dueTo: '2027-01-15',
    });
    expect(calendarFilter({ dueFrom: '2020-01-01' }, '2026-01-15')).toMatchObject({ dueFrom: '2020-01-01', dueTo: '2027-01-15' });
  });

  it('matches If-None-Match with the weak comparison, in a list or as *', () => {
    expect(etagMatches('W/"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches('"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches('"x", W/"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches('*', 'W/"abc"')).toBe(true);
    expect(etagMatches('W/"abd"', 'W/"abc"')).toBe(false);
    expect(etagMatches(undefined, 'W/"abc"')).toBe(false);
  });
});

describe('renderCalendar', () => {
  const event: DeadlineEvent = {
    uid: 'commitment-1@pactwatch',
    refCode: 'AZ-1',
    dueDate: '2026-02-28',
    summary: 'AZ-1: trade, transit; and \\ more',
    description: 'First line\nDeadline: By 28 Feb 2026',
    url: 'https://pactwatch.example.org/commitments/AZ-1',
    cancelled: true,
    categories: ['Energy', 'Trade, transit'],
  };
  const text = renderCalendar([event], {
    name: 'Pactwatch deadlines',
    url: 'https://pactwatch.example.org',
    stamp: new Date('2026-01-15T09:00:00Z'),
  });
  const lines = text.split('\r\n');

  it('writes one all-day event with escaped text, the day after as its end, and CRLF line ends', () => {
    expect(lines.slice(0, 2)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0']);
    expect(lines).toEqual(
      expect.arrayContaining([
        'DTSTAMP:20260115T090000Z',
        'DTSTART;VALUE=DATE:20260228',
        'DTEND;VALUE=DATE:20260301',
        'SUMMARY:AZ-1: trade\\, transit\\; and \\\\ more',
        'DESCRIPTION:First line\\nDeadline: By 28 Feb 2026',
        'CATEGORIES:Energy,Trade\\, transit',
        'STATUS:CANCELLED',
      ]),
    );
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    expect(text).not.toMatch(/[^\r]\n/);
  });

  it('folds long lines and parses back to the same values', () => {
    const long = { ...event, uid: 'commitment-2@pactwatch', summary: 'AZ-2: ' + '📅 due, é; '.repeat(30), description: 'x'.repeat(300) };
    const folded = renderCalendar([event, long], { name: 'Pactwatch deadlines', url: 'https://pactwatch.example.org', stamp: new Date() });
    expect(folded.split('\r\n').every((line) => line.length <= 76)).toBe(true);
    expect(folded).toContain('\r\n ');
    const events = new ICAL.Component(ICAL.parse(folded)).getAllSubcomponents('vevent');
    expect(events.map((vevent) => vevent.getFirstPropertyValue('summary'))).toEqual([event.summary, long.summary]);
    expect(events[1].getFirstPropertyValue('description')).toBe(long.description);
    expect(events[0].getFirstProperty('categories')?.getValues()).toEqual(event.categories);
    expect(String(events[0].getFirstPropertyValue('dtstart'))).toBe('2026-02-28');
  });
});
