import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { RequestUser } from '@pactwatch/api/core';
import { RemindersException } from './reminders-exception';

/** The signed-in user the access guard put on `request.user`; 401 when there is none. */
export const Me = createParamDecorator((_data: unknown, context: ExecutionContext): RequestUser => {
  const user = context.switchToHttp().getRequest<{ user?: RequestUser }>().user;
  if (!user) throw RemindersException.signInRequired();
  return user;
});
