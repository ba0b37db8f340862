import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { RequestUser } from '@pactwatch/api/core';
import { Actor, SYSTEM_ACTOR } from './audit.service';

interface RequestLike {
  id?: unknown;
  user?: Partial<RequestUser> | null;
}

/**
 * Who is making this request, for the audit log and for status update authors:
 * the signed-in user when the auth guard attached one, otherwise the system actor.
 */
export function actorFromRequest(request: RequestLike | undefined): Actor {
  const requestId = request?.id === undefined || request?.id === null ? undefined : String(request.id);
  const user = request?.user;
  if (user && typeof user.id === 'string' && user.id !== '') {
    const label = (user.displayName?.trim() || user.email?.trim() || user.id).slice(0, 320);
    const role = user.role === 'viewer' || user.role === 'analyst' || user.role === 'admin' ? user.role : undefined;
    return role ? { id: user.id, label, requestId, role } : { id: user.id, label, requestId };
  }
  return { ...SYSTEM_ACTOR, requestId };
}

/** `@CurrentActor() actor: Actor` in a controller method. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  return actorFromRequest(context.switchToHttp().getRequest<RequestLike>());
});
