import type { MeDto, UserDto } from '@pactwatch/shared/contracts';
import { UserEntity } from '../entities/user.entity';

export function toMeDto(user: UserEntity): MeDto {
  return { id: user.id, email: user.email, displayName: user.displayName, role: user.role, timeZone: user.timeZone };
}

export function toUserDto(user: UserEntity): UserDto {
  return { ...toMeDto(user), disabled: Boolean(user.disabledAt), createdAt: user.createdAt.toISOString(), version: user.version };
}

/** What the audit trail keeps of a user: never the password hash. */
export function auditedUser(user: UserEntity): Record<string, unknown> {
  return {
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    timeZone: user.timeZone,
    disabled: Boolean(user.disabledAt),
    invited: !user.passwordHash,
  };
}
