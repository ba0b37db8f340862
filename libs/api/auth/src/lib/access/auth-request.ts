import '@fastify/cookie';
import type { AuthenticatedVia, RequestUser } from '@pactwatch/api/core';
import type { ApiTokenScope } from '@pactwatch/shared/contracts';
import type { FastifyRequest } from 'fastify';

/** What the access guard learned about the caller, kept on the request for the handlers. */
export interface AuthState {
  via: AuthenticatedVia;
  /** The session row, when signed in with the cookie. */
  sessionId?: string;
  /** The session's CSRF token, when signed in with the cookie. */
  csrfToken?: string;
  /** What the API token may do, when called with one. */
  scope?: ApiTokenScope;
}

export type AuthRequest = FastifyRequest & { user?: RequestUser; auth?: AuthState };
