import { COMMITMENT_SORTS, type CommitmentQuery, type CommitmentSort, type IsoDate } from '@pactwatch/shared/contracts';
import { isImplementationStatus, isScheduleFlag } from '@pactwatch/shared/deadlines';
import { isIsoDateString } from '@pactwatch/web/util';
import { toQueryRecord } from '../http/http-params';

/** Router query params: a value is a string, or an array when a key repeats. */
export type QueryParamsLike = Readonly<Record<string, unknown>>;

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;
export const DEFAULT_SORT: CommitmentSort = 'due_date';

/** The filter keys, in the order they appear in a shared link. */
export const COMMITMENT_FILTER_KEYS = [
  'q',
  'status',
  'flag',
  'area',
  'party',
  'agreement',
  'responsibleBody',
  'assignee',
  'dueFrom',
  'dueTo',
  'asOf',
] as const;

function list(value: unknown): string[] {
  const raw = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return [
    ...new Set(
      raw
        .flatMap((v) => String(v).split(','))
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
}

function text(value: unknown): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

function date(value: unknown): IsoDate | undefined {
  const v = text(value);
  return isIsoDateString(v) ? v : undefined;
}

function positiveInt(value: unknown): number | undefined {
  const n = Number(text(value));
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/**
 * Reads a CommitmentQuery from URL query params, dropping what the API would refuse
 * (unknown statuses or flags, impossible dates, odd page sizes), so a hand-edited link still works.
 */
export function parseCommitmentQuery(params: QueryParamsLike): CommitmentQuery {
  const query: CommitmentQuery = {};
  const q = text(params['q']);
  if (q) query.q = q;
  const status = list(params['status']).filter(isImplementationStatus);
  if (status.length) query.status = status;
  const flag = list(params['flag']).filter(isScheduleFlag);
  if (flag.length) query.flag = flag;
  for (const key of ['area', 'party', 'agreement', 'assignee'] as const) {
    const values = list(params[key]);
    if (values.length) query[key] = values;
  }
  const responsibleBody = text(params['responsibleBody']);
  if (responsibleBody) query.responsibleBody = responsibleBody;
  for (const key of ['dueFrom', 'dueTo', 'asOf'] as const) {
    const d = date(params[key]);
    if (d) query[key] = d;
  }
  const sort = text(params['sort']);
  if (sort && (COMMITMENT_SORTS as readonly string[]).includes(sort)) query.sort = sort as CommitmentSort;
  const page = positiveInt(params['page']);
  if (page && page > 1) query.page = page;
  const pageSize = positiveInt(params['pageSize']);
  if (pageSize && (PAGE_SIZES as readonly number[]).includes(pageSize) && pageSize !== DEFAULT_PAGE_SIZE) query.pageSize = pageSize;
  return query;
}

/** URL query params for a CommitmentQuery: lists comma-separated, defaults left out so links stay short. */
export function commitmentQueryToParams(query: CommitmentQuery): Record<string, string> {
  const ordered: Record<string, unknown> = {};
  for (const key of COMMITMENT_FILTER_KEYS) ordered[key] = query[key];
  ordered['sort'] = query.sort && query.sort !== DEFAULT_SORT ? query.sort : undefined;
  ordered['page'] = query.page && query.page > 1 ? query.page : undefined;
  ordered['pageSize'] = query.pageSize && query.pageSize !== DEFAULT_PAGE_SIZE ? query.pageSize : undefined;
  return toQueryRecord(ordered);
}

/** The query without paging and sorting: what "the current view" means for exports and feeds. */
export function filtersOnly(query: CommitmentQuery): CommitmentQuery {
  const { page: _page, pageSize: _pageSize, sort: _sort, ...filters } = query;
  return filters;
}

/** How many filters are set (for a "3 filters" badge); the as-of date and search count too. */
export function activeFilterCount(query: CommitmentQuery): number {
  return COMMITMENT_FILTER_KEYS.filter((key) => {
    const value = query[key];
    return Array.isArray(value) ? value.length > 0 : value !== undefined && value !== '';
  }).length;
}
