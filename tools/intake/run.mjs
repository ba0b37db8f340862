#!/usr/bin/env node
// Starts the intake command fast: bundles tools/intake/intake.ts and the libraries it uses into
// tmp/intake/intake.cjs with esbuild (which the Angular build already installs) when a source is
// newer than the bundle, then runs the bundle. Without esbuild it falls back to ts-node.
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const entry = join(root, 'tools/intake/intake.ts');
const bundle = join(root, 'tmp/intake/intake.cjs');
const sources = [join(root, 'tools/intake'), join(root, 'libs/shared/extractor/src'), join(root, 'libs/shared/deadlines/src')];
const require = createRequire(import.meta.url);

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function build() {
  let esbuild;
  try {
    esbuild = require('esbuild');
  } catch {
    return false;
  }
  mkdirSync(dirname(bundle), { recursive: true });
  const result = esbuild.buildSync({
    entryPoints: [entry],
    outfile: bundle,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    tsconfig: join(root, 'tools/tsconfig.json'),
    logLevel: 'error',
  });
  // Written aside and renamed, so a run that starts meanwhile never reads half a bundle.
  const part = `${bundle}.${process.pid}`;
  writeFileSync(part, result.outputFiles[0].contents);
  renameSync(part, bundle);
  return true;
}

const stale = !existsSync(bundle) || statSync(bundle).mtimeMs < Math.max(...sources.map(newest));
if (!stale || build()) {
  require(bundle);
} else {
  process.env.TS_NODE_PROJECT = join(root, 'tools/tsconfig.json');
  require('ts-node/register/transpile-only');
  require('tsconfig-paths/register');
  require(entry);
}
