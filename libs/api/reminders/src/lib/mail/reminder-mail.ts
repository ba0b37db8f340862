/** The reminder mails: plain text and HTML from the items a delivery covers. Pure functions. */
import { formatDate, localDate, STATUS_LABELS, type ImplementationStatus } from '@pactwatch/shared/deadlines';
import type { ReminderGroup } from '../planning/schedule';

/**
 * The dashboard page where a user sets when and how they are reminded (the account page's first card). Every link
 * of every mail is checked against the dashboard's routes by apps/web's mail-links spec.
 */
export const PREFERENCES_PATH = '/account';

/** One line of a reminder, as planned (stored in `mail_outbox.items`). */
export interface ReminderItem {
  itemKey: string;
  kind: 'deadline' | 'status_change';
  commitmentId: string;
  refCode: string;
  title: string;
  dueDate: string | null;
  /** Days from the planning day to the due date (negative: overdue). */
  daysLeft: number | null;
  reason: string;
  group: ReminderGroup | 'status_change';
  /** How the deadline was computed, e.g. "6 months after MoU signed (8 Aug 2025) → 8 Feb 2026". */
  deadlineText: string;
  /** Why this recipient gets it, e.g. "you own it", "you watch the agreement …". */
  because: string;
  statusBefore?: ImplementationStatus | null;
  statusAfter?: ImplementationStatus;
  changedBy?: string;
  /** The status update's effective date, as the analyst gave it. */
  changedOn?: string;
  /** When the status update was recorded (an instant): mails show its date in the recipient's time zone. */
  changedAt?: string;
  note?: string;
}

/** What kind of mail: one reminder, a digest, or the catch-up that replaces mail that missed its day. */
export type MailMode = 'single' | 'digest' | 'catchup';

/** A catch-up mail says why it comes: how many mails it replaces, and since when mail was failing. */
export interface CatchUpNote {
  replaced: number;
  /** The first local day whose mail did not go out (YYYY-MM-DD). */
  since: string;
}

