import ICAL from 'ical.js';
import { calendarFilter, DeadlineEvent, etagMatches, foldLine, renderCalendar } from './feed-model';

describe('calendar feed', () => {
  it('holds every open commitment with a due date, however far back or ahead, unless the filter says otherwise', () => {
    expect(calendarFilter({ area: ['energy'] })).toEqual({
      area: ['energy'],
      hasDueDate: true,
      status: ['not_started', 'in_progress', 'at_risk', 'stalled'],
    });
    expect(calendarFilter({ dueFrom: '2020-01-01' })).toEqual({ dueFrom: '2020-01-01', hasDueDate: true, status: expect.any(Array) });
    expect(calendarFilter({ status: ['completed'] }).status).toEqual(['completed']);
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
    // Every content line ends with CRLF, the last one too (RFC 5545 §3.4).
    expect(lines.slice(-2)).toEqual(['END:VCALENDAR', '']);
    expect(text).not.toMatch(/[^\r]\n/);
  });

  it('folds long lines and parses back to the same values', () => {
    const long = { ...event, uid: 'commitment-2@pactwatch', summary: 'AZ-2: ' + '📅 due, é; '.repeat(30), description: 'x'.repeat(300) };
    const folded = renderCalendar([event, long], { name: 'Pactwatch deadlines', url: 'https://pactwatch.example.org', stamp: new Date() });
    expect(
      folded
        .split('\r\n')
        .map((line) => Buffer.byteLength(line))
        .filter((octets) => octets > 75),
    ).toEqual([]);
    expect(folded).toContain('\r\n ');
    const events = new ICAL.Component(ICAL.parse(folded)).getAllSubcomponents('vevent');
    expect(events.map((vevent) => vevent.getFirstPropertyValue('summary'))).toEqual([event.summary, long.summary]);
    expect(events[1].getFirstPropertyValue('description')).toBe(long.description);
    expect(events[0].getFirstProperty('categories')?.getValues()).toEqual(event.categories);
    expect(String(events[0].getFirstPropertyValue('dtstart'))).toBe('2026-02-28');
  });
});

describe('iCalendar strictness', () => {
  const octets = (line: string) => Buffer.byteLength(line, 'utf8');
  const text = renderCalendar([], { name: 'Pactwatch deadlines', url: 'https://pactwatch.example.org', stamp: new Date() });

  it('writes REFRESH-INTERVAL with its VALUE parameter once', () => {
    expect(text.split('\r\n')).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H');
  });

  it('folds at 75 octets with the continuation space counted, and never inside a UTF-8 character', () => {
    for (const line of ['A'.repeat(400), 'é'.repeat(200), '📅'.repeat(100), 'x' + '€'.repeat(120), 'ab' + '📅é'.repeat(60)]) {
      const folded = foldLine(line);
      const physical = folded.split('\r\n');
      expect(physical.map(octets).every((n) => n <= 75)).toBe(true);
      expect(physical.slice(1).every((part) => part.startsWith(' '))).toBe(true);
      // Each part is whole UTF-8 on its own: nothing was cut inside a character.
      for (const part of physical) expect(Buffer.from(part, 'utf8').toString('utf8')).toBe(part);
      expect(physical.map((part, index) => (index === 0 ? part : part.slice(1))).join('')).toBe(line);
    }
    // A 75-octet line stays whole; 76 octets fold.
    expect(foldLine('A'.repeat(75))).toBe('A'.repeat(75));
    expect(foldLine('A'.repeat(76))).toBe(`${'A'.repeat(75)}\r\n A`);
    expect(foldLine('A'.repeat(150)).split('\r\n').map(octets)).toEqual([75, 75, 2]);
  });
});
