/** The console table and the markdown report of a bench run. */
import type { BenchResults, ScenarioResult } from '../run';
import { describePass } from './planning';
import { describeSending } from './sending';

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

const fmt = (n: number | undefined, digits = 0) =>
  n === undefined ? '–' : n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mark = (met: boolean | undefined) => (met === undefined ? '–' : met ? 'yes' : 'NO');

function rows(results: BenchResults): string[][] {
  const out: string[][] = [];
  for (const s of results.scenarios) {
    out.push([
      s.title,
      fmt(s.pactwatch?.requestsPerSecond),
      fmt(s.pactwatch?.p50),
      fmt(s.pactwatch?.p99),
      fmt(s.floor?.requestsPerSecond),
      fmt(s.floor?.p50),
      fmt(s.floor?.p99),
      s.ratio === undefined ? '–' : `${s.ratio.toFixed(2)}×`,
      s.targets,
      s.skipped
        ? `skipped: ${s.skipped.slice(0, 60)}`
        : s.met === undefined
          ? s.misses.length
            ? s.misses.join('; ')
            : '–'
          : s.met
            ? 'yes'
            : `NO (${s.misses.join('; ')})`,
    ]);
  }
  return out;
}

const HEADER = ['scenario', 'Pactwatch req/s', 'p50 ms', 'p99 ms', 'floor req/s', 'p50 ms', 'p99 ms', 'ratio', 'target', 'met?'];

function planningLines(results: BenchResults): string[] {
  const lines: string[] = [];
  for (const p of results.planning.results) {
    // Results written by an earlier version of the bench have no passes: re-run `--only planning`.
    if (!p.passes) continue;
    lines.push(`6. Reminder planning at ${fmt(p.commitments)} commitments (${p.database}):`);
    for (const pass of p.passes) lines.push(`   - ${describePass(pass)}`);
    if (p.candidates)
      lines.push(
        `   - candidate query: ${fmt(p.candidates.rows)} commitments due in ${p.candidates.window.from}..${p.candidates.window.to}, ` +
          `${fmt(p.candidates.serverMs, 1)} ms in PostgreSQL`,
      );
    if (p.explainError) lines.push(`   - queries not explained: ${p.explainError}`);
  }
  if (results.planning.ratio !== undefined || results.planning.met !== undefined)
    lines.push(
      `   1M / 100k: one day's planning pass ${results.planning.ratio?.toFixed(2) ?? '–'}×, candidate query inside PostgreSQL ` +
        `${results.planning.serverRatio?.toFixed(2) ?? '–'}× (target ≤ 2×): met? ${mark(results.planning.met)}`,
    );
  if (results.planning.sending) lines.push(`6. Reminder ${describeSending(results.planning.sending)}`);
  if (results.planning.note) lines.push(`   ${results.planning.note}`);
  return lines;
}

function browserLines(results: BenchResults): string[] {
  const b = results.browser;
  if (!b) return ['7. Dashboard first load: not run'];
  const lines: string[] = [];
  if (b.firstLoad) {
    lines.push(
      `7. Dashboard first load: counters and lists rendered in ${fmt(b.firstLoad.renderedMs)} ms (median of ${b.firstLoad.runs.join(', ')}; target ≤ 1,500 ms)`,
    );
    const settled = b.firstLoad.settledMs;
    lines.push(
      `   everything loaded (timeline and table too): ${settled === null || settled === undefined ? 'not within 30 s' : `${fmt(settled)} ms`}; ` +
        `DOMContentLoaded ${fmt(b.firstLoad.domContentLoadedMs)} ms; ${fmt(b.firstLoad.jsTransferred / 1000, 1)} kB of JS transferred`,
    );
  } else lines.push(`7. Dashboard first load: ${b.note ?? 'not measured'}`);
  if (b.initialJs) {
    lines.push(
      `   initial JS: ${fmt(b.initialJs.gzip / 1000, 1)} kB gzip (${fmt(b.initialJs.bytes / 1000, 1)} kB raw, ${b.initialJs.files.length} files; target ≤ 250 kB gzip)`,
    );
  }
  if (b.met !== undefined) lines.push(`   met? ${mark(b.met)}`);
  if (b.firstLoad && b.note) lines.push(`   note: ${b.note}`);
  return lines;
}

