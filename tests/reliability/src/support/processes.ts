import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../..');
/** The built API; RELIABILITY_API_MAIN points at a copy (e.g. in /tmp) that other builds cannot replace mid-run. */
const MAIN = resolve(process.env['RELIABILITY_API_MAIN'] ?? resolve(ROOT, 'dist/apps/api/main.js'));

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no free port'))));
    });
  });
}

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  waitHealthy(timeoutMs?: number): Promise<void>;
  /** SIGTERM, then wait for exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Resolves with the exit code once the process has exited (whoever stopped it). */
  exited(): Promise<number | null>;
}

/** Runs the built API (`dist/apps/api/main.js`) as its own process, as a replica would run. */
export async function startApi(env: Record<string, string>): Promise<ApiProcess> {
  if (!existsSync(MAIN)) throw new Error('Build the API first: npx nx build api');
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      // A copy of the build outside the repository still finds the repository's node_modules.
      NODE_PATH: resolve(ROOT, 'node_modules'),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      WEB_DIST_DIR: 'tmp/no-web',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  // A process killed by a signal has no exit code, only a signal code.
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;
  return {
    url,
    child,
    output: () => output,
    waitHealthy: async (timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (hasExited()) throw new Error(`API exited with ${child.exitCode ?? child.signalCode}:\n${output}`);
        try {
          if ((await fetch(`${url}/api/health`)).ok) return;
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`API at ${url} did not become healthy:\n${output}`);
    },
    exited: () => new Promise((resolveExit) => (hasExited() ? resolveExit(child.exitCode) : child.once('exit', resolveExit))),
    stop: (signal = 'SIGTERM') =>
      new Promise((resolveExit) => {
        if (hasExited()) return resolveExit(child.exitCode);
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        child.once('exit', (code) => {
          clearTimeout(timer);
          resolveExit(code);
        });
        child.kill(signal);
      }),
  };
}
