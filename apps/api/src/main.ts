import { Logger } from '@nestjs/common';
import { AppConfig, ConfigurationError, EmbeddedDatabase, startEmbeddedPostgres, validateEnvironment } from '@pactwatch/api/core';
import type { Server } from 'node:http';
import { createApp } from './app/create-app';
import { prepareDatabase } from './database/prepare-database';

/** The longest a SIGTERM/SIGINT shutdown may take before the process exits anyway. */
const SHUTDOWN_TIMEOUT_MS = 30_000;

async function main(): Promise<void> {
  const env = validateEnvironment(process.env);
  const logger = new Logger('Pactwatch');

  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    logger.log(`DATABASE_URL is not set: starting the embedded PostgreSQL (data in ${env.EMBEDDED_PG_DIR}, port ${env.EMBEDDED_PG_PORT})`);
    embedded = await startEmbeddedPostgres({
      dataDir: env.EMBEDDED_PG_DIR,
      port: env.EMBEDDED_PG_PORT,
      log: (message) => logger.log(message),
    });
    databaseUrl = embedded.url;
  }
  const config = new AppConfig(env, databaseUrl, Boolean(embedded));

  try {
    await prepareDatabase(config, (message) => logger.log(message));
    const app = await createApp(config);
    let closing = false;
    // Nest's order: stop the timers and mail claims, close the HTTP server (new connections are refused, requests in
    // flight finish), let sends in progress finish or release them, then close the database.
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      logger.log(`${signal} received: finishing requests in flight, then stopping`);
      setTimeout(() => {
        logger.error(`Still stopping after ${SHUTDOWN_TIMEOUT_MS / 1000} s; exiting now`);
        process.exit(1);
      }, SHUTDOWN_TIMEOUT_MS).unref();
      // A keep-alive connection whose request finishes after the server stopped listening would keep it open:
      // close connections as they fall idle.
      const server = app.getHttpServer() as Server;
      setInterval(() => server.closeIdleConnections(), 250).unref();
      try {
        await app.close();
        await embedded?.stop();
        process.exit(0);
      } catch (error) {
        logger.error(`Stopping failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      }
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));

    await app.listen({ port: env.PORT, host: env.HOST });
    if (!config.mailConfigured) {
      logger.warn('Mail is not configured (SMTP_URL is unset): reminders are planned and kept in the outbox, not sent.');
    }
    // The address users reach (PUBLIC_URL, also used in mailed links), and where this process listens if that differs.
    const bound = `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${env.PORT}`;
    const url = config.publicUrl;
    logger.log(
      `Pactwatch is running at ${url}/ — sign in at ${url}/login (API at /api, OpenAPI at /api/docs)` +
        (url === bound ? '' : `; listening on ${env.HOST}:${env.PORT}`),
    );
    if (env.SEED_DEMO_DATA ?? config.embeddedDatabase) {
      logger.log('Demo accounts: admin@pactwatch.local, analyst@pactwatch.local, viewer@pactwatch.local (password "pactwatch-demo")');
    }
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigurationError) {
    console.error(`Pactwatch cannot start: ${error.message}`);
  } else {
    console.error(`Pactwatch failed to start: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env['LOG_LEVEL'] === 'debug' && error instanceof Error) console.error(error.stack);
  }
  process.exit(1);
});
