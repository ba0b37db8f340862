import { SetMetadata } from '@nestjs/common';

/**
 * Who may call a route. Every route must declare one; the global guard denies routes without it.
 * - `public`: anyone, always (health, login, one-click unsubscribe).
 * - `portal`: anyone when the workspace's public portal is on, otherwise viewers.
 * - `viewer` / `analyst` / `admin`: signed-in users with at least that role.
 * - `token`: a personal API token in the URL or a signed-in viewer (calendar and feed readers).
 */
export type AccessRule = 'public' | 'portal' | 'viewer' | 'analyst' | 'admin' | 'token';
export const ACCESS_RULE_KEY = 'pactwatch:access';
export const Access = (rule: AccessRule) => SetMetadata(ACCESS_RULE_KEY, rule);
