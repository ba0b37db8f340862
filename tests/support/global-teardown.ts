export default async function globalTeardown(): Promise<void> {
  await globalThis.__PACTWATCH_EMBEDDED__?.stop();
}
