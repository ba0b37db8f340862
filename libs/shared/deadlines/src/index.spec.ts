import * as api from './index';

describe('@pactwatch/shared/deadlines public API', () => {
  it('exports the documented values', () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        'CLOSED_STATUSES',
        'DATE_PRECISIONS',
        'DEADLINE_KINDS',
        'DEFAULT_DUE_SOON_DAYS',
        'DEFAULT_UPCOMING_DAYS',
        'DURATION_FORMAT_MESSAGE',
        'DURATION_WORDS_SOURCE',
        'DeadlineError',
        'FLAG_LABELS',
        'IMPLEMENTATION_STATUSES',
        'MAX_DURATION_YEARS',
        'SCHEDULE_FLAGS',
        'STATUS_LABELS',
        'addDuration',
        'computeDueDate',
        'computeScheduleFlags',
        'daysBetween',
        'dependsOnAnchor',
        'describeDeadline',
        'describeDuration',
        'dueInstant',
        'endOfPrecision',
        'formatDate',
        'isClosedStatus',
        'isImplementationStatus',
        'isIsoDate',
        'isScheduleFlag',
        'isValidIsoDuration',
        'isValidTimeZone',
        'localDate',
        'parseDurationWords',
        'parseIsoDuration',
        'parseNumberWords',
        'primaryFlag',
        'scheduleFlagsAt',
        'validateDeadlineSpec',
      ].sort(),
    );
  });

  it('DeadlineError carries a code and is an Error', () => {
    const error = new api.DeadlineError('invalid_spec', 'bad');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(api.DeadlineError);
    expect(error.code).toBe('invalid_spec');
    expect(error.name).toBe('DeadlineError');
    expect(error.message).toBe('bad');
  });
});
