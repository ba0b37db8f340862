import { SetMetadata } from '@nestjs/common';

export const SESSION_ONLY_KEY = 'pactwatch:session-only';

/**
 * The route needs a signed-in browser session: an API token is refused with 403, so a leaked token
 * cannot mint more tokens or change the password.
 */
export const SessionOnly = () => SetMetadata(SESSION_ONLY_KEY, true);
