import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ScenarioResult {
  scenario: string;
  cases: number;
  failures: number;
  lost: number;
  duplicated: number;
  note?: string;
}

const FILE = join(tmpdir(), `pactwatch-reliability-${process.env['PACTWATCH_RELIABILITY_RUN'] ?? 'run'}.jsonl`);

export const SIZE = (process.env['RELIABILITY_SIZE'] ?? (process.env['CI'] ? 'quick' : 'full')) as 'quick' | 'full';

/** Records one scenario's counts for the summary table printed at the end of the run. */
export function record(result: ScenarioResult): void {
  appendFileSync(FILE, JSON.stringify(result) + '\n');
}

export function readResults(): ScenarioResult[] {
  if (!existsSync(FILE)) return [];
  const lines = readFileSync(FILE, 'utf8').trim().split('\n').filter(Boolean);
  rmSync(FILE);
  return lines.map((line) => JSON.parse(line));
}
