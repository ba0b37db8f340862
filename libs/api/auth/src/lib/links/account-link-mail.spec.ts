import { accountLinkMail } from './account-link-mail';

describe('accountLinkMail', () => {
  const input = {
    url: 'https://pactwatch.example.org/reset-password?token=abc',
    workspaceName: 'Desk <Caucasus>',
    displayName: 'Ana "A" O\'Neil',
    expiresAt: new Date('2026-01-15T10:00:00Z'),
  };

  it('puts the link and its expiry in the text body', () => {
    const mail = accountLinkMail('password_reset', input);
    expect(mail.subject).toBe('Reset your Desk <Caucasus> password');
    expect(mail.text).toContain(input.url);
    expect(mail.text).toContain('2026-01-15 10:00 UTC');
  });

  it('escapes names in the HTML body', () => {
    const mail = accountLinkMail('invitation', input);
    expect(mail.html).toContain('Desk &lt;Caucasus&gt;');
    expect(mail.html).toContain('Ana &quot;A&quot; O&#39;Neil');
    expect(mail.html).not.toContain('<Caucasus>');
    expect(mail.html).toContain('href="https://pactwatch.example.org/reset-password?token=abc"');
  });
});
