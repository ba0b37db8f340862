/**
 * A real SMTP server in the test process that can be down, up, or stall: it takes a message's data and
 * does not answer, as a server hanging mid-send would. A message counts as received only once the sink
 * has answered 250 for it; a stalled message whose client hangs up was never received.
 */
import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type SinkMode = 'accept' | 'refuse' | 'stall';

export interface SunkMail {
  messageId: string;
  to: string;
  subject: string;
  deliveryId: string;
}

export class SmtpSink {
  mode: SinkMode = 'accept';
  readonly received: SunkMail[] = [];
  /** Messages taken while stalling, with the answer held back. */
  readonly stalled: SunkMail[] = [];
  connectionsRefused = 0;
  private readonly held = new Map<string, () => void>();
  private server!: SMTPServer;
  private port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** How many times each Message-ID was received. */
  counts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const mail of this.received) counts.set(mail.messageId, (counts.get(mail.messageId) ?? 0) + 1);
    return counts;
  }

  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // Stalled connections are dropped quickly when the sink stops.
      closeTimeout: 1000,
      onConnect: (_session, callback) => {
        if (this.mode !== 'refuse') return callback();
        this.connectionsRefused += 1;
        return callback(Object.assign(new Error('Service not available, try again later'), { responseCode: 421 }));
      },
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            const mail: SunkMail = {
              messageId: parsed.messageId ?? '',
              to: session.envelope.rcptTo.map((r) => r.address).join(','),
              subject: parsed.subject ?? '',
              deliveryId: String(parsed.headers.get('x-pactwatch-delivery') ?? ''),
            };
            if (this.mode !== 'stall') {
              this.received.push(mail);
              return callback();
            }
            this.stalled.push(mail);
            this.held.set(session.id, () => {
              this.received.push(mail);
              callback();
            });
          })
          .catch((error) => callback(error));
      },
      onClose: (session) => {
        this.held.delete(session.id);
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  /** Answers 250 to the stalled messages whose clients are still connected. */
  releaseStalled(): void {
    for (const release of this.held.values()) release();
    this.held.clear();
  }

  async stop(): Promise<void> {
    this.held.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
