import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { removeEmbeddedData } from '../../../../libs/api/core/src/lib/database/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  const child = globalThis.__PACTWATCH_E2E_SERVER__;
  if (child && child.exitCode === null) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve();
      }, 15_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGINT'); // as Ctrl-C: the app closes, then stops its embedded PostgreSQL
    });
  }
  // The run's throw-away data (and, for a root run in a folder closed to the postgres user, the copy kept for it).
  const dataDir = globalThis.__PACTWATCH_E2E_DATA_DIR__;
  if (!dataDir) return;
  removeEmbeddedData(join(dataDir, 'postgres'));
  rmSync(dataDir, { recursive: true, force: true });
}