export interface MailContext {
  recipientName: string;
  publicUrl: string;
  workspaceName: string;
  unsubscribeUrl: string;
  preferencesUrl: string;
  /** The recipient's time zone: every date in the mail is their local date. */
  timeZone: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const GROUP_ORDER: (ReminderItem['group'] | 'status_change')[] = ['overdue', 'due_today', 'due_soon', 'status_change'];
const GROUP_TITLES: Record<ReminderItem['group'], string> = {
  overdue: 'Overdue',
  due_today: 'Due today',
  due_soon: 'Due soon',
  status_change: 'Status changes',
};

export function commitmentUrl(publicUrl: string, refCode: string): string {
  return `${publicUrl}/commitments/${encodeURIComponent(refCode)}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "due in 7 days", "due today", "3 days overdue". */
export function whenText(daysLeft: number | null): string {
  if (daysLeft === null) return 'no due date';
  if (daysLeft === 0) return 'due today';
  if (daysLeft === 1) return 'due tomorrow';
  return daysLeft > 0 ? `due in ${daysLeft} days` : `${plural(-daysLeft, 'day')} overdue`;
}

function statusLabel(status: ImplementationStatus | null | undefined): string {
  return status ? (STATUS_LABELS[status] ?? status) : 'none';
}

/** Items in mail order: overdue, due today, due soon, status changes; by due date within a group. */
export function sortItems(items: readonly ReminderItem[]): ReminderItem[] {
  return [...items].sort(
    (a, b) =>
      GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group) ||
      (a.dueDate ?? '9999-12-31').localeCompare(b.dueDate ?? '9999-12-31') ||
      a.refCode.localeCompare(b.refCode) ||
      (a.changedOn ?? '').localeCompare(b.changedOn ?? ''),
  );
}

/** "due in 7 days, 8 Feb 2026", "due today, 8 Feb 2026", "3 days overdue (due 8 Feb 2026)". */
function whenWithDate(item: ReminderItem): string {
  if (!item.dueDate) return whenText(item.daysLeft);
  const date = formatDate(item.dueDate);
  return item.daysLeft !== null && item.daysLeft < 0 ? `${whenText(item.daysLeft)} (due ${date})` : `${whenText(item.daysLeft)}, ${date}`;
}

function itemHeadline(item: ReminderItem): string {
  if (item.kind === 'status_change') return `${item.refCode} is now ${statusLabel(item.statusAfter).toLowerCase()}: ${item.title}`;
  return `${item.refCode} ${item.title} — ${whenWithDate(item)}`;
}

/**
 * What the mail is about, in its subject. One item: named, with when it is due ("AZ-US-2025-01 Draft the Strategic
 * Partnership Charter — due in 7 days, 8 Feb 2026"). Several: counted by kind, and the most urgent named.
 * Expects the items in mail order (sortItems).
 */
export function subjectFor(items: readonly ReminderItem[], mode: MailMode = 'digest'): string {
  const prefix = mode === 'catchup' ? 'Catch-up: ' : '';
  if (items.length === 1) return `${prefix}${itemHeadline(items[0])}`;
  const counts = GROUP_ORDER.map((group) => [group, items.filter((i) => i.group === group).length] as const)
    .filter(([, n]) => n > 0)
    .map(([group, n]) => (group === 'status_change' ? plural(n, 'status change') : `${n} ${GROUP_TITLES[group].toLowerCase()}`));
  const urgent = items[0];
  const named =
    urgent.kind === 'status_change'
      ? `${urgent.refCode} is now ${statusLabel(urgent.statusAfter).toLowerCase()}`
      : `most urgent: ${urgent.refCode} ${urgent.title} (${whenText(urgent.daysLeft)})`;
  return `${prefix || 'Reminders: '}${counts.join(', ')} — ${named}`;
}

/** "on 15 Feb 2026" in the recipient's zone (when it was recorded), with the effective date when that differs. */
function changedText(item: ReminderItem, timeZone: string): string {
  const recorded = item.changedAt ? localDate(new Date(item.changedAt), timeZone) : null;
  if (!recorded) return item.changedOn ? ` on ${formatDate(item.changedOn)}` : '';
  const effective = item.changedOn && item.changedOn !== recorded ? ` (effective ${formatDate(item.changedOn)})` : '';
  return ` on ${formatDate(recorded)}${effective}`;
}

/**
 * The items as they stand on the recipient's `today` (at sending): days left and group worked out again from the
 * due date, so a mail sent later than planned never says "due tomorrow" on the due day.
 */
export function itemsAsOf(items: readonly ReminderItem[], today: string): ReminderItem[] {
  return items.map((item) => {
    if (!item.dueDate) return item;
    const daysLeft = Math.round((Date.parse(`${item.dueDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
    if (item.kind === 'status_change') return { ...item, daysLeft };
    return { ...item, daysLeft, group: daysLeft < 0 ? 'overdue' : daysLeft === 0 ? 'due_today' : 'due_soon' };
  });
}

