import { DomainException, FieldError, ValidationFailedException, VersionConflictException } from '@pactwatch/api/core';

/** A record cannot be deleted while other records still point at it (e.g. an agreement with commitments). */
export class RecordInUseException extends DomainException {
  constructor(entity: string, id: string, usage: string) {
    super('conflict', `${entity} ${id} cannot be deleted: ${usage}`, { entity, id });
  }
}

/** Restoring or deleting for good needs an archived commitment. */
export class NotArchivedException extends DomainException {
  constructor(id: string) {
    super('conflict', `Commitment ${id} is not archived: archive it first`, { entity: 'Commitment', id });
  }
}

/** A natural key (reference code, party code, area slug) is already taken. */
export class DuplicateKeyException extends DomainException {
  constructor(entity: string, field: string, value: string) {
    super('conflict', `A ${entity} with ${field} ${JSON.stringify(value)} already exists`, {
      entity,
      errors: [{ field, message: `is already used by another ${entity}` }],
    });
  }
}

/** An id or code in a request body names nothing: a 400 that names each field. */
export class InvalidReferenceException extends ValidationFailedException {
  constructor(errors: FieldError[]) {
    super(errors, `Invalid ${errors.map((e) => e.field).join(', ')}`);
  }
}

/** A CSV file with more rows than one import takes. */
export class TooManyRowsException extends DomainException {
  constructor(rows: number, limit: number) {
    super('payload_too_large', `The file has ${rows} rows; one import takes at most ${limit}. Split it into smaller files.`, { limit });
  }
}

/**
 * Thrown inside a transaction when the client's version is stale. The transaction rolls back;
 * `withCurrentOnConflict` then answers 409 with the record as it is now.
 */
export class StaleVersion extends Error {
  constructor(
    readonly entity: string,
    readonly id: string,
    readonly sent: number,
  ) {
    super(`${entity} ${id}: stale version ${sent}`);
    this.name = 'StaleVersion';
  }
}

export function assertVersion(entity: string, id: string, actual: number, sent: number): void {
  if (actual !== sent) throw new StaleVersion(entity, id, sent);
}

/** Runs a write; a stale version becomes a 409 whose body carries the current record in `current`. */
export async function withCurrentOnConflict<T>(write: () => Promise<T>, loadCurrent: () => Promise<unknown>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof StaleVersion) {
      throw new VersionConflictException(error.entity, error.id, error.sent, await loadCurrent());
    }
    throw error;
  }
}
