import { HttpParams } from '@angular/common/http';

export type QueryValue = string | number | boolean | readonly string[] | null | undefined;

/** Query-string pairs for the API: lists comma-separated, empty values dropped. */
export function toQueryRecord(query: object): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query) as [string, QueryValue][]) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) out[key] = value.join(',');
    } else {
      out[key] = String(value);
    }
  }
  return out;
}

export function toHttpParams(query: object): HttpParams {
  return new HttpParams({ fromObject: toQueryRecord(query) });
}

export function toQueryString(query: object): string {
  return toHttpParams(query).toString();
}
