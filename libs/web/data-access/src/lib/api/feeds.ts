import { FEED_FILTER_KEYS } from '@pactwatch/shared/contracts';
import type { CommitmentQuery, FeedFilter } from '@pactwatch/shared/contracts';
import { toQueryString } from '../http/http-params';
import { commitmentQueryToParams, filtersOnly } from '../query/commitment-query';

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

/** The list filters of a query as a feed link stores them (the query-string values, e.g. `flag: 'overdue,due_soon'`). */
export function feedFilterOf(query: CommitmentQuery): FeedFilter {
  const params = commitmentQueryToParams(filtersOnly(query));
  const filter: FeedFilter = {};
  for (const key of FEED_FILTER_KEYS) if (params[key]) filter[key] = params[key];
  return filter;
}
