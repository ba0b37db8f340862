/**
 * The statements that turn a credential into a user. They run on every signed-in request, so each is one
 * indexed join rather than an ORM query. Framework-free, so the benchmark's floor runs the same statements.
 */
import type { RequestUser } from '@pactwatch/api/core';
import type { ApiTokenScope, FeedFilter, FeedKind } from '@pactwatch/shared/contracts';

interface UserColumns {
  user_id: string;
  email: string;
  display_name: string;
  role: RequestUser['role'];
}

/** A live session of an enabled user: $1 the token's SHA-256, $2 now. */
export const SESSION_STATEMENT = `
  SELECT s.id, s.csrf_token, s.last_seen_at, s.expires_at, u.id AS user_id, u.email, u.display_name, u.role
    FROM sessions s JOIN users u ON u.id = s.user_id
   WHERE s.token_hash = $1 AND s.idle_expires_at > $2 AND u.disabled_at IS NULL`;

export interface SessionRow extends UserColumns {
  id: string;
  csrf_token: string;
  last_seen_at: Date;
  expires_at: Date;
}

/** An API token that is neither revoked nor expired, of an enabled user: $1 the token's SHA-256, $2 now. */
export const API_TOKEN_STATEMENT = `
  SELECT t.id, t.scope, t.last_used_at, u.id AS user_id, u.email, u.display_name, u.role
    FROM api_tokens t JOIN users u ON u.id = t.user_id
   WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2) AND u.disabled_at IS NULL`;

export interface ApiTokenRow extends UserColumns {
  id: string;
  scope: ApiTokenScope;
  last_used_at: Date | null;
}

/** A feed token that is neither revoked nor expired, of an enabled user: $1 the token's SHA-256, $2 now. */
export const FEED_TOKEN_STATEMENT = `
  SELECT t.id, t.feed, t.filter, t.last_used_at, u.id AS user_id, u.email, u.display_name, u.role
    FROM feed_tokens t JOIN users u ON u.id = t.user_id
   WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2) AND u.disabled_at IS NULL`;

export interface FeedTokenRow extends UserColumns {
  id: string;
  feed: FeedKind;
  filter: FeedFilter | null;
  last_used_at: Date | null;
}

export function userOf(row: UserColumns): RequestUser {
  return { id: row.user_id, email: row.email, displayName: row.display_name, role: row.role };
}
