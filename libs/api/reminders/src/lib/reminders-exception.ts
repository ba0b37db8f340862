import { DomainException, ErrorCode } from '@pactwatch/api/core';

/** Expected failures of the reminders domain; the problem-details filter maps the code to the status. */
export class RemindersException extends DomainException {
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }

  static invalidUnsubscribeLink(): RemindersException {
    return new RemindersException(
      'bad_request',
      'This unsubscribe link is not valid. Copy the whole link from the mail, or sign in to change your reminders.',
      {
        reason: 'unsubscribe_token_invalid',
      },
    );
  }

  static signInRequired(): RemindersException {
    return new RemindersException('unauthenticated', 'Sign in to continue');
  }
}
