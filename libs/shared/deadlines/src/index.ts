export { DeadlineError } from './lib/errors';
export type { DeadlineErrorCode } from './lib/errors';
export {
  IMPLEMENTATION_STATUSES,
  CLOSED_STATUSES,
  SCHEDULE_FLAGS,
  STATUS_LABELS,
  FLAG_LABELS,
  isClosedStatus,
  isImplementationStatus,
  isScheduleFlag,
} from './lib/status';
export type { ImplementationStatus, ScheduleFlag } from './lib/status';
export {
  DURATION_FORMAT_MESSAGE,
  MAX_DURATION_YEARS,
  parseIsoDuration,
  isValidIsoDuration,
  addDuration,
  describeDuration,
} from './lib/duration';
export type { CalendarDuration } from './lib/duration';
export {
  DATE_PRECISIONS,
  DEADLINE_KINDS,
  isIsoDate,
  validateDeadlineSpec,
  endOfPrecision,
  computeDueDate,
  dependsOnAnchor,
} from './lib/deadline-spec';
export type {
  DatePrecision,
  DeadlineKind,
  DeadlineSpec,
  AnchorDates,
  DueDateResult,
  SpecValidationError,
  SpecValidationResult,
} from './lib/deadline-spec';
export {
  DEFAULT_DUE_SOON_DAYS,
  DEFAULT_UPCOMING_DAYS,
  computeScheduleFlags,
  primaryFlag,
  localDate,
  dueInstant,
  daysBetween,
  scheduleFlagsAt,
  isValidTimeZone,
} from './lib/flags';
export type { FlagInput, FlagOptions } from './lib/flags';
export { formatDate, describeDeadline } from './lib/describe';
export type { AnchorInfo } from './lib/describe';
export { DURATION_WORDS_SOURCE, parseDurationWords, parseNumberWords } from './lib/duration-words';
