/**
 * npm run intake -- --date YYYY-MM-DD [--catalogue FILE.json] [--pretty] FILE
 *
 * Prints the commitments the extractor proposes for a plain-text document, as the JSON that the
 * intake scorer reads: { "candidates": [ { quote, start, end, deadline, title, … } ] }.
 * --date is the document's own date (signing or publication). --catalogue is a JSON file
 * { "parties": [{ "code", "name", "aliases"? }], "areas": [{ "slug", "name", "keywords"? }] };
 * without it no parties or areas are proposed.
 */
import { extractCommitments, type ExtractorCatalogue } from '@pactwatch/shared/extractor';
import { readFileSync } from 'node:fs';

const USAGE = 'usage: npm run intake -- --date YYYY-MM-DD [--catalogue FILE.json] [--pretty] FILE';

function fail(message: string): never {
  process.stderr.write(`intake: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): { date: string; file: string; catalogue: string | null; pretty: boolean } {
  let date: string | null = null;
  let catalogue: string | null = null;
  let pretty = false;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--date' || a === '--catalogue') {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) fail(`${a} needs a value`);
      if (a === '--date') date = value;
      else catalogue = value;
    } else if (a.startsWith('--date=')) date = a.slice(7);
    else if (a.startsWith('--catalogue=')) catalogue = a.slice(12);
    else if (a === '--pretty') pretty = true;
    else if (a.startsWith('--')) fail(`unknown option ${a}`);
    else files.push(a);
  }
  if (date === null) fail('--date is required');
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
    Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ||
    new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date
  ) {
    fail(`--date must be a calendar date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  }
  if (files.length !== 1) fail(files.length === 0 ? 'give one FILE to read' : `give one FILE, got ${files.length}`);
  return { date, file: files[0], catalogue, pretty };
}

function readCatalogue(path: string): ExtractorCatalogue {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    fail(`cannot read the catalogue ${path}: ${(e as Error).message}`);
  }
  const c = data as Partial<ExtractorCatalogue>;
  const partiesOk = Array.isArray(c?.parties) && c.parties.every((p) => typeof p?.code === 'string' && typeof p?.name === 'string');
  const areasOk = Array.isArray(c?.areas) && c.areas.every((a) => typeof a?.slug === 'string' && typeof a?.name === 'string');
  if (!partiesOk || !areasOk) fail(`the catalogue ${path} must be {"parties":[{"code","name"}],"areas":[{"slug","name"}]}`);
  return c as ExtractorCatalogue;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  let text: string;
  try {
    text = readFileSync(args.file, 'utf8');
  } catch (e) {
    fail(`cannot read ${args.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const catalogue = args.catalogue ? readCatalogue(args.catalogue) : undefined;
  const candidates = extractCommitments(text, { documentDate: args.date, catalogue });
  process.stdout.write(`${JSON.stringify({ document: args.file, date: args.date, candidates }, null, args.pretty ? 2 : undefined)}\n`);
}

main();
