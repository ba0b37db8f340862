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

/** New passwords: at least this many characters, counted as code points (an emoji is one), with no composition rules. */
export const PASSWORD_MIN_LENGTH = 12;

export interface UserDto extends MeDto {
  disabled: boolean;
  createdAt: IsoInstant;
  version: number;
}

/**
 * What an API token may do: `read` answers GET requests only; `read-write` may also write what its
 * owner's role allows. No token can manage users, set passwords or make tokens (those need a session).
 */
export const API_TOKEN_SCOPES = ['read', 'read-write'] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

/** How long a new token lasts, in days; null: until revoked. */
export const TOKEN_LIFETIME_DAYS = [30, 90, 365] as const;
export type TokenLifetimeDays = (typeof TOKEN_LIFETIME_DAYS)[number];

export interface ApiTokenDto {
  id: string;
  name: string;
  prefix: string;
  scope: ApiTokenScope;
  createdAt: IsoInstant;
  /** null: never expires. */
  expiresAt: IsoInstant | null;
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
  scope: ApiTokenScope;
  /** Omitted or null: never expires. */
  expiresInDays?: TokenLifetimeDays | null;
}

/** The feeds a feed token can read: the iCalendar of deadlines, or the Atom feed of status changes. */
export const FEED_KINDS = ['deadlines', 'changes'] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

/** Where each feed is served, under the API's origin. */
export const FEED_PATHS: Record<FeedKind, string> = {
  deadlines: '/api/feeds/deadlines.ics',
  changes: '/api/feeds/changes.atom',
};

/** The list filters a feed link may fix (query parameter names and their comma-separated values). */
export const FEED_FILTER_KEYS = [
  'status',
  'flag',
  'area',
  'party',
  'agreement',
  'responsibleBody',
  'assignee',
  'dueFrom',
  'dueTo',
  'q',
] as const;
export type FeedFilterKey = (typeof FEED_FILTER_KEYS)[number];
export type FeedFilter = Partial<Record<FeedFilterKey, string>>;

/**
 * A feed token: one calendar or Atom feed with a fixed filter, read-only, for calendar apps and feed readers
 * (`?token=` in the URL). It works nowhere else: not as a bearer token, not on any other route.
 */
export interface FeedTokenDto {
  id: string;
  name: string;
  prefix: string;
  feed: FeedKind;
  /** The filter the link reads; null for links made before feed tokens existed (they read any filter). */
  filter: FeedFilter | null;
  createdAt: IsoInstant;
  expiresAt: IsoInstant | null;
  lastUsedAt: IsoInstant | null;
  revokedAt: IsoInstant | null;
}

export interface CreatedFeedTokenDto extends FeedTokenDto {
  /** Shown once, at creation. */
  token: string;
  /** The feed's address with the token in it, ready for a calendar app or feed reader. */
  url: string;
}

/** POST /api/me/feed-tokens */
export interface CreateFeedTokenRequest {
  name: string;
  feed: FeedKind;
  /** The list filters the feed shows; omitted: everything. */
  filter?: FeedFilter;
  expiresInDays?: TokenLifetimeDays | null;
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
