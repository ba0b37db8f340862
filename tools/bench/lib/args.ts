/** Minimal `--name value` / `--flag` parsing for the bench scripts (no dependency needed). */
export type Args = Record<string, string | boolean>;

export function parseArgs(argv: readonly string[], booleans: readonly string[] = []): Args {
  const args: Args = {};
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (!token.startsWith('--')) throw new Error(`Unexpected argument ${JSON.stringify(token)}`);
    const [name, inline] = token.slice(2).split('=', 2);
    if (inline !== undefined) args[name] = inline;
    else if (booleans.includes(name)) args[name] = true;
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) args[name] = argv[++i];
    else throw new Error(`--${name} needs a value`);
  }
  return args;
}

export function intArg(args: Args, name: string, fallback: number): number {
  const raw = args[name];
  if (raw === undefined) return fallback;
  const value = Number(String(raw).replace(/_/g, ''));
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number (got ${String(raw)})`);
  return value;
}

export function stringArg(args: Args, name: string): string | undefined {
  const raw = args[name];
  return typeof raw === 'string' ? raw : undefined;
}
