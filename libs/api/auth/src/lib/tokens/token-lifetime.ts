import type { TokenLifetimeDays } from '@pactwatch/shared/contracts';
import { EntityManager, EntityTarget, IsNull } from 'typeorm';

const DAY_MS = 86_400_000;

/** When a token made at `now` expires: `days` later, or never (null). */
export function expiryAfter(now: Date, days: TokenLifetimeDays | null | undefined): Date | null {
  return days ? new Date(now.getTime() + days * DAY_MS) : null;
}

/** Marks every live token of a user revoked, in the caller's transaction. Revoked tokens never come back. */
export async function revokeAllOf(
  manager: EntityManager,
  entity: EntityTarget<{ userId: string; revokedAt: Date | null }>,
  userId: string,
  now: Date,
): Promise<number> {
  const result = await manager.update(entity, { userId, revokedAt: IsNull() }, { revokedAt: now });
  return result.affected ?? 0;
}
