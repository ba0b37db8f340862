import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { removeEmbeddedData } from '../../libs/api/core/src/lib/database/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  const embedded = globalThis.__PACTWATCH_EMBEDDED__;
  if (!embedded) return;
  await embedded.stop();
  removeEmbeddedData(join(embedded.dataDir, 'data'));
  rmSync(embedded.dataDir, { recursive: true, force: true });
}
