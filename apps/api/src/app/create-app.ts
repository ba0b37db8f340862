import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { serializeReply } from '@pactwatch/api/commitments';
import { AppConfig, Clock, createValidationPipe, SystemClock } from '@pactwatch/api/core';
import { randomUUID } from 'node:crypto';
import type { RouteOptions } from 'fastify';
import type { IncomingMessage } from 'node:http';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { constants as zlibConstants } from 'node:zlib';
import { resolve } from 'node:path';
import { AppModule } from './app.module';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

export interface CreateAppOptions {
  clock?: Clock;
  logger?: LogLevel[] | false;
  /** Called for every route Fastify registers (the authorization-matrix test lists routes this way). */
  onRoute?: (route: RouteOptions) => void;
}

/** Builds the Nest application on Fastify: API under /api, OpenAPI at /api/docs, the dashboard at /. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: 1_048_576,
    trustProxy: config.trustProxy,
    genReqId: (request: IncomingMessage) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
  });
  if (options.onRoute) adapter.getInstance().addHook('onRoute', options.onRoute);
  // Answers kept per data version (dashboard, lists, calendars) are sent many times: serialise each once.
  adapter.getInstance().setReplySerializer(serializeReply);
  const logger = options.logger ?? LEVELS.slice(0, LEVELS.indexOf(config.env.LOG_LEVEL) + 1);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options.clock ?? new SystemClock()), adapter, {
    logger,
    abortOnError: false,
  });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  // Parses cookies for the session and CSRF checks (libs/api/auth); nothing is signed, ids are random and hashed at rest.
  await app.register(fastifyCookie);
  // Form uploads (multipart/form-data), read by the routes that take files (source documents, the CSV import) with
  // request.file(): one file per request, streamed (never buffered whole), at most SOURCE_MAX_BYTES; a route may set a
  // lower limit of its own.
  await app.register(fastifyMultipart, {
    limits: { fileSize: config.env.SOURCE_MAX_BYTES, files: 1, fields: 10, fieldSize: 1000, parts: 11, headerPairs: 100 },
  });
  // API answers (JSON, CSV, iCal) to clients that accept it; the dashboard's files come precompressed (serveDashboard).
  // Brotli at quality 5: a 56 kB list page becomes 8.7 kB in 0.6 ms (gzip -9: 9.4 kB in 0.45 ms; brotli's default, 11: 7.7 kB in 44 ms).
  await app.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } },
  });

  // Built once, at start: @fastify/helmet would build helmet's middleware, CSP parsing included, on every request.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        // Angular Material and Angular's style encapsulation inject <style> elements at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: config.publicUrl.startsWith('https://'),
    // The same rule as CSP's frame-ancestors 'none', for browsers that know only this header.
    xFrameOptions: { action: 'deny' },
  });
  adapter
    .getInstance()
    .addHook('onRequest', (request, reply, done) =>
      securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)),
    );

  setUpOpenApi(app);
  await serveDashboard(app, config);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (request, reply) => {
      void reply.header('x-request-id', request.id);
      // API answers carry what a session or token may read: no cache, shared or private, may keep them. A route that
      // means otherwise says so itself (the feeds: `private, no-cache` with an ETag, for calendar apps).
      if (request.url.startsWith('/api/') && !request.url.startsWith('/api/docs') && !reply.hasHeader('cache-control')) {
        void reply.header('cache-control', 'no-store');
      }
    });
  await app.init();
  return app;
}

function setUpOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Pactwatch API')
      .setDescription('Commitments made in agreements, their anchored deadlines, status history and reminders.')
      .setVersion('1.0')
      .addCookieAuth('pactwatch_session')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json', yamlDocumentUrl: 'api/docs/openapi.yaml' });
}

async function serveDashboard(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const root = resolve(config.env.WEB_DIST_DIR);
  const fastify = app.getHttpAdapter().getInstance();
  if (!existsSync(resolve(root, 'index.html'))) {
    fastify.log.warn(`No built dashboard in ${root}; serving the API only`);
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    // `nx build web` writes .br and .gz copies beside the assets (tools/precompress.mjs).
    preCompressed: true,
    // File names carry content hashes, so they may be cached for long; the shell must always be fresh.
    setHeaders: (res, path) => {
      void res.header('cache-control', path.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
    },
  });
  // Client-side routes (e.g. /commitments/AZ-US-2025-01) get the app shell; unknown /api paths stay 404.
  // A catch-all route rather than a not-found handler, which Nest owns.
  fastify.get('/*', (request, reply) => {
    if (!request.url.startsWith('/api/') && request.url !== '/api') {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply
      .status(404)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send({
        type: 'https://pactwatch.dev/problems/not-found',
        title: 'Not Found',
        status: 404,
        code: 'not_found',
        detail: `No route for ${request.method} ${request.url.split('?')[0]}`,
        requestId: request.id,
      });
  });
}
