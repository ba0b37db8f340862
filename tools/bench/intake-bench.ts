/**
 * npm run bench:intake [-- --pages 100 --runs 5]
 *
 * Extracts commitments from a generated agreement of about 3,000 characters a page (100 pages ≈
 * 300,000 characters: articles, numbered paragraphs, list items, preambles, narration and boilerplate,
 * deterministic) and prints the median time, beside a baseline measured in the same run: the cost of
 * sentence segmentation alone (paragraphs, headings and Intl.Segmenter), which any extractor pays.
 * It also extracts the same text run together on one line (no paragraph breaks, as some HTML and PDF
 * text comes), which Intl.Segmenter alone handles badly: its time grows with the square of its input.
 */
import { extractCommitments, segmentText } from '@pactwatch/shared/extractor';
import { performance } from 'node:perf_hooks';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) {
    process.stderr.write(`bench:intake: ${name} must be a whole number of at least 1\n`);
    process.exit(2);
  }
  return value;
}

/** A small deterministic generator (mulberry32), so every run reads the same text. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ (t + t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BODIES = [
  'The Parties',
  'The Joint Commission',
  'Each Party',
  'The Secretariat',
  'The working group',
  'The Ministry of Energy',
  'The U.S. Department of Commerce',
];
const ACTIONS = [
  'establish a joint committee on transit',
  'exchange data on gas flows',
  'submit a report on the implementation of this Article',
  'publish the list of designated authorities',
  'review the tariff schedule in Annex 2',
  'notify the other Party of any incident',
];
const TIMES = [
  'within six months of signing',
  'no later than 30 days after the entry into force of this Agreement',
  'by 1 December 2027',
  'in the third quarter of 2027',
  'every two years',
  'at least once every six months',
  'by the end of 2028',
  '',
];
const FILLER = [
  'Recognizing the importance of good-neighbourly relations between the two countries,',
  'The delegations met in Geneva and reviewed the progress made since the last session, e.g. on customs and No. 4 of the list.',
  'Analysts will remember that earlier talks collapsed in 2019 amid disputes over financing.',
  'This Agreement shall enter into force on the date of the last notification.',
  'For the purposes of this Article, "authority" means any body designated under Art. 3.',
  'The representatives expressed their gratitude to the host government for its hospitality and for the excellent organisation of the meeting.',
];

export function generateAgreement(pages: number, seed = 42): string {
  const next = random(seed);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
  const out: string[] = ['AGREEMENT ON COOPERATION IN ENERGY AND TRANSIT', ''];
  let article = 0;
  let size = 0;
  const target = pages * 3000;
  while (size < target) {
    article++;
    const lines = [`Article ${article}`];
    const paragraphs = 1 + Math.floor(next() * 4);
    for (let p = 1; p <= paragraphs; p++) {
      if (next() < 0.4) lines.push(`${p}. ${pick(FILLER)} ${pick(FILLER)}`);
      else if (next() < 0.25)
        lines.push(`${p}. ${pick(BODIES)} shall:`, `(a) ${pick(ACTIONS)} ${pick(TIMES)};`, `(b) ${pick(ACTIONS)} ${pick(TIMES)}.`);
      else lines.push(`${p}. ${pick(BODIES)} shall ${pick(ACTIONS)} ${pick(TIMES)}.`.replace(/ \./, '.') + ` ${pick(FILLER)}`);
    }
    const block = `${lines.join('\n')}\n`;
    out.push(block);
    size += block.length + 1;
  }
  return out.join('\n');
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median wall time and median CPU time (user + system) of `runs` calls, after one warm-up. */
function time(runs: number, fn: () => unknown): { wall: number; cpu: number } {
  fn(); // warm-up
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    walls.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  return { wall: median(walls), cpu: median(cpus) };
}

const ms = (t: { wall: number; cpu: number }) => `${t.wall.toFixed(0)} ms (CPU ${t.cpu.toFixed(0)} ms)`;

function main(): void {
  const pages = option('--pages', 100);
  const runs = option('--runs', 5);
  const text = generateAgreement(pages);
  let sentences = 0;
  const segmentation = time(runs, () => {
    sentences = segmentText(text).length;
  });
  let candidates = 0;
  const extraction = time(runs, () => {
    candidates = extractCommitments(text, { documentDate: '2026-01-01' }).length;
  });
  const oneLine = text.replace(/\s*\n\s*/g, ' ');
  const oneLineExtraction = time(runs, () => extractCommitments(oneLine, { documentDate: '2026-01-01' }));
  const rows = [
    ['text', `${pages} pages, ${text.length.toLocaleString('en')} characters, ${sentences.toLocaleString('en')} sentences`],
    ['baseline: segmentation alone', ms(segmentation)],
    [
      'extractCommitments',
      `${ms(extraction)}, ${(extraction.cpu / segmentation.cpu).toFixed(1)}× the baseline's CPU, ${candidates} candidates`,
    ],
    ['the same text on one line', ms(oneLineExtraction)],
    ['target', '≤ 2,000 ms for 100 pages'],
  ];
  for (const [k, v] of rows) console.log(`${k.padEnd(32)} ${v}`);
  console.log(`median of ${runs} runs after one warm-up`);
}

main();
