export default async function globalTeardown(): Promise<void> {
  const child = globalThis.__PACTWATCH_E2E_SERVER__;
  if (!child || child.exitCode !== null) return;
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
