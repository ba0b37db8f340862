import { Logger, Provider } from '@nestjs/common';
import { AppConfig, ConfigurationError } from '@pactwatch/api/core';
import { readFileSync } from 'node:fs';
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
    const { MAIL_DKIM_DOMAIN: domainName, MAIL_DKIM_SELECTOR: keySelector, MAIL_DKIM_PRIVATE_KEY_FILE: keyFile } = config.env;
    let dkim: { domainName: string; keySelector: string; privateKey: string } | undefined;
    if (domainName && keySelector && keyFile) {
      try {
        dkim = { domainName, keySelector, privateKey: readFileSync(keyFile, 'utf8') };
      } catch (error) {
        throw new ConfigurationError('MAIL_DKIM_PRIVATE_KEY_FILE', `cannot be read (${(error as Error).message})`, keyFile);
      }
    }
    new Logger('Mail').log(
      `Sending mail through ${new URL(config.env.SMTP_URL).host} (pooled SMTP)` +
        (dkim ? `, DKIM-signed for ${domainName} (selector ${keySelector})` : '; the relay must DKIM-sign for one-click unsubscribe'),
    );
    return createTransport({
      ...(dkim ? { dkim } : {}),
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
