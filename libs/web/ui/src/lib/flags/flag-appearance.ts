import type { ScheduleFlag } from '@pactwatch/shared/contracts';
import { FLAG_LABELS } from '@pactwatch/shared/deadlines';

export interface FlagAppearance {
  /** Material Symbols ligature. Every flag has its own shape, so it never relies on colour. */
  icon: string;
  label: string;
  /** A sentence for tooltips and screen readers. */
  description: string;
}

export const FLAG_APPEARANCE: Record<ScheduleFlag, FlagAppearance> = {
  overdue: { icon: 'error', label: FLAG_LABELS.overdue, description: 'The due date has passed' },
  due_today: { icon: 'today', label: FLAG_LABELS.due_today, description: 'Due by the end of today' },
  due_soon: { icon: 'alarm', label: FLAG_LABELS.due_soon, description: 'Due within the next 7 days' },
  upcoming: { icon: 'event_upcoming', label: FLAG_LABELS.upcoming, description: 'Due within the next 30 days' },
  no_deadline: { icon: 'event_busy', label: FLAG_LABELS.no_deadline, description: 'This commitment has no deadline' },
  anchor_pending: {
    icon: 'hourglass_top',
    label: FLAG_LABELS.anchor_pending,
    description: 'The deadline counts from an event whose date is not known yet',
  },
  stale: { icon: 'history', label: FLAG_LABELS.stale, description: 'Not verified within the staleness window' },
};
