import { DomainException } from '@pactwatch/api/core';
import { EntityManager } from 'typeorm';

/** What a refused import tells the client to wait: a large import takes about ten seconds. */
export const IMPORT_RETRY_AFTER_SECONDS = 10;

/**
 * The first of the advisory-lock classes (two-key form, a key space apart from the single-key locks in
 * ADVISORY_LOCKS) that count one user's imports: slot n of a user is (class + n, hashtext(user)).
 */
const IMPORT_LOCK_CLASS = 7_302_100;

/** Too many imports at once: 429, with Retry-After. */
export class ImportBusyException extends DomainException {
  constructor(scope: 'user' | 'instance', limit: number) {
    const detail =
      scope === 'user'
        ? `You already have ${limit === 1 ? 'an import' : `${limit} imports`} running; one user runs at most ${limit} at a time.`
        : `This server is already running ${limit} imports, the most it runs at once.`;
    super('throttled', `${detail} Nothing was imported; try again in ${IMPORT_RETRY_AFTER_SECONDS} seconds.`, {
      scope,
      limit,
      retryAfterSeconds: IMPORT_RETRY_AFTER_SECONDS,
    });
  }
}

/** The imports this process runs at once. A per-instance limit protects this process's connection pool, so it lives here. */
export class ImportSlots {
  private running = 0;

  constructor(readonly limit: number) {}

  /** Takes a slot, or throws ImportBusyException; the caller gives it back with release(). */
  take(): void {
    if (this.running >= this.limit) throw new ImportBusyException('instance', this.limit);
    this.running += 1;
  }

  release(): void {
    this.running = Math.max(0, this.running - 1);
  }
}

/**
 * Takes one of the user's import slots for the rest of the transaction, across every instance: a transaction-level
 * PostgreSQL advisory lock, released by the commit or rollback whatever happens. Throws ImportBusyException when
 * all of them are held.
 */
export async function takeUserImportSlot(manager: EntityManager, user: string, limit: number): Promise<void> {
  for (let slot = 0; slot < limit; slot++) {
    const [row] = await manager.query('SELECT pg_try_advisory_xact_lock($1::int, hashtext($2)) AS locked', [
      IMPORT_LOCK_CLASS + slot,
      user,
    ]);
    if (row.locked) return;
  }
  throw new ImportBusyException('user', limit);
}
