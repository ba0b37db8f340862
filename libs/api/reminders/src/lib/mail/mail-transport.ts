import { Logger, Provider } from '@nestjs/common';
import { AppConfig } from '@pactwatch/api/core';
import { createTransport, type SendMailOptions } from 'nodemailer';

/** What the sender needs from nodemailer; null when SMTP_URL is not set. */
export interface MailTransport {
  sendMail(mail: SendMailOptions): Promise<{ messageId: string }>;
  close(): void;
}

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

/** A pooled SMTP transport to SMTP_URL: a few long-lived connections shared by every send of this instance. */
export const mailTransportProvider: Provider = {
  provide: MAIL_TRANSPORT,
  inject: [AppConfig],
  useFactory: (config: AppConfig): MailTransport | null => {
    if (!config.env.SMTP_URL) return null;
    new Logger('Mail').log(`Sending mail through ${new URL(config.env.SMTP_URL).host} (pooled SMTP)`);
    return createTransport({
      url: config.env.SMTP_URL,
      pool: true,
      maxConnections: 3,
      maxMessages: 100,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    }) as unknown as MailTransport;
  },
};
