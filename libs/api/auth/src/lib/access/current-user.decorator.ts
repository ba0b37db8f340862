import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Actor, actorFromRequest } from '@pactwatch/api/audit';
import type { RequestUser } from '@pactwatch/api/core';
import { AuthException } from '../auth-exception';
import type { AuthRequest } from './auth-request';

/** The signed-in user; 401 if there is none (use on routes whose rule requires a user). */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): RequestUser => {
  const request = context.switchToHttp().getRequest<AuthRequest>();
  if (!request.user) throw AuthException.unauthenticated();
  return request.user;
});

/** The audit actor for a request (the signed-in user, else the system), labelled as everywhere else in the log. */
export function actorOf(request: AuthRequest): Actor {
  return actorFromRequest(request);
}

/** The audit actor for a user who is not on the request yet (signing in, accepting an invitation). */
export function actorFor(user: { id: string; email: string; displayName: string }, requestId: string): Actor {
  return { id: user.id, label: (user.displayName.trim() || user.email).slice(0, 320), requestId };
}
