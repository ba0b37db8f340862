import { HttpErrorResponse } from '@angular/common/http';
import type { ProblemDetailsDto } from '@pactwatch/shared/contracts';

/**
 * Any failed request as an RFC 9457 problem. The API answers problem+json; when something else
 * answers (a proxy, a network failure, an endpoint not built yet) we still get a readable message.
 */
export function toProblem(error: unknown): ProblemDetailsDto {
  if (error instanceof HttpErrorResponse) {
    const body = error.error as Partial<ProblemDetailsDto> | string | null;
    if (body && typeof body === 'object' && typeof body.title === 'string') {
      return {
        type: body.type ?? 'about:blank',
        title: body.title,
        status: body.status ?? error.status,
        code: body.code ?? 'error',
        detail: body.detail ?? '',
        errors: Array.isArray(body.errors) ? body.errors : undefined,
        requestId: body.requestId ?? '',
        current: body.current,
      };
    }
    return {
      type: 'about:blank',
      title: fallbackTitle(error.status),
      status: error.status,
      code: error.status === 0 ? 'network_error' : 'http_error',
      detail: fallbackDetail(error),
      requestId: error.headers?.get('x-request-id') ?? '',
    };
  }
  const message = error instanceof Error ? error.message : String(error ?? 'Unknown error');
  return { type: 'about:blank', title: 'Something went wrong', status: 0, code: 'client_error', detail: message, requestId: '' };
}

function fallbackTitle(status: number): string {
  switch (true) {
    case status === 0:
      return 'Cannot reach Pactwatch';
    case status === 401:
      return 'Please sign in';
    case status === 403:
      return 'You do not have access to this';
    case status === 404:
      return 'Not found';
    case status === 409:
      return 'Someone else changed this';
    case status === 429:
      return 'Too many requests';
    case status >= 500:
      return 'The server had a problem';
    default:
      return 'The request failed';
  }
}

function fallbackDetail(error: HttpErrorResponse): string {
  if (error.status === 0) return 'The network request did not complete. Check your connection and try again.';
  const where = error.url ? new URL(error.url, 'http://x').pathname : 'the server';
  return `${where} answered ${error.status}${error.statusText ? ` ${error.statusText}` : ''}.`;
}

/** A one-line message for snack bars and inline errors. */
export function problemMessage(error: unknown): string {
  const problem = toProblem(error);
  return problem.detail ? `${problem.title}: ${problem.detail}` : problem.title;
}

/** Field errors of a 400 problem, keyed by field path ("deadline.duration"). */
export function fieldErrors(problem: ProblemDetailsDto | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { field, message } of problem?.errors ?? []) {
    out[field] = out[field] ? `${out[field]} ${message}` : message;
  }
  return out;
}

export function isConflict(problem: ProblemDetailsDto | null | undefined): boolean {
  return problem?.status === 409;
}
