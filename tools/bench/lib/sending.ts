/**
 * Scenario 6, sending: deliveries the planner put in the outbox go through Pactwatch's real MailSender
 * (libs/api/reminders: SKIP LOCKED claims, nodemailer with pooled SMTP connections) to an SMTP sink in this
 * process (smtp-server), the way the cron job sends them: `sendDue()` until the target is reached. The sink
 * counts what arrives and checks that no Message-ID arrives twice; the outbox must agree.
 */
import type { FactoryProvider } from '@nestjs/common';
import { AppConfig, buildDataSourceOptions, ManualClock, validateEnvironment, WorkspaceSettingsService } from '@pactwatch/api/core';
import { MailSender, mailTransportProvider, ReminderLinks, type MailTransport } from '@pactwatch/api/reminders';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { ENTITIES } from '../../../apps/api/src/database/entities';
import { MIGRATIONS } from '../../../apps/api/src/migrations';

export interface SendingResult {
  target: number;
  /** Deliveries waiting in the outbox when sending started. */
  available: number;
  /** What the sender reported: sent, to retry, dead. */
  sent: number;
  retrying: number;
  dead: number;
  /** What the sink accepted: messages, distinct Message-IDs, and bytes. */
  received: number;
  distinctMessageIds: number;
  bytes: number;
  /** Outbox rows marked sent afterwards. */
  outboxSent: number;
  seconds: number;
  mailsPerSecond: number;
  /** Calls of sendDue() (each claims batches of 25, at most 40 batches, as the cron job does). */
  calls: number;
}

const BATCH = 25;
const MAX_BATCHES = 40;

/** An SMTP server that accepts everything, keeping only each message's Message-ID and size. */
class CountingSink {
  readonly messageIds: string[] = [];
  bytes = 0;
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, _session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const message = Buffer.concat(chunks);
        this.bytes += message.length;
        const headers = message.subarray(0, Math.max(0, message.indexOf('\r\n\r\n'))).toString();
        this.messageIds.push(/^Message-ID:\s*(\S+)/im.exec(headers)?.[1] ?? '');
        callback();
      });
    },
  });

  async start(): Promise<string> {
    await new Promise<void>((done, fail) => {
      this.server.once('error', fail);
      this.server.listen(0, '127.0.0.1', () => done());
    });
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((done) => this.server.close(() => done()));
  }
}

/** The transport Pactwatch builds from SMTP_URL (the reminders module's provider). */
async function pooledTransport(config: AppConfig): Promise<MailTransport> {
  return (mailTransportProvider as FactoryProvider<MailTransport>).useFactory(config);
}

export async function measureSending(url: string, at: Date, target: number, log: (m: string) => void): Promise<SendingResult> {
  const sink = new CountingSink();
  const smtpUrl = await sink.start();
  const dataSource = new DataSource(
    buildDataSourceOptions({ url, entities: ENTITIES, migrations: MIGRATIONS, applicationName: 'pactwatch-bench-sender' }),
  );
  await dataSource.initialize();
  const config = new AppConfig(
    validateEnvironment({ DATABASE_URL: url, PUBLIC_URL: 'http://127.0.0.1:3000', SMTP_URL: smtpUrl }),
    url,
    false,
  );
  const settings = new WorkspaceSettingsService(dataSource);
  const links = new ReminderLinks(dataSource, config, settings);
  const sender = new MailSender(dataSource, new ManualClock(at), config, links, settings, await pooledTransport(config));
  const client = new Client({ connectionString: url, application_name: 'pactwatch-bench-sending' });
  await client.connect();
  try {
    const count = async (states: string[]) =>
      (await client.query(`SELECT count(*)::int AS n FROM mail_outbox WHERE state = ANY($1)`, [states])).rows[0].n as number;
    const available = await count(['pending', 'failed']);
    const totals = { sent: 0, retrying: 0, dead: 0, claimed: 0, calls: 0 };
    const started = process.hrtime.bigint();
    while (totals.claimed < target) {
      const maxBatches = Math.min(MAX_BATCHES, Math.ceil((target - totals.claimed) / BATCH));
      const result = await sender.sendDue({ batchSize: BATCH, maxBatches });
      totals.calls += 1;
      if (result.claimed === 0) break;
      totals.claimed += result.claimed;
      totals.sent += result.sent;
      totals.retrying += result.retrying;
      totals.dead += result.dead;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const result: SendingResult = {
      target,
      available,
      sent: totals.sent,
      retrying: totals.retrying,
      dead: totals.dead,
      received: sink.messageIds.length,
      distinctMessageIds: new Set(sink.messageIds).size,
      bytes: sink.bytes,
      outboxSent: await count(['sent']),
      seconds: Math.round(seconds * 100) / 100,
      mailsPerSecond: Math.round(sink.messageIds.length / seconds),
      calls: totals.calls,
    };
    log(`  ${describeSending(result)}`);
    return result;
  } finally {
    await client.end();
    await sender.onApplicationShutdown();
    await dataSource.destroy();
    await sink.stop();
  }
}

export function describeSending(s: SendingResult): string {
  const doubled = s.received - s.distinctMessageIds;
  return (
    `sending: ${s.received.toLocaleString('en')} of ${s.target.toLocaleString('en')} mails received by the SMTP sink in ${s.seconds} s ` +
    `(${s.mailsPerSecond.toLocaleString('en')} mails/s, ${(s.bytes / s.received / 1000).toFixed(1)} kB each, ${s.calls} sendDue() calls); ` +
    `${doubled === 0 ? 'none doubled' : `${doubled} DOUBLED`}; outbox: ${s.outboxSent.toLocaleString('en')} sent, ` +
    `${s.retrying} to retry, ${s.dead} dead (${s.available.toLocaleString('en')} were waiting)`
  );
}
