import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { NotFoundException } from '@pactwatch/api/core';
import { pgConstraint, pgErrorCode, PG_FOREIGN_KEY_VIOLATION, PG_UNIQUE_VIOLATION } from './sql';
import { toInt } from './query-transforms';
import { isUuid } from './uuid';

/** Turns a unique-key violation on a named constraint into the domain error for it. */
export async function mapUniqueViolations<T>(work: () => Promise<T>, byConstraint: Record<string, () => Error>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) {
      const mapped = byConstraint[pgConstraint(error) ?? ''];
      if (mapped) throw mapped();
    }
    throw error;
  }
}

/** Turns a foreign-key violation (a delete of something still referenced) into the given error. */
export async function mapForeignKeyViolations<T>(work: () => Promise<T>, toError: () => Error): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (pgErrorCode(error) === PG_FOREIGN_KEY_VIOLATION) throw toError();
    throw error;
  }
}

/** Loads a row by id with `SELECT … FOR UPDATE`, or throws 404. */
export async function lockById<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  label: string,
  id: string,
): Promise<T> {
  const row = isUuid(id)
    ? await manager.getRepository(target).createQueryBuilder('row').setLock('pessimistic_write').where('row.id = :id', { id }).getOne()
    : null;
  if (!row) throw new NotFoundException(label, id);
  return row;
}

/** `?version=` on DELETE: optional, but a stale one is refused with 409. */
export class VersionQueryDto {
  @ApiPropertyOptional({ description: 'The version you last saw; a stale one is refused with 409', minimum: 1 })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(2_147_483_647)
  version?: number;
}

/** Compares two audit snapshots and keeps only the keys that changed (for a readable summary). */
export function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

/** Locks a commitment that is not archived (`SELECT … FOR UPDATE`); an archived one is a 404 for every write. */
export async function lockLiveCommitment<T extends ObjectLiteral & { archivedAt: Date | null }>(
  manager: EntityManager,
  target: EntityTarget<T>,
  id: string,
): Promise<T> {
  const row = await lockById(manager, target, 'Commitment', id);
  if (row.archivedAt) throw new NotFoundException('Commitment', id);
  return row;
}
