#!/usr/bin/env node
/**
 * Peak memory of the API while it takes a 20 MB PDF as a source document.
 *
 *   npx nx build api && DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node tools/sources-memory.mjs [MB]
 *
 * Creates a database of its own (dropped at the end), starts the built API on it with the demo accounts, writes a
 * PDF of the given size (default 20 MB: one page of text and an attachment of random bytes), streams it to
 * POST /api/agreements/:id/sources/upload from disk, and reads the server's peak RSS from /proc (VmHWM, reset
 * with clear_refs just before the upload). Linux only.
 */
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const megabytes = Number(process.argv[2] ?? 20);
const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) throw new Error('Set DATABASE_URL to a PostgreSQL server where this script may create a database');

const freePort = () =>
  new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
const kib = (line) => Number(/(\d+)\s*kB/.exec(line)?.[1] ?? 0);
const status = (pid) =>
  Object.fromEntries(
    readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .map((l) => [l.split(':')[0], kib(l)]),
  );

const work = mkdtempSync(join(tmpdir(), 'pactwatch-memory-'));
const file = join(work, 'big.pdf');
const doc = await PDFDocument.create();
const font = await doc.embedFont(StandardFonts.Helvetica);
doc.addPage().drawText('Article 1. The Parties shall exchange data every year.', { x: 40, y: 700, size: 12, font });
await doc.attach(randomBytes(megabytes * 1_000_000), 'annex.bin', { mimeType: 'application/octet-stream' });
writeFileSync(file, await doc.save({ useObjectStreams: false }));
const size = statSync(file).size;

const database = `pw_memory_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE "${database}"`);
const url = new URL(adminUrl);
url.pathname = `/${database}`;
const port = await freePort();
const child = spawn(process.execPath, [join(ROOT, 'dist/apps/api/main.js')], {
  cwd: ROOT,
  env: {
    ...process.env,
    DATABASE_URL: url.toString(),
    PORT: String(port),
    HOST: '127.0.0.1',
    SEED_DEMO_DATA: 'true',
    LOG_LEVEL: 'warn',
    SCHEDULER_ENABLED: 'false',
    WEB_DIST_DIR: 'tmp/no-web',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
try {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  const anonymous = await fetch(`${base}/api/auth/session`);
  const xsrf = /XSRF-TOKEN=([^;]+)/.exec(anonymous.headers.get('set-cookie') ?? '')[1];
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `XSRF-TOKEN=${xsrf}`, 'x-xsrf-token': xsrf },
    body: JSON.stringify({ email: 'analyst@pactwatch.local', password: 'pactwatch-demo' }),
  });
  const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]);
  const token = cookies.find((c) => c.startsWith('XSRF-TOKEN=')).split('=')[1];
  const headers = { cookie: cookies.join('; '), 'x-xsrf-token': token };
  const agreements = await (await fetch(`${base}/api/agreements`, { headers })).json();
  const agreement = agreements[0].id;

  const before = status(child.pid);
  writeFileSync(`/proc/${child.pid}/clear_refs`, '5'); // resets the peak (VmHWM) to the current RSS
  const boundary = `----pactwatch${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  async function* body() {
    yield head;
    for await (const chunk of createReadStream(file)) yield chunk;
    yield tail;
  }
  const started = performance.now();
  const response = await fetch(`${base}/api/agreements/${agreement}/sources/upload`, {
    method: 'POST',
    headers: {
      ...headers,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(head.length + size + tail.length),
    },
    body: Readable.toWeb(Readable.from(body())),
    duplex: 'half',
  });
  const seconds = (performance.now() - started) / 1000;
  const result = await response.json();
  const after = status(child.pid);
  if (response.status !== 201) throw new Error(`upload answered ${response.status}: ${JSON.stringify(result)}`);
  const original = Buffer.from(await (await fetch(`${base}/api/sources/${result.id}/versions/1/original`, { headers })).arrayBuffer());
  const same = createHash('sha256').update(original).digest('hex') === result.versions[0].sha256;
  const mb = (k) => (k / 1024).toFixed(0);
  console.log(
    `PDF of ${(size / 1_048_576).toFixed(1)} MiB stored in ${seconds.toFixed(1)} s; original read back ${same ? 'identical' : 'DIFFERENT'}`,
  );
  console.log(
    `server RSS before: ${mb(before.VmRSS)} MiB; peak during the upload: ${mb(after.VmHWM)} MiB (+${mb(after.VmHWM - before.VmRSS)} MiB)`,
  );
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await admin.end();
}
