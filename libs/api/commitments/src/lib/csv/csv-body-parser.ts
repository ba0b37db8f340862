import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

/** Largest CSV body accepted (JSON bodies stay at the global 1 MB). */
export const CSV_BODY_LIMIT = 5 * 1024 * 1024;

interface FastifyLike {
  hasContentTypeParser(type: string): boolean;
  addContentTypeParser(
    type: string | string[],
    options: { parseAs: 'string'; bodyLimit: number },
    parser: (request: unknown, body: string, done: (error: Error | null, body?: string) => void) => void,
  ): void;
}

/** Lets Fastify accept `text/csv` bodies (as text) for the import endpoint. */
@Injectable()
export class CsvBodyParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const instance = this.adapterHost.httpAdapter?.getInstance?.() as FastifyLike | undefined;
    if (!instance?.addContentTypeParser || instance.hasContentTypeParser('text/csv')) return;
    instance.addContentTypeParser(
      ['text/csv', 'application/csv'],
      { parseAs: 'string', bodyLimit: CSV_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
  }
}
