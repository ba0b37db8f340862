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
  private isDown = false;
  /** The code a refused connection is greeted with: 421, or 554 (a server that refuses this client). */
  greeting = 421;
  /** While true, every sign-in is refused with 535 (a wrong password in SMTP_URL). */
  refuseLogins = false;
  /** Addresses refused at RCPT TO with 550 (no such mailbox). */
  readonly unknownRecipients = new Set<string>();
  connectionsRefused = 0;
  loginsRefused = 0;
  private server!: SMTPServer;
  private port = 0;

  constructor(private readonly now: () => Date) {}

  /**
   * While true, every connection is refused with `greeting` (421 service not available), like a server that is
   * down; going down also drops the connections a pooled client holds open.
   */
  get down(): boolean {
    return this.isDown;
  }

  set down(value: boolean) {
    if (value && !this.isDown && this.server) {
      for (const connection of (this.server as unknown as { connections: Set<{ close(): void }> }).connections) connection.close();
    }
    this.isDown = value;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onConnect: (_session, callback) => {
        if (!this.down) return callback();
        this.connectionsRefused += 1;
        const text = this.greeting === 421 ? 'Service not available, try again later' : 'No SMTP service here for you';
        return callback(Object.assign(new Error(text), { responseCode: this.greeting }));
      },
      onAuth: (_auth, _session, callback) => {
        if (!this.refuseLogins) return callback(null, { user: 'pactwatch' });
        this.loginsRefused += 1;
        return callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
      },
      onRcptTo: (address, _session, callback) => {
        if (!this.unknownRecipients.has(address.address)) return callback();
        return callback(Object.assign(new Error(`No such user here: ${address.address}`), { responseCode: 550 }));
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
