import { RateLimit } from './rate-limiter';
import { sha256 } from '../secrets';

/** Ten wrong passwords a minute per account; the eleventh is refused with 429 and Retry-After. */
export const LOGIN_FAILURES_PER_ACCOUNT = 10;
/** Per client address, higher so one office behind a NAT is not locked out by a colleague. */
export const LOGIN_FAILURES_PER_IP = 50;
export const LOGIN_WINDOW_SECONDS = 60;

/** Password-reset emails: at most three an account per 15 minutes (extra requests are silently dropped). */
export const RESET_REQUESTS_PER_ACCOUNT = 3;
/** Reset requests per client address per 15 minutes before 429. */
export const RESET_REQUESTS_PER_IP = 30;
export const RESET_WINDOW_SECONDS = 900;

// Buckets hash the email, so the table never lists addresses (including ones without an account).
export const loginAccountBucket = (normalizedEmail: string) => `login:account:${sha256(normalizedEmail)}`;
export const loginIpBucket = (ip: string) => `login:ip:${ip.slice(0, 64)}`;

export function loginLimits(normalizedEmail: string, ip: string): RateLimit[] {
  return [
    { bucket: loginAccountBucket(normalizedEmail), max: LOGIN_FAILURES_PER_ACCOUNT, windowSeconds: LOGIN_WINDOW_SECONDS },
    { bucket: loginIpBucket(ip), max: LOGIN_FAILURES_PER_IP, windowSeconds: LOGIN_WINDOW_SECONDS },
  ];
}

export const resetAccountLimit = (normalizedEmail: string): RateLimit => ({
  bucket: `reset:account:${sha256(normalizedEmail)}`,
  max: RESET_REQUESTS_PER_ACCOUNT,
  windowSeconds: RESET_WINDOW_SECONDS,
});

export const resetIpLimit = (ip: string): RateLimit => ({
  bucket: `reset:ip:${ip.slice(0, 64)}`,
  max: RESET_REQUESTS_PER_IP,
  windowSeconds: RESET_WINDOW_SECONDS,
});
