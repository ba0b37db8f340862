import { SetMetadata } from '@nestjs/common';
import type { FeedKind } from '@pactwatch/shared/contracts';

/**
 * Who may call a route. Every route must declare one; the global guard denies routes without it.
 * - `public`: anyone, always (health, login, one-click unsubscribe).
 * - `portal`: anyone when the workspace's public portal is on, otherwise viewers.
 * - `viewer` / `analyst` / `admin`: signed-in users with at least that role.
 * - `token`: a feed token in the URL (`?token=`) or any signed-in viewer (calendar and feed readers). Such a
 *   route also names its feed with `@Feed(kind)`: a feed token reads only the feed it was made for.
 */
export type AccessRule = 'public' | 'portal' | 'viewer' | 'analyst' | 'admin' | 'token';
export const ACCESS_RULE_KEY = 'pactwatch:access';
export const Access = (rule: AccessRule) => SetMetadata(ACCESS_RULE_KEY, rule);

export const CSRF_EXEMPT_KEY = 'pactwatch:csrf-exempt';
/**
 * The route authenticates writes by a signed token in the URL and carries no cookie-based authority,
 * so the CSRF pair is not required (e.g. RFC 8058 one-click unsubscribe, posted by mail clients).
 * `reason` documents why at the route.
 */
export const CsrfExempt = (reason: string) => SetMetadata(CSRF_EXEMPT_KEY, reason);

export const FEED_KIND_KEY = 'pactwatch:feed';
/** The feed a `token` route serves ('deadlines', 'changes'): a feed token made for another feed is refused there. */
export const Feed = (kind: FeedKind) => SetMetadata(FEED_KIND_KEY, kind);
