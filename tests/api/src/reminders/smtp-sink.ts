import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: ParsedMail['headers'];
  headerLines: ParsedMail['headerLines'];
  /** The (simulated) instant the sink accepted it: the test's clock, not the wall clock. */
  receivedAt: Date;
}

/** A real SMTP server inside the test process; nodemailer talks to it over TCP, mailparser reads what arrives. */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  /** While true, every connection is refused with 421 (service not available), like a server that is down. */
  down = false;
  connectionsRefused = 0;
  private server!: SMTPServer;
  private port = 0;

  constructor(private readonly now: () => Date) {}

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onConnect: (_session, callback) => {
        if (!this.down) return callback();
        this.connectionsRefused += 1;
        const error = Object.assign(new Error('Service not available, try again later'), { responseCode: 421 });
        return callback(error);
      },
      onData: (stream, session, callback) => {
        const receivedAt = this.now();
        simpleParser(stream)
          .then((mail) => {
            this.received.push({
              to: session.envelope.rcptTo.map((r) => r.address).join(','),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: typeof mail.html === 'string' ? mail.html : '',
              messageId: mail.messageId ?? '',
              headers: mail.headers,
              headerLines: mail.headerLines,
              receivedAt,
            });
            callback();
          })
          .catch((error) => callback(error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
