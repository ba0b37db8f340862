/**
 * The deadlines calendar's statement and the pure mapping of its rows to events. Framework-free, so the
 * service and the benchmark's floor (tools/bench) run the very same SQL.
 */
import ICAL from 'ical.js';
import { describeDeadline, DeadlineSpec, ImplementationStatus, STATUS_LABELS } from '@pactwatch/shared/deadlines';
import {
  commitmentSource,
  OPEN_STATUSES,
  filterConditions,
  ReadScope,
  ResolvedFilter,
  Statement,
  whereClause,
} from '../commitments/commitment-sql';
import { shiftDays } from '../shared/dates';
import { SqlParams } from '../shared/sql';

/**
 * At most this many events in one calendar feed. Past it, the feed keeps the deadlines nearest to today (overdue
 * or ahead), so a long backlog of old overdue items never pushes the coming ones out.
 */
export const CALENDAR_FEED_LIMIT = 5000;

/** One calendar event's commitment, as the statement returns it. */
export interface DeadlineEventRow {
  id: string;
  ref_code: string;
  title: string;
  due_date: string;
  status: ImplementationStatus;
  progress: number;
  responsible_body: string;
  deadline: DeadlineSpec;
  anchor_pending: boolean;
  anchor_event_id: string | null;
  anchor_name: string | null;
  anchor_date: string | null;
  agreement_title: string | null;
  areas: { slug: string; name: string }[];
}

export interface DeadlineEvent {
  uid: string;
  refCode: string;
  dueDate: string;
  summary: string;
  description: string;
  url: string;
  cancelled: boolean;
  categories: string[];
}

/**
 * The filter of a calendar: every commitment with a due date that is still open (overdue ones included, however far
 * ahead the date), unless the filter names statuses of its own; dueFrom / dueTo narrow it when given.
 */
export function calendarFilter(filter: ResolvedFilter): ResolvedFilter {
  return { ...filter, hasDueDate: true, status: filter.status?.length ? filter.status : OPEN_STATUSES };
}

/** The columns the events need, earliest due date first; areas as a JSON array. Past the limit, the nearest to today. */
export function deadlineEventsStatement(filter: ResolvedFilter, scope: ReadScope, limit = CALENDAR_FEED_LIMIT): Statement {
  const params = new SqlParams();
  const source = commitmentSource(params, null);
  const where = whereClause(filterConditions(filter, source, params, scope.flagDay));
  const today = params.add(scope.flagDay.today, 'date');
  return {
    sql: `SELECT * FROM (
       SELECT c.id, c.ref_code, c.title, c.due_date::text AS due_date, c.status, c.progress, c.responsible_body, c.deadline,
         c.anchor_pending, c.anchor_event_id, ae.name AS anchor_name, ae.occurred_on::text AS anchor_date, ag.title AS agreement_title,
         (SELECT coalesce(json_agg(json_build_object('slug', a.slug, 'name', a.name)), '[]')
            FROM commitment_areas ca JOIN policy_areas a ON a.id = ca.area_id WHERE ca.commitment_id = c.id) AS areas
       FROM ${source.from} LEFT JOIN agreements ag ON ag.id = c.agreement_id LEFT JOIN anchor_events ae ON ae.id = c.anchor_event_id
       ${where} ORDER BY abs(${source.due} - ${today}), ${source.due}, c.id LIMIT ${params.add(limit, 'int')}
     ) e ORDER BY e.due_date, e.id`,
    values: params.values,
  };
}

/** One all-day event per due date, with a stable UID per commitment so subscribed calendars update in place. */
export function toDeadlineEvent(row: DeadlineEventRow, publicUrl: string): DeadlineEvent {
  const url = `${publicUrl}/commitments/${encodeURIComponent(row.ref_code)}`;
  const anchors = row.anchor_event_id ? { [row.anchor_event_id]: { name: row.anchor_name ?? '', date: row.anchor_date } } : {};
  const deadlineText = describeDeadline(row.deadline, anchors, { dueDate: row.due_date, anchorPending: row.anchor_pending });
  return {
    uid: `commitment-${row.id}@pactwatch`,
    refCode: row.ref_code,
    dueDate: row.due_date,
    summary: `${row.ref_code}: ${row.title}`,
    description: [
      row.title,
      `Deadline: ${deadlineText}`,
      `Status: ${STATUS_LABELS[row.status]} (${row.progress}%)`,
      row.responsible_body ? `Responsible: ${row.responsible_body}` : null,
      `Agreement: ${row.agreement_title ?? ''}`,
      url,
    ]
      .filter(Boolean)
      .join('\n'),
    url,
    cancelled: row.status === 'not_pursued',
    categories: [...row.areas].sort((a, b) => a.slug.localeCompare(b.slug)).map((area) => area.name),
  };
}

