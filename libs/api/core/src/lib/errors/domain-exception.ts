export interface FieldError {
  field: string;
  message: string;
}

/** The error vocabulary of the API; the exception filter maps each code to one HTTP status. */
export const ERROR_STATUS = {
  validation_failed: 400,
  bad_request: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  link_invalid: 400,
  link_expired: 410,
  link_used: 410,
  conflict: 409,
  version_conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable_content: 422,
  throttled: 429,
  database_unavailable: 503,
  server_busy: 503,
  read_only: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Base class of every expected failure; subclasses per domain add context, never a new status mapping. */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { errors?: FieldError[]; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = new.target.name;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export class NotFoundException extends DomainException {
  constructor(entity: string, id: string) {
    super('not_found', `${entity} ${id} does not exist`, { entity, id });
  }
}

export class ValidationFailedException extends DomainException {
  constructor(errors: FieldError[], message = 'The request is invalid') {
    super('validation_failed', message, { errors });
  }
}

export class VersionConflictException extends DomainException {
  constructor(entity: string, id: string, expectedVersion: number, current: unknown) {
    super('version_conflict', `${entity} ${id} was changed by someone else (you sent version ${expectedVersion})`, {
      entity,
      id,
      current,
    });
  }
}
