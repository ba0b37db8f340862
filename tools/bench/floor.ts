/**
 * The floor: the fastest plain way to serve the benchmark's endpoints. A bare `node:http` server
 * and a `pg` Pool that run the same SQL as Pactwatch and answer the same JSON (or iCal text),
 * with no framework, validation, guards, ORM or logging in between.
 *
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register tools/bench/floor.ts
 *   env: DATABASE_URL (required), PORT (default 3100), DATABASE_POOL_SIZE (default 10, as the app)
 *
 * The requests live in lib/floor-queries.ts, built from the same statement modules as libs/api/commitments;
 * when the service's read path changes, change them there too (npm run bench compares both answers first).
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Pool, types } from 'pg';
import { serializeReply } from '../../libs/api/commitments/src/lib/shared/read-cache';
import { commitmentDetail, commitmentList, dashboardSummary, deadlinesFeed, FloorContext } from './lib/floor-queries';

// Dates stay YYYY-MM-DD strings, as TypeORM returns them for `date` columns.
types.setTypeParser(1082, (value) => value);

const url = process.env['DATABASE_URL'];
if (!url) {
  console.error('floor: DATABASE_URL is not set');
  process.exit(1);
}
const port = Number(process.env['PORT'] ?? 3100);
const pool = new Pool({ connectionString: url, max: Number(process.env['DATABASE_POOL_SIZE'] ?? 10), application_name: 'pactwatch-floor' });
const context: FloorContext = { pool, publicUrl: (process.env['PUBLIC_URL'] ?? `http://127.0.0.1:${port}`).replace(/\/$/, '') };

function send(response: ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8'): void {
  response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const parsed = new URL(request.url ?? '/', 'http://floor');
  const path = parsed.pathname;
  if (request.method !== 'GET') return send(response, 405, '{"status":405}');
  if (path === '/api/health/live' || path === '/api/health') return send(response, 200, '{"status":"ok"}');
  if (path === '/api/commitments') return send(response, 200, serializeReply(await commitmentList(context, parsed.searchParams)));
  if (path === '/api/dashboard/summary') return send(response, 200, serializeReply(await dashboardSummary(context)));
  if (path === '/api/feeds/deadlines.ics')
    return send(response, 200, await deadlinesFeed(context, parsed.searchParams), 'text/calendar; charset=utf-8');
  const detail = /^\/api\/commitments\/([^/]+)$/.exec(path);
  if (detail) {
    const found = await commitmentDetail(context, decodeURIComponent(detail[1]));
    return found ? send(response, 200, serializeReply(found)) : send(response, 404, '{"status":404}');
  }
  send(response, 404, '{"status":404}');
}

const server = createServer((request, response) => {
  route(request, response).catch((error: unknown) => {
    console.error(error);
    if (!response.headersSent) send(response, 500, JSON.stringify({ status: 500, detail: String(error) }));
  });
});
server.keepAliveTimeout = 72_000;
server.listen(port, '127.0.0.1', () => console.log(`floor listening on http://127.0.0.1:${port}`));
const stop = () => server.close(() => void pool.end().then(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