export function renderTable(results: BenchResults): string {
  const all = [HEADER, ...rows(results)];
  const widths = HEADER.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 0 || i >= 8 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  const m = results.machine;
  return [
    '',
    `Pactwatch bench: ${fmt(results.config.commitments)} commitments, ${results.config.connections} connections, ${results.config.seconds} s per run; ` +
      `${m.cores} cores (${m.cpu}), Node ${m.node}, PostgreSQL ${m.postgres} (${m.database})`,
    line(HEADER),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows(results).map(line),
    '',
    ...planningLines(results),
    ...browserLines(results),
    '',
  ].join('\n');
}

export function renderMarkdown(results: BenchResults, previous: string): string {
  const m = results.machine;
  const table = [
    `| ${HEADER.join(' | ')} |`,
    `| ${HEADER.map((_, i) => (i === 0 || i >= 8 ? '---' : '---:')).join(' | ')} |`,
    ...rows(results).map((r) => `| ${r.join(' | ')} |`),
  ];
  const side = (r: ScenarioResult['pactwatch']) =>
    r
      ? `${fmt(r.total)} ok in ${fmt(r.seconds)} s${r.non2xx ? ` + ${fmt(r.non2xx)} errors` : ''}, ${fmt(r.bytesPerRequest / 1000, 1)} kB each`
      : '–';
  const answers = results.scenarios.map(
    (s) =>
      `- ${s.title}: \`GET ${s.path.replace(/token=[^&]+/, 'token=…')}\`; answers ${s.sameResponse || '–'}; order ${s.order || '–'}; ` +
      `Pactwatch ${side(s.pactwatch)}; floor ${side(s.floor)}` +
      (s.firstAnswerMs
        ? `; first (uncached) answer: Pactwatch ${fmt(s.firstAnswerMs.pactwatch)} ms, floor ${fmt(s.firstAnswerMs.floor)} ms`
        : ''),
  );
  const seed = results.seed.reused
    ? 'Data set reused from an earlier seed.'
    : `Seeded ${fmt(results.seed.totalRows)} rows in ${fmt(results.seed.seconds, 1)} s (${fmt(results.seed.rowsPerSecond)} rows/s).`;
  const plans = results.planning.results
    .filter((p) => p.candidates)
    .map((p) => [`Plan of the candidate query at ${fmt(p.commitments)} commitments:`, '', '```', p.candidates?.plan, '```', ''].join('\n'));
  const api = results.browser?.firstLoad?.apiCalls.map((c) => `  - \`${c.url}\`: ${fmt(c.ms)} ms, ${fmt(c.bytes / 1000, 1)} kB`) ?? [];
  const section = [
    START,
    `## Latest run`,
    '',
    `\`${results.command}\` on ${results.generatedAt.slice(0, 16).replace('T', ' ')} UTC: ${fmt(results.config.commitments)} commitments (seed ${results.config.seed}, day ${results.config.today}), ` +
      `${results.config.connections} connections, ${results.config.seconds} s per run after a ${results.config.warmupSeconds} s warm-up, one server loaded at a time.`,
    `Machine: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node}, PostgreSQL ${m.postgres}, ${m.database}. ${seed}`,
    '',
    ...table,
    '',
    ...answers,
    '',
    ...planningLines(results).map((l) => l.trim()),
    '',
    ...browserLines(results).map((l) => l.trim()),
    ...(api.length ? ['', 'API calls of the first load:', ...api] : []),
    '',
    ...plans,
    END,
  ].join('\n');
  if (previous.includes(START) && previous.includes(END)) {
    return previous.slice(0, previous.indexOf(START)) + section + previous.slice(previous.indexOf(END) + END.length);
  }
  return `# Pactwatch benchmark report\n\nGenerated by \`npm run bench\` (tools/bench). The section between the markers is rewritten on every run; the analysis below it is kept.\n\n${section}\n`;
}
