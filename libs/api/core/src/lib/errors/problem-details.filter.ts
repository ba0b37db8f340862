import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';
import { DomainException, ERROR_STATUS, ErrorCode, FieldError } from './domain-exception';
import { essenceOf, mediaTypesOf, UnsupportedMediaTypeException } from './media-types';
import { hideLinkTokens } from '../secrets/link-tokens';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: ErrorCode | string;
  detail: string;
  errors?: FieldError[];
  requestId: string;
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
]);

function isDatabaseUnavailable(error: unknown): boolean {
  // TypeORM releases a query runner whose connection broke (e.g. the server shut down) under the query using it.
  if (error instanceof QueryRunnerAlreadyReleasedError) return true;
  const candidate = error as { code?: string; message?: string; driverError?: { code?: string } };
  const code = candidate?.driverError?.code ?? candidate?.code;
  if (code && CONNECTION_ERRORS.has(code)) return true;
  const message = candidate?.message ?? '';
  return /Connection terminated|Connection is not established|the database system is (starting up|shutting down)/i.test(message);
}

/** pg-pool's error when every pooled connection stayed busy for the whole wait: this server is overloaded, the database answers. */
function isPoolExhausted(error: unknown): boolean {
  return /timeout exceeded when trying to connect/i.test((error as { message?: string })?.message ?? '');
}

function isReadOnly(error: unknown): boolean {
  const code = (error as { driverError?: { code?: string }; code?: string })?.driverError?.code ?? (error as { code?: string })?.code;
  return code === '25006' || code === '53100' || code === '42501';
}

/**
 * The one place errors become HTTP responses: RFC 9457 problem details with a code and a request id.
 * Clients never see a stack trace; unexpected errors are logged with the request id.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = this.toProblem(exception, String(request.id), {
      route: request.routeOptions?.url ?? request.url.split('?')[0],
      headers: request.headers,
    });
    if (problem.status >= 500) {
      this.logger.error(
        `${request.method} ${hideLinkTokens(request.url)} -> ${problem.status} [${problem.requestId}]`,
        exception instanceof Error ? exception.stack : String(exception),
      );
    }
    if (problem.status === 503) void reply.header('retry-after', '5');
    if (typeof problem['retryAfterSeconds'] === 'number') void reply.header('retry-after', String(problem['retryAfterSeconds']));
    void reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send(problem);
  }

  toProblem(
    exception: unknown,
    requestId: string,
    { route, headers }: { route: string | null; headers: Record<string, string | string[] | undefined> } = { route: null, headers: {} },
  ): ProblemDetails {
    const status = exception instanceof HttpException ? exception.getStatus() : (exception as { statusCode?: unknown })?.statusCode;
    if (status === 415 && route !== null) {
      // No parser for the body's type: say which types the route takes.
      const received = essenceOf([headers['content-type']].flat()[0]);
      return this.toProblem(new UnsupportedMediaTypeException(received, mediaTypesOf(route)), requestId);
    }
    if (exception instanceof DomainException) {
      return this.problem(exception.status, exception.code, exception.message, requestId, exception.details);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? exception.message);
      const code =
        status === 404
          ? 'not_found'
          : status === 413
            ? 'payload_too_large'
            : status === 429
              ? 'throttled'
              : status === 403
                ? 'forbidden'
                : status === 401
                  ? 'unauthenticated'
                  : 'bad_request';
      return this.problem(status, code, Array.isArray(message) ? message.join('; ') : String(message), requestId);
    }
    const fastifyError = exception as { statusCode?: number; code?: string; message?: string };
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      const code = fastifyError.statusCode === 413 ? 'payload_too_large' : 'bad_request';
      return this.problem(fastifyError.statusCode, code, fastifyError.message ?? 'Bad request', requestId);
    }
    if (isReadOnly(exception)) {
      return this.problem(
        ERROR_STATUS.read_only,
        'read_only',
        'The database is not accepting writes right now; reads still work. Try again later.',
        requestId,
      );
    }
    if (isPoolExhausted(exception)) {
      return this.problem(ERROR_STATUS.server_busy, 'server_busy', 'The server is busy. Try again in a moment.', requestId, {
        retryAfterSeconds: 1,
      });
    }
    if (isDatabaseUnavailable(exception) || (exception instanceof QueryFailedError && isDatabaseUnavailable(exception))) {
      return this.problem(
        ERROR_STATUS.database_unavailable,
        'database_unavailable',
        'The database is unavailable. Try again shortly.',
        requestId,
      );
    }
    return this.problem(500, 'internal_error', `Something went wrong. Quote request id ${requestId} when reporting it.`, requestId);
  }

  private problem(status: number, code: string, detail: string, requestId: string, extra: Record<string, unknown> = {}): ProblemDetails {
    return {
      type: `https://pactwatch.dev/problems/${code.replace(/_/g, '-')}`,
      title: TITLES[status] ?? 'Error',
      status,
      code,
      detail,
      ...extra,
      requestId,
    };
  }
}
