/** What the analyst asserts about a commitment, with evidence. */
export const IMPLEMENTATION_STATUSES = [
  'not_started',
  'in_progress',
  'at_risk',
  'stalled',
  'completed',
  'partially_completed',
  'not_pursued',
] as const;
export type ImplementationStatus = (typeof IMPLEMENTATION_STATUSES)[number];

/** Statuses that end a commitment's schedule: they carry no schedule flags. */
export const CLOSED_STATUSES: readonly ImplementationStatus[] = ['completed', 'partially_completed', 'not_pursued'];

/**
 * Flags derived from the due date and today's date in the workspace time zone.
 * Never stored. The order here is the order flags are reported in.
 */
export const SCHEDULE_FLAGS = ['overdue', 'due_today', 'due_soon', 'upcoming', 'no_deadline', 'anchor_pending', 'stale'] as const;
export type ScheduleFlag = (typeof SCHEDULE_FLAGS)[number];

export const STATUS_LABELS: Record<ImplementationStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  at_risk: 'At risk',
  stalled: 'Stalled',
  completed: 'Completed',
  partially_completed: 'Partially completed',
  not_pursued: 'Not pursued',
};

export const FLAG_LABELS: Record<ScheduleFlag, string> = {
  overdue: 'Overdue',
  due_today: 'Due today',
  due_soon: 'Due within 7 days',
  upcoming: 'Due within 30 days',
  no_deadline: 'No deadline',
  anchor_pending: 'Anchor pending',
  stale: 'Not verified recently',
};

export function isClosedStatus(s: ImplementationStatus): boolean {
  return CLOSED_STATUSES.includes(s);
}

export function isImplementationStatus(value: unknown): value is ImplementationStatus {
  return typeof value === 'string' && (IMPLEMENTATION_STATUSES as readonly string[]).includes(value);
}

export function isScheduleFlag(value: unknown): value is ScheduleFlag {
  return typeof value === 'string' && (SCHEDULE_FLAGS as readonly string[]).includes(value);
}