function itemText(item: ReminderItem, publicUrl: string, timeZone: string): string {
  const lines = [`${item.refCode} · ${item.title}`];
  if (item.kind === 'status_change') {
    lines.push(
      `Status changed from ${statusLabel(item.statusBefore)} to ${statusLabel(item.statusAfter)}` +
        (item.changedBy ? ` by ${item.changedBy}` : '') +
        changedText(item, timeZone) +
        '.',
    );
    if (item.note) lines.push(`Note: ${item.note}`);
    if (item.dueDate) lines.push(`Deadline: ${item.deadlineText}`);
  } else {
    lines.push(`Due ${item.dueDate ? formatDate(item.dueDate) : '(no date)'}: ${whenText(item.daysLeft)}.`);
    lines.push(`Deadline: ${item.deadlineText}`);
  }
  lines.push(`Why you get this: ${item.because}.`);
  lines.push(commitmentUrl(publicUrl, item.refCode));
  return lines.join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function itemHtml(item: ReminderItem, publicUrl: string, timeZone: string): string {
  const url = escapeHtml(commitmentUrl(publicUrl, item.refCode));
  const head = `<a href="${url}"><strong>${escapeHtml(item.refCode)}</strong> · ${escapeHtml(item.title)}</a>`;
  const lines: string[] = [];
  if (item.kind === 'status_change') {
    lines.push(
      `Status changed from <strong>${escapeHtml(statusLabel(item.statusBefore))}</strong> to <strong>${escapeHtml(statusLabel(item.statusAfter))}</strong>` +
        (item.changedBy ? ` by ${escapeHtml(item.changedBy)}` : '') +
        escapeHtml(changedText(item, timeZone)) +
        '.',
    );
    if (item.note) lines.push(`Note: ${escapeHtml(item.note)}`);
    if (item.dueDate) lines.push(`Deadline: ${escapeHtml(item.deadlineText)}`);
  } else {
    lines.push(
      `Due <strong>${escapeHtml(item.dueDate ? formatDate(item.dueDate) : '(no date)')}</strong>: ${escapeHtml(whenText(item.daysLeft))}.`,
    );
    lines.push(`Deadline: ${escapeHtml(item.deadlineText)}`);
  }
  lines.push(`<small>Why you get this: ${escapeHtml(item.because)}.</small>`);
  return `<li style="margin:0 0 12px">${head}<br>${lines.join('<br>')}</li>`;
}

function catchUpIntro(note: CatchUpNote, workspaceName: string): string {
  return (
    `${workspaceName} could not deliver mail from ${formatDate(note.since)} on. This mail replaces the ` +
    `${plural(note.replaced, 'reminder mail')} that did not go out in time, and says where things stand now.`
  );
}

/**
 * Renders one reminder mail: a single item, a digest grouped into overdue, due today, due soon and status changes,
 * or a catch-up (a digest that says which mail it replaces).
 */
export function renderReminderMail(
  items: readonly ReminderItem[],
  mode: MailMode | boolean,
  context: MailContext,
  catchUp?: CatchUpNote,
): RenderedMail {
  if (items.length === 0) throw new Error('A reminder mail needs at least one item');
  const kind: MailMode = typeof mode === 'boolean' ? (mode ? 'digest' : 'single') : mode;
  const sorted = sortItems(items);
  const subject = `[${context.workspaceName}] ${subjectFor(sorted, kind)}`;
  const groups = GROUP_ORDER.map((group) => ({ group, items: sorted.filter((i) => i.group === group) })).filter((g) => g.items.length > 0);
  const intro = kind === 'catchup' && catchUp ? catchUpIntro(catchUp, context.workspaceName) : null;
  const zone = context.timeZone;

  const text = [
    `Hello ${context.recipientName},`,
    '',
    ...(intro ? [intro, ''] : []),
    ...groups.flatMap(({ group, items: groupItems }) => [
      `== ${GROUP_TITLES[group]} (${groupItems.length}) ==`,
      '',
      ...groupItems.flatMap((item) => [itemText(item, context.publicUrl, zone), '']),
    ]),
    '--',
    `Change when and how ${context.workspaceName} reminds you: ${context.preferencesUrl}`,
    `Stop all reminder mail: ${context.unsubscribeUrl}`,
    '',
  ].join('\n');

  const html = [
    '<!doctype html><html><body style="font-family:Roboto,Arial,sans-serif;line-height:1.4;color:#1b1b1f">',
    `<p>Hello ${escapeHtml(context.recipientName)},</p>`,
    ...(intro ? [`<p>${escapeHtml(intro)}</p>`] : []),
    ...groups.map(
      ({ group, items: groupItems }) =>
        `<h2 style="font-size:16px;margin:16px 0 8px">${GROUP_TITLES[group]} (${groupItems.length})</h2><ul style="padding-left:18px">${groupItems
          .map((item) => itemHtml(item, context.publicUrl, zone))
          .join('')}</ul>`,
    ),
    `<hr><p style="font-size:12px;color:#555"><a href="${escapeHtml(context.preferencesUrl)}">Change when and how ${escapeHtml(context.workspaceName)} reminds you</a> · <a href="${escapeHtml(context.unsubscribeUrl)}">Unsubscribe from all reminder mail</a></p>`,
    '</body></html>',
  ].join('\n');
  return { subject: subject.slice(0, 300), text, html };
}
