import {
  CLOSED_STATUSES,
  FLAG_LABELS,
  IMPLEMENTATION_STATUSES,
  isClosedStatus,
  isImplementationStatus,
  isScheduleFlag,
  SCHEDULE_FLAGS,
  STATUS_LABELS,
} from './status';

describe('status vocabulary', () => {
  it('lists the implementation statuses of the design, in order', () => {
    expect(IMPLEMENTATION_STATUSES).toEqual([
      'not_started',
      'in_progress',
      'at_risk',
      'stalled',
      'completed',
      'partially_completed',
      'not_pursued',
    ]);
  });

  it('lists the schedule flags of the design, in order', () => {
    expect(SCHEDULE_FLAGS).toEqual(['overdue', 'due_today', 'due_soon', 'upcoming', 'no_deadline', 'anchor_pending', 'stale']);
  });

  it('treats completed, partially completed and not pursued as closed', () => {
    expect(CLOSED_STATUSES).toEqual(['completed', 'partially_completed', 'not_pursued']);
    expect(IMPLEMENTATION_STATUSES.filter(isClosedStatus)).toEqual(CLOSED_STATUSES);
    expect(isClosedStatus('in_progress')).toBe(false);
    expect(isClosedStatus('stalled')).toBe(false);
  });

  it('has a human label for every status and flag', () => {
    expect(STATUS_LABELS.in_progress).toBe('In progress');
    expect(STATUS_LABELS.partially_completed).toBe('Partially completed');
    expect(Object.keys(STATUS_LABELS).sort()).toEqual([...IMPLEMENTATION_STATUSES].sort());
    expect(FLAG_LABELS).toEqual({
      overdue: 'Overdue',
      due_today: 'Due today',
      due_soon: 'Due within 7 days',
      upcoming: 'Due within 30 days',
      no_deadline: 'No deadline',
      anchor_pending: 'Anchor pending',
      stale: 'Not verified recently',
    });
  });

  it('recognises statuses and flags in untrusted input', () => {
    expect(isImplementationStatus('at_risk')).toBe(true);
    expect(isImplementationStatus('overdue')).toBe(false);
    expect(isImplementationStatus(3)).toBe(false);
    expect(isScheduleFlag('stale')).toBe(true);
    expect(isScheduleFlag('completed')).toBe(false);
    expect(isScheduleFlag(undefined)).toBe(false);
  });
});
