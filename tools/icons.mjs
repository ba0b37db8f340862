#!/usr/bin/env node
/**
 * Builds the dashboard's icon font: Material Symbols Outlined cut down to the icons the dashboard names.
 *
 * The full font (the `material-symbols` package) is 4 MB; the dashboard uses about a hundred of its 3,900
 * icons. This script finds every icon name in the web sources (apps/web/src and libs/web, specs left out):
 *   - the text of `<mat-icon>name</mat-icon>`, and the quoted names inside `<mat-icon>{{ … }}</mat-icon>`;
 *   - `icon="name"` attributes (inputs of the dashboard's own components);
 *   - every quoted string in TypeScript and templates that is a Material Symbols name: icon names are
 *     kept in tables and maps (`icon: 'alarm'`, `STATUS_ICONS`), so a name anywhere in the code counts.
 *     The few ordinary words that are also icon names ('title', 'pending') cost a few hundred bytes each.
 * and writes, into apps/web/src/generated/ (not committed; made again by each build):
 *   - material-symbols-subset.woff2: only those icons, with the weight, grade and optical size fixed at the
 *     values the dashboard uses (400, 0, 24) and the fill axis kept (the active navigation link is filled);
 *   - icons.json: the names in the font, for the browser test that checks every icon on every page is in it.
 *
 * The build fails when a `<mat-icon>` names something that is not a Material Symbols icon (a typo would
 * show as a word instead of an icon).
 *
 * How the subset keeps the ligatures: each icon is also mapped to a private-use code point; the subset is
 * asked for those code points plus the letters, digits and underscore, without harfbuzz's layout closure
 * (which would pull in every ligature spelt with those letters, that is the whole font). harfbuzz keeps a
 * ligature only when its glyph is kept, so exactly the named icons keep their ligatures.
 *
 *   node tools/icons.mjs              # writes the subset
 *   node tools/icons.mjs --list       # prints the names found, and where
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['apps/web/src', 'libs/web'];
const OUT_DIR = join(ROOT, 'apps/web/src/generated');
const require = createRequire(import.meta.url);
/** harfbuzz (shaping) and fontverter (WOFF2 ⇄ TTF) are subset-font's own dependencies: load the ones it uses. */
const fromSubsetFont = createRequire(require.resolve('subset-font'));
const FONT = require.resolve('material-symbols/material-symbols-outlined.woff2');
/** The axes the dashboard's icons use; FILL stays variable. */
const PINNED_AXES = { wght: 400, GRAD: 0, opsz: 24 };
const LIGATURE_LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789_';

/** Every Material Symbols name, from the package's own type declaration. */
function allIconNames() {
  const declaration = readFileSync(require.resolve('material-symbols/index.d.ts'), 'utf8');
  return new Set([...declaration.matchAll(/^\s*"([a-z0-9_]+)",?$/gm)].map((match) => match[1]));
}

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'generated') yield* sourceFiles(path);
    } else if (/\.(ts|html)$/.test(entry.name) && !/\.(spec|harness)\.ts$/.test(entry.name)) {
      yield path;
    }
  }
}

