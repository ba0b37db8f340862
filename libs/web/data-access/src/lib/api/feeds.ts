import type { CommitmentQuery } from '@pactwatch/shared/contracts';
import { toQueryString } from '../http/http-params';
import { filtersOnly } from '../query/commitment-query';

/** The iCal feed of the deadlines matching the current filters (`asOf` is meaningless in a live feed). */
export function deadlinesFeedPath(query: CommitmentQuery, token?: string | null): string {
  const { asOf: _asOf, ...filters } = filtersOnly(query);
  const qs = toQueryString({ ...filters, token: token || undefined });
  return `/api/feeds/deadlines.ics${qs ? `?${qs}` : ''}`;
}

export const CHANGES_FEED_PATH = '/api/feeds/changes.atom';

/** An absolute URL for a path on this origin, for copying into a calendar client. */
export function absoluteUrl(path: string, origin: string): string {
  return new URL(path, origin).toString();
}

/** The same feed with the webcal: scheme that desktop calendar apps open directly. */
export function webcalUrl(url: string): string {
  return url.replace(/^https?:/, 'webcal:');
}
