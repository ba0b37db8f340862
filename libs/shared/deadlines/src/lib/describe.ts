/**
 * Human-readable descriptions of deadlines, in English, independent of the
 * runtime's locale data.
 */
import { toCalendar } from './calendar';
import { DeadlineSpec, DueDateResult, endOfPrecision } from './deadline-spec';
import { describeDuration, singleUnitName } from './duration';

export interface AnchorInfo {
  name: string;
  /** YYYY-MM-DD, or null when pending. */
  date: string | null;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** '2025-08-08' -> '8 Aug 2025'. */
export function formatDate(date: string): string {
  const value = toCalendar(date);
  return `${value.day} ${MONTHS[value.month - 1]} ${value.year}`;
}

function anchorLabel(anchors: Readonly<Record<string, AnchorInfo>>, id: string): string {
  const anchor = Object.prototype.hasOwnProperty.call(anchors, id) ? anchors[id] : undefined;
  const name = anchor?.name?.trim() || 'unknown anchor event';
  return anchor?.date ? `${name} (${formatDate(anchor.date)})` : `${name} (date pending)`;
}

/**
 * One line describing a deadline, e.g.
 * - '6 months after MoU signed (8 Aug 2025) → 8 Feb 2026'
 * - '6 months after MoU signed (date pending)'
 * - 'By 31 Dec 2026 (end of year)', 'By 30 Jun 2026 (end of Q2)', 'By 8 Feb 2026'
 * - 'Every 180 days from 8 Aug 2025 → next 4 Feb 2026'
 * - 'No deadline'
 */
export function describeDeadline(spec: DeadlineSpec, anchors: Readonly<Record<string, AnchorInfo>>, due: DueDateResult): string {
  switch (spec.kind) {
    case 'none':
      return 'No deadline';
    case 'absolute': {
      const end = endOfPrecision(spec.date, spec.precision);
      const by = `By ${formatDate(end)}`;
      switch (spec.precision) {
        case 'day':
          return by;
        case 'month':
          return `${by} (end of month)`;
        case 'quarter':
          return `${by} (end of Q${Math.ceil(toCalendar(end).month / 3)})`;
        case 'year':
          return `${by} (end of year)`;
      }
      return by;
    }
    case 'relative': {
      const text = `${describeDuration(spec.duration)} after ${anchorLabel(anchors, spec.anchorEventId)}`;
      return due.dueDate ? `${text} → ${formatDate(due.dueDate)}` : text;
    }
    case 'recurring': {
      const unit = singleUnitName(spec.interval);
      const every = unit ? `Every ${unit}` : `Every ${describeDuration(spec.interval)}`;
      const from = spec.anchorEventId ? anchorLabel(anchors, spec.anchorEventId) : spec.start ? formatDate(spec.start) : 'an unknown start';
      const text = `${every} from ${from}`;
      return due.dueDate ? `${text} → next ${formatDate(due.dueDate)}` : text;
    }
  }
}
