import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** The user id as its 16 bytes, encrypted: IV + ciphertext + tag, base64url (59 characters). */
const OPAQUE = /^[A-Za-z0-9_-]{59}$/;
/** Links mailed by earlier releases: `<base64url user id>.<HMAC-SHA256>`. */
const LEGACY = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/;

/**
 * One-click unsubscribe tokens. A token is the user's id encrypted with AES-256-GCM under a key of its own (kept in
 * the database, not derived from SESSION_SECRET), with a fresh IV each time: it reveals nothing about the user, and
 * any change to it fails the GCM tag. Tokens do not expire: an unsubscribe link in an old mail must keep working
 * (RFC 8058). Links of the earlier signed format are still accepted, verified with the secrets that signed them.
 */
export class UnsubscribeTokens {
  private readonly legacyKeys: Buffer[];

  constructor(
    private readonly key: Buffer,
    legacySecrets: readonly string[] = [],
  ) {
    if (key.length !== 32) throw new Error('An unsubscribe token key of 32 bytes is required');
    this.legacyKeys = legacySecrets
      .filter(Boolean)
      .map((secret) => createHmac('sha256', secret).update('pactwatch/unsubscribe/v1').digest());
  }

  sign(userId: string): string {
    if (!UUID.test(userId)) throw new Error('An unsubscribe token is for a user id');
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(Buffer.from(userId.replace(/-/g, ''), 'hex')), cipher.final()]);
    return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
  }

  /** The user id the token was issued for, or null when it is malformed or was altered. */
  verify(token: string | undefined | null): string | null {
    if (typeof token !== 'string' || token.length > 200) return null;
    if (OPAQUE.test(token)) return this.decrypt(token);
    const legacy = LEGACY.exec(token);
    return legacy ? this.verifyLegacy(legacy[1], legacy[2]) : null;
  }

  private decrypt(token: string): string | null {
    const bytes = Buffer.from(token, 'base64url');
    // Only the canonical spelling: the last character's spare bits must not make another valid token.
    if (bytes.length !== IV_BYTES + 16 + TAG_BYTES || bytes.toString('base64url') !== token) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES));
      decipher.setAuthTag(bytes.subarray(IV_BYTES + 16));
      const hex = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, IV_BYTES + 16)), decipher.final()]).toString('hex');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    } catch {
      return null;
    }
  }

  private verifyLegacy(payload: string, mac: string): string | null {
    const given = Buffer.from(mac, 'utf8');
    for (const key of this.legacyKeys) {
      const expected = Buffer.from(createHmac('sha256', key).update(payload).digest('base64url'), 'utf8');
      if (expected.length === given.length && timingSafeEqual(expected, given)) {
        const userId = Buffer.from(payload, 'base64url').toString('utf8');
        return UUID.test(userId) ? userId.toLowerCase() : null;
      }
    }
    return null;
  }
}

/** A token in the format of earlier releases (for tests of the links they mailed). */
export function legacyUnsubscribeToken(secret: string, userId: string): string {
  const key = createHmac('sha256', secret).update('pactwatch/unsubscribe/v1').digest();
  const payload = Buffer.from(userId, 'utf8').toString('base64url');
  return `${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`;
}
