#!/usr/bin/env node
/**
 * Writes brotli (.br) and gzip (.gz) copies of the built dashboard's text assets beside them, so the API
 * serves them compressed (@fastify/static `preCompressed`) without compressing on every request.
 * Runs after the Angular build (`nx build web`); files under 1 kB, or that do not shrink, are left alone.
 *
 *   node tools/precompress.mjs dist/apps/web/browser
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map|webmanifest|ico)$/;
const MIN_BYTES = 1024;

const root = process.argv[2];
if (!root || !statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
  console.error(`precompress: ${root ? `${root} is not a directory` : 'give the built dashboard directory'} (e.g. dist/apps/web/browser)`);
  process.exit(1);
}

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (COMPRESSIBLE.test(entry.name)) yield path;
  }
}

const candidates = [...files(root)].filter((path) => statSync(path).size >= MIN_BYTES);
let raw = 0;
let brotli = 0;
for (const [index, path] of candidates.entries()) {
  const content = readFileSync(path);
  const br = brotliCompressSync(content, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
  });
  const gz = gzipSync(content, { level: 9 });
  if (br.length < content.length) writeFileSync(`${path}.br`, br);
  if (gz.length < content.length) writeFileSync(`${path}.gz`, gz);
  raw += content.length;
  brotli += Math.min(br.length, content.length);
  if (process.stdout.isTTY)
    process.stdout.write(`\rprecompress: ${index + 1}/${candidates.length} ${relative(root, path).slice(0, 60).padEnd(60)}`);
}
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
process.stdout.write(
  `${process.stdout.isTTY ? '\r' : ''}precompress: ${candidates.length} files, ${kb(raw)} → ${kb(brotli)} with brotli${' '.repeat(50)}\n`,
);
