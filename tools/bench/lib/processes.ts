/** Starting and stopping the servers under test: only the child processes the bench itself started. */
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

export interface Started {
  readonly name: string;
  readonly baseUrl: string;
  readonly pid: number;
  /** The last lines the process printed, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startServer(options: {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  port: number;
  readyPath: string;
  timeoutMs?: number;
}): Promise<Started> {
  const child: ChildProcess = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    if (lines.length > 60) lines.splice(0, lines.length - 60);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: number | null = null;
  const exit = new Promise<void>((r) =>
    child.once('exit', (code) => {
      exited = code ?? -1;
      r();
    }),
  );
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const started: Started = {
    name: options.name,
    baseUrl,
    pid: child.pid ?? -1,
    output: () => lines.join('\n'),
    stop: async () => {
      if (exited !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`${options.name} exited with code ${exited} before it was ready:\n${started.output()}`);
    try {
      const response = await fetch(baseUrl + options.readyPath);
      if (response.ok) return started;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  await started.stop();
  throw new Error(
    `${options.name} was not ready on ${baseUrl}${options.readyPath} after ${(options.timeoutMs ?? 120_000) / 1000} s:\n${started.output()}`,
  );
}
