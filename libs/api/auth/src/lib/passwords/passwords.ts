import { PASSWORD_MIN_LENGTH } from '@pactwatch/shared/contracts';
import { dictionary } from '@zxcvbn-ts/language-common';
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

let common: Set<string> | undefined;

/**
 * The 49,000 most common passwords of leaked password lists (zxcvbn-ts's list), lower-cased, loaded on first
 * use and checked offline.
 */
function commonPasswords(): Set<string> {
  return (common ??= new Set(dictionary['passwords-common'].map((word) => word.toLowerCase())));
}

/** Letters and digits only, lower-cased: "John.Smith-1" and "johnsmith1" are the same guess. */
const bare = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** Whether a password is (a trivial variant of) a common one: itself, or one with digits or symbols added at either end. */
function isCommon(password: string): boolean {
  const lower = password.toLowerCase();
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/gu, '');
  const list = commonPasswords();
  return list.has(lower) || list.has(bare(lower)) || (core.length >= 4 && list.has(core));
}

/** Whether a password is the account's email, its name part, or either with digits or symbols around it. */
function isEmailVariant(password: string, email: string): boolean {
  const [local = '', domain = ''] = email.trim().toLowerCase().split('@');
  const guess = bare(password);
  const trimmed = guess.replace(/^\d+|\d+$/g, '');
  const variants = [bare(email), bare(local), bare(local + domain.split('.')[0]), bare(`${local}@${domain}`)].filter((v) => v.length >= 3);
  return variants.some((variant) => guess === variant || trimmed === variant || guess.includes(bare(email)));
}

/**
 * Why a new password is unacceptable, or null (NIST SP 800-63B, ASVS 4.0 2.1): at least PASSWORD_MIN_LENGTH
 * characters counted as code points (an emoji is one), at most PASSWORD_MAX_LENGTH, not a common password, and not
 * the account's own email address. No composition rules. The message completes "The password …".
 */
export function passwordProblem(password: string, email?: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  if (new Set(password).size === 1) return 'must not repeat a single character';
  if (isCommon(password)) return 'is one of the most common passwords; choose one that is harder to guess';
  if (email && isEmailVariant(password, email)) return 'must not be your email address or a variant of it';
  return null;
}
