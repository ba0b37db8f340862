export type DeadlineErrorCode = 'invalid_duration' | 'invalid_date' | 'invalid_spec' | 'invalid_time_zone';

/** The one error type the deadline library throws for bad input. */
export class DeadlineError extends Error {
  constructor(
    readonly code: DeadlineErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DeadlineError';
    // Keep `instanceof` working when compiled to ES5 by a consumer.
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
