import globalTeardown from '../../../support/global-teardown';
import { readResults, SIZE } from './summary';

export default async function printSummary(): Promise<void> {
  const results = readResults();
  const rows = [
    ['scenario', 'cases', 'failures', 'lost', 'duplicated', 'note'],
    ...results.map((r) => [r.scenario, String(r.cases), String(r.failures), String(r.lost), String(r.duplicated), r.note ?? '']),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ');
  console.log(
    `\nReliability summary (size: ${SIZE})\n${line(rows[0])}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.slice(1).map(line).join('\n')}\n`,
  );
  await globalTeardown();
}
