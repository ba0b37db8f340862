import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

/**
 * RFC 8058 one-click POSTs may come as multipart/form-data ("List-Unsubscribe=One-Click"). The token is in
 * the URL, so the body is not needed: accept it unparsed, unless another feature already parses multipart.
 */
@Injectable()
export class OneClickBodyParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify || typeof fastify.hasContentTypeParser !== 'function' || fastify.hasContentTypeParser('multipart/form-data')) return;
    fastify.addContentTypeParser('multipart/form-data', { bodyLimit: 16_384 }, (_request, payload, done) => {
      payload.resume();
      payload.on('end', () => done(null, {}));
      payload.on('error', (error) => done(error, undefined));
    });
  }
}