/** What a calendar says about itself. */
export interface CalendarHead {
  name: string;
  url: string;
  /** When its events were rendered (DTSTAMP). */
  stamp: Date;
}

/** An iCalendar DATE value (all-day) for a YYYY-MM-DD day. */
function icalDay(day: string): ICAL.Time {
  return ICAL.Time.fromDateString(day);
}

/**
 * The iCalendar (RFC 5545) text of all-day events, with the properties calendar apps read (Outlook's
 * all-day markers included). ical.js escapes text and folds long lines.
 */
export function renderCalendar(events: readonly DeadlineEvent[], head: CalendarHead): string {
  const stamp = ICAL.Time.fromJSDate(head.stamp, true);
  const calendar = new ICAL.Component('vcalendar');
  calendar.addPropertyWithValue('version', '2.0');
  calendar.addPropertyWithValue('prodid', '-//Pactwatch//deadlines//EN');
  calendar.addPropertyWithValue('url', head.url);
  calendar.addPropertyWithValue('name', head.name);
  calendar.addPropertyWithValue('x-wr-calname', head.name);
  calendar.addPropertyWithValue('x-wr-caldesc', 'Deadlines of commitments tracked in Pactwatch');
  // ical.js writes the VALUE=DURATION parameter itself for a duration value (RFC 7986 §5.7): setting it too doubled it.
  calendar.addPropertyWithValue('refresh-interval', ICAL.Duration.fromString('PT1H'));
  calendar.addPropertyWithValue('x-published-ttl', 'PT1H');
  for (const event of events) {
    const vevent = new ICAL.Component('vevent');
    vevent.addPropertyWithValue('uid', event.uid);
    vevent.addPropertyWithValue('sequence', 0);
    vevent.addPropertyWithValue('dtstamp', stamp);
    vevent.addPropertyWithValue('dtstart', icalDay(event.dueDate));
    vevent.addPropertyWithValue('dtend', icalDay(shiftDays(event.dueDate, 1)));
    vevent.addPropertyWithValue('x-microsoft-cdo-alldayevent', 'TRUE');
    vevent.addPropertyWithValue('x-microsoft-msncalendar-alldayevent', 'TRUE');
    vevent.addPropertyWithValue('summary', event.summary);
    vevent.addPropertyWithValue('description', event.description);
    if (event.categories.length > 0) {
      const categories = new ICAL.Property('categories', vevent);
      categories.setValues(event.categories);
      vevent.addProperty(categories);
    }
    vevent.addPropertyWithValue('url', event.url);
    vevent.addPropertyWithValue('status', event.cancelled ? 'CANCELLED' : 'CONFIRMED');
    calendar.addSubcomponent(vevent);
  }
  return foldLines(calendar.toString());
}

/** The most octets a content line may have, CRLF not counted (RFC 5545 §3.1). */
export const ICAL_LINE_OCTETS = 75;

const utf8Octets = (codePoint: number) => (codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4);

/** One logical content line folded so that every physical line, a continuation's leading space included, has at most 75 octets. */
export function foldLine(line: string): string {
  if (line.length * 3 <= ICAL_LINE_OCTETS) return line;
  let folded = '';
  let current = '';
  let octets = 0;
  let limit = ICAL_LINE_OCTETS;
  // By code point, so a UTF-8 multi-byte sequence is never split across two lines.
  for (const char of line) {
    const size = utf8Octets(char.codePointAt(0) as number);
    if (octets + size > limit) {
      folded += `${current}\r\n `;
      current = '';
      octets = 0;
      limit = ICAL_LINE_OCTETS - 1;
    }
    current += char;
    octets += size;
  }
  return folded + current;
}

/**
 * ical.js folds after 75 octets and then adds the space, so its continuation lines have 76. Its output is unfolded
 * (RFC 5545 §3.1: CRLF followed by one space or tab) and folded again by foldLine; every line ends with CRLF.
 */
export function foldLines(text: string): string {
  const lines = text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((line) => line !== '');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** RFC 9110 If-None-Match, with the weak comparison it calls for: true when the client's copy is current. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}