/** The icon names used by the web sources, each with the first file that names it. */
export function findIconNames(root = ROOT, known = allIconNames()) {
  const found = new Map();
  const problems = [];
  const add = (name, file) => {
    if (!found.has(name)) found.set(name, relative(root, file));
  };
  for (const sourceRoot of SOURCES) {
    for (const file of sourceFiles(join(root, sourceRoot))) {
      const text = readFileSync(file, 'utf8');
      for (const [, content] of text.matchAll(/<mat-icon\b[^>]*>([^<]*)<\/mat-icon>/g)) {
        const inner = content.trim();
        if (inner.startsWith('{{')) {
          for (const [, name] of inner.matchAll(/'([^']*)'|"([^"]*)"/g)) if (name) add(name, file);
        } else if (known.has(inner)) {
          add(inner, file);
        } else {
          problems.push(`${relative(root, file)}: <mat-icon>${inner}</mat-icon> is not a Material Symbols icon`);
        }
      }
      for (const [, name] of text.matchAll(/\bicon="([^"{}]+)"/g)) {
        if (known.has(name)) add(name, file);
        else problems.push(`${relative(root, file)}: icon="${name}" is not a Material Symbols icon`);
      }
      for (const [, , name] of text.matchAll(/(['"`])([a-z0-9_]+)\1/g)) if (known.has(name)) add(name, file);
    }
  }
  for (const [name, file] of found) {
    if (!known.has(name)) problems.push(`${file}: '${name}' is shown in a <mat-icon> but is not a Material Symbols icon`);
  }
  return { names: new Map([...found].filter(([name]) => known.has(name)).sort(([a], [b]) => a.localeCompare(b))), problems };
}

/** A shaper over one font: `glyphOf(text)` is the single glyph the text shapes to, else null. */
async function shaper(ttf) {
  const hb = await import(pathToFileURL(fromSubsetFont.resolve('harfbuzzjs')).href);
  const blob = new hb.Blob(ttf);
  const face = new hb.Face(blob, 0);
  const font = new hb.Font(face);
  const glyphOf = (text) => {
    const buffer = new hb.Buffer();
    buffer.addText(text);
    buffer.guessSegmentProperties();
    hb.shape(font, buffer);
    const glyphs = buffer.getGlyphInfos().map((info) => info.codepoint);
    buffer.destroy?.();
    return glyphs.length === 1 && glyphs[0] !== 0 ? glyphs[0] : null;
  };
  const unicodes = () => Array.from(face.collectUnicodes());
  const destroy = () => {
    font.destroy?.();
    face.destroy?.();
    blob.destroy?.();
  };
  return { glyphOf, unicodes, destroy };
}

/** The private-use code point of each named icon: shape the name with the full font, then find its glyph in cmap. */
async function codePointsOf(ttf, names) {
  const { glyphOf, unicodes, destroy } = await shaper(ttf);
  const byGlyph = new Map();
  for (const codePoint of unicodes()) {
    if (codePoint >= 0xe000) byGlyph.set(glyphOf(String.fromCodePoint(codePoint)), codePoint);
  }
  const result = new Map();
  for (const name of names) {
    const glyph = glyphOf(name);
    const codePoint = glyph === null ? undefined : byGlyph.get(glyph);
    if (codePoint === undefined) throw new Error(`icons: no glyph with a code point for '${name}' in ${FONT}`);
    result.set(name, codePoint);
  }
  destroy();
  return result;
}

/** Every name must still shape to one glyph in the subset: the ligatures survived. */
async function checkSubset(subsetTtf, names) {
  const { glyphOf, destroy } = await shaper(subsetTtf);
  const missing = [...names].filter((name) => glyphOf(name) === null);
  destroy();
  if (missing.length) throw new Error(`the subset font lost the ligature of: ${missing.join(', ')}`);
}

async function main() {
  const { names, problems } = findIconNames();
  if (process.argv.includes('--list')) {
    for (const [name, file] of names) console.log(`${name.padEnd(28)} ${file}`);
  }
  if (problems.length) {
    console.error(`icons: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  const subsetFont = require('subset-font');
  const fontverter = fromSubsetFont('fontverter');
  const woff2 = readFileSync(FONT);
  const ttf = await fontverter.convert(woff2, 'truetype');
  const codePoints = await codePointsOf(ttf, names.keys());
  const text = LIGATURE_LETTERS + [...codePoints.values()].map((c) => String.fromCodePoint(c)).join('');
  const subset = await subsetFont(ttf, text, {
    targetFormat: 'woff2',
    noLayoutClosure: true,
    variationAxes: PINNED_AXES,
  });
  await checkSubset(await fontverter.convert(subset, 'truetype'), names.keys());
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'material-symbols-subset.woff2'), subset);
  writeFileSync(join(OUT_DIR, 'icons.json'), `${JSON.stringify([...names.keys()], null, 2)}\n`);
  console.log(
    `icons: ${names.size} icons, ${(subset.length / 1024).toFixed(1)} kB (the full font: ${(woff2.length / 1024).toFixed(0)} kB)`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`icons: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
