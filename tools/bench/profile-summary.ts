/**
 * Summarises a V8 CPU profile written by `npm run bench -- --profile` (bench/profiles/*.cpuprofile):
 * self time by package and by function, to see where Pactwatch spends what the floor does not.
 *
 *   TS_NODE_PROJECT=tools/tsconfig.json node -r ts-node/register/transpile-only tools/bench/profile-summary.ts bench/profiles/X.cpuprofile
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function packageOf(url: string): string {
  if (!url) return '(native / idle / gc)';
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1];
  if (url.startsWith('node:')) return 'node core';
  if (url.includes('/libs/') || url.includes('/apps/') || url.includes('main.js')) return 'pactwatch code';
  return url.replace(/^file:\/\//, '');
}

function main(): void {
  const file = process.argv[2];
  if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile>');
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const packages = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, micros] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const pkg = node.callFrame.functionName === '(idle)' ? '(idle)' : packageOf(node.callFrame.url);
    packages.set(pkg, (packages.get(pkg) ?? 0) + micros);
    const name = `${node.callFrame.functionName || '(anonymous)'} ${pkg}${node.callFrame.url ? `:${node.callFrame.lineNumber + 1}` : ''}`;
    functions.set(name, (functions.get(name) ?? 0) + micros);
  }
  const show = (title: string, map: Map<string, number>, count: number) => {
    console.log(`\n${title}`);
    for (const [name, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, count)) {
      console.log(`${((micros / total) * 100).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${name}`);
    }
  };
  console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
  show('Self time by package', packages, 15);
  show('Self time by function', functions, 25);
}

main();
