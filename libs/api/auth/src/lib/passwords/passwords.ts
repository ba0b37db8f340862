import { PASSWORD_MIN_LENGTH } from '@pactwatch/shared/contracts';
import * as argon2 from 'argon2';

export { PASSWORD_MIN_LENGTH };
export const PASSWORD_MAX_LENGTH = 256;

/** OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane). Hashes made with weaker settings are upgraded at sign-in. */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

let dummyHash: Promise<string> | undefined;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

/**
 * Checks a password against a stored hash. With no hash (unknown email, invited user without a
 * password) it still runs argon2 against a throwaway hash, so the answer takes as long either way.
 */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  const hash = storedHash ?? (await (dummyHash ??= hashPassword('pactwatch-timing-equaliser')));
  try {
    const matches = await argon2.verify(hash, password);
    return Boolean(storedHash) && matches;
  } catch {
    return false;
  }
}

export function passwordNeedsRehash(storedHash: string): boolean {
  try {
    return argon2.needsRehash(storedHash, ARGON2_OPTIONS);
  } catch {
    return true;
  }
}

/** Why a new password is unacceptable, or null. Length is what matters (NIST SP 800-63B); no composition rules. */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  return null;
}
