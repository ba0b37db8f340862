import { DomainException } from './domain-exception';

/** What a request body must be unless a route says otherwise. */
export const JSON_MEDIA_TYPE = 'application/json';

/** Routes (as Fastify registers them, e.g. /api/commitments/import.csv) that take bodies other than JSON. */
const routeMediaTypes = new Map<string, readonly string[]>();

/** Declares the media types a route's body may have (read by the 415 answers). */
export function declareMediaTypes(route: string, types: readonly string[]): void {
  routeMediaTypes.set(route, types);
}

/** The media types a route takes: its declared ones, or JSON. */
export function mediaTypesOf(route: string | undefined): readonly string[] {
  return (route && routeMediaTypes.get(route)) || [JSON_MEDIA_TYPE];
}

/** The essence of a Content-Type header ("text/csv; charset=utf-8" -> "text/csv"), lower-case; '' when absent. */
export function essenceOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

const list = (types: readonly string[]) => (types.length === 1 ? types[0] : `${types.slice(0, -1).join(', ')} or ${types.at(-1)}`);

/** 415: the body's media type is not one the route takes; the message names the ones it does (null: the type is not known here). */
export class UnsupportedMediaTypeException extends DomainException {
  constructor(received: string | null, accepted: readonly string[]) {
    const what = received === null ? 'This body' : received ? `A body of type ${received}` : 'A body without a Content-Type';
    super('unsupported_media_type', `${what} is not accepted here: send ${list(accepted)}`, { received, accepted });
  }
}
