import { DomainException, ErrorCode } from '@pactwatch/api/core';

/** Failures of accounts, sessions and access; the problem-details filter maps each code to its status. */
export class AuthException extends DomainException {
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }

  static unauthenticated(message = 'Sign in to continue'): AuthException {
    return new AuthException('unauthenticated', message);
  }

  static invalidCredentials(): AuthException {
    // The same words whether the email is unknown, the password wrong or the account disabled.
    return new AuthException('invalid_credentials', 'The email or password is incorrect');
  }

  static forbidden(message = 'Your role does not allow this'): AuthException {
    return new AuthException('forbidden', message);
  }

  static csrf(): AuthException {
    return new AuthException(
      'csrf_failed',
      'Missing or mismatched CSRF token: send the XSRF-TOKEN cookie value in the X-XSRF-TOKEN header',
    );
  }

  static throttled(retryAfterSeconds: number): AuthException {
    return new AuthException('throttled', `Too many attempts. Try again in ${retryAfterSeconds} seconds.`, { retryAfterSeconds });
  }
}
