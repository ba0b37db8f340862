import type { AccountLinkPurpose } from '../entities/account-link.entity';

/** The dashboard pages the emailed links open (checked against the dashboard's routes by apps/web's mail-links spec). */
export const LINK_PATHS: Record<AccountLinkPurpose, string> = {
  password_reset: '/reset-password',
  invitation: '/accept-invitation',
};

export interface AccountLinkMailInput {
  url: string;
  workspaceName: string;
  displayName: string;
  expiresAt: Date;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The subject and bodies of the invitation and password-reset emails. */
export function accountLinkMail(purpose: AccountLinkPurpose, input: AccountLinkMailInput): { subject: string; text: string; html: string } {
  const expires = `${input.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const lines =
    purpose === 'invitation'
      ? {
          subject: `You are invited to ${input.workspaceName}`,
          intro: `Hello ${input.displayName}, you have been invited to ${input.workspaceName}, a tracker of commitments made in agreements and their deadlines.`,
          action: 'Choose your password to activate your account',
          outro: `The link works once and expires on ${expires}.`,
        }
      : {
          subject: `Reset your ${input.workspaceName} password`,
          intro: `Hello ${input.displayName}, someone (hopefully you) asked to reset your ${input.workspaceName} password.`,
          action: 'Choose a new password',
          outro: `The link works once and expires on ${expires}. If you did not ask for this, ignore this email: your password stays as it is.`,
        };
  const text = `${lines.intro}\n\n${lines.action}:\n${input.url}\n\n${lines.outro}\n`;
  const html =
    `<p>${escapeHtml(lines.intro)}</p>` +
    `<p><a href="${escapeHtml(input.url)}">${escapeHtml(lines.action)}</a></p>` +
    `<p>${escapeHtml(lines.outro)}</p>`;
  return { subject: lines.subject, text, html };
}
