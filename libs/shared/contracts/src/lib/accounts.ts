/** Accounts: sessions, users, API tokens and workspace settings. */
import type { IsoInstant, Role } from './common';

export interface MeDto {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  timeZone: string;
}

export interface SessionStateDto {
  /** null when anonymous. */
  user: MeDto | null;
  publicPortal: boolean;
  workspaceName: string;
  timeZone: string;
}

export interface LoginRequest {
  email: string;
  password: string;
}

/** POST /api/auth/password-reset/request (always answered 202). */
export interface PasswordResetRequest {
  email: string;
}

/** POST /api/auth/password-reset/confirm; `token` comes from the emailed /reset-password?token= link. */
export interface PasswordResetConfirmRequest {
  token: string;
  newPassword: string;
}

/** POST /api/auth/invitations/accept (answers MeDto and signs in); `token` comes from the /accept-invitation?token= link. */
export interface AcceptInvitationRequest {
  token: string;
  password: string;
  displayName?: string;
}

/** PATCH /api/me: only these fields (anything else, such as `role`, is refused with 400). */
export interface UpdateMeRequest {
  displayName?: string;
  timeZone?: string;
}

/** New passwords: at least this many characters (no composition rules). */
export const PASSWORD_MIN_LENGTH = 10;

export interface UserDto extends MeDto {
  disabled: boolean;
  createdAt: IsoInstant;
  version: number;
}

export interface ApiTokenDto {
  id: string;
  name: string;
  prefix: string;
  createdAt: IsoInstant;
  lastUsedAt: IsoInstant | null;
  revokedAt: IsoInstant | null;
}

export interface CreatedApiTokenDto extends ApiTokenDto {
  /** Shown once, at creation. */
  token: string;
}

export interface WorkspaceSettingsDto {
  timeZone: string;
  staleAfterDays: number;
  publicPortal: boolean;
  workspaceName: string;
  version: number;
}

/** POST /api/auth/password */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** POST /api/me/tokens */
export interface CreateApiTokenRequest {
  name: string;
}

/** POST /api/users */
export interface CreateUserRequest {
  email: string;
  displayName: string;
  role: Role;
  /** Omitted: the API sends an invitation link instead. */
  password?: string;
}

/** PATCH /api/users/:id */
export type UpdateUserRequest = Partial<Pick<UserDto, 'displayName' | 'role' | 'disabled' | 'timeZone'>> & { version: number };

/** PATCH /api/settings */
export type UpdateWorkspaceSettingsRequest = Partial<Omit<WorkspaceSettingsDto, 'version'>> & { version: number };
