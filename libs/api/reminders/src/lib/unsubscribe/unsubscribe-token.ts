import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed one-click unsubscribe tokens: `<user id>.<HMAC-SHA256>` in base64url. The key is derived
 * from the workspace secret for this one purpose, so a token can be used for nothing else.
 * Tokens do not expire: an unsubscribe link in an old mail must keep working (RFC 8058).
 */
export class UnsubscribeTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    if (!secret) throw new Error('An unsubscribe token secret is required');
    this.key = createHmac('sha256', secret).update('pactwatch/unsubscribe/v1').digest();
  }

  sign(userId: string): string {
    const payload = Buffer.from(userId, 'utf8').toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The user id the token was issued for, or null when it is malformed or its signature does not match. */
  verify(token: string | undefined | null): string | null {
    if (typeof token !== 'string' || token.length > 200) return null;
    const match = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match) return null;
    const expected = Buffer.from(this.mac(match[1]), 'utf8');
    const given = Buffer.from(match[2], 'utf8');
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    const userId = Buffer.from(match[1], 'base64url').toString('utf8');
    return /^[0-9a-f-]{36}$/i.test(userId) ? userId : null;
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
