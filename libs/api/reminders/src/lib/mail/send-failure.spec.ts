import { classifySendFailure } from './mail-sender.service';

/** Errors as nodemailer reports them (code, command, responseCode). */
const smtpError = (fields: { code?: string; command?: string; responseCode?: number; message?: string }) =>
  Object.assign(new Error(fields.message ?? 'SMTP error'), fields);

describe('classifySendFailure', () => {
  it.each([
    ['a 421 greeting', { code: 'EPROTOCOL', command: 'CONN', responseCode: 421 }],
    ['a 554 greeting', { code: 'EPROTOCOL', command: 'CONN', responseCode: 554 }],
    ['a refused connection', { code: 'ECONNECTION', command: 'CONN', message: 'connect ECONNREFUSED 127.0.0.1:25' }],
    ['a timeout', { code: 'ETIMEDOUT', command: 'CONN' }],
    ['a refused sign-in (535)', { code: 'EAUTH', command: 'AUTH PLAIN', responseCode: 535 }],
    ['a 451 on RCPT TO (try later)', { code: 'EENVELOPE', command: 'RCPT TO', responseCode: 451 }],
    ['a 552 on DATA', { code: 'EMESSAGE', command: 'DATA', responseCode: 552 }],
  ])('counts %s as an outage to retry', (_name, fields) => {
    expect(classifySendFailure(smtpError(fields))).toBe('outage');
  });

  it.each([
    ['a 550 on RCPT TO', { code: 'EENVELOPE', command: 'RCPT TO', responseCode: 550 }],
    ['a 553 on RCPT TO', { code: 'EENVELOPE', command: 'RCPT TO', responseCode: 553 }],
    ['an address nodemailer cannot use', { code: 'EENVELOPE', command: 'API', message: 'Invalid recipient "x@"' }],
  ])('counts %s as the recipient’s address refused, for good', (_name, fields) => {
    expect(classifySendFailure(smtpError(fields))).toBe('recipient');
  });
});
