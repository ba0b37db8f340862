import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WorkspaceSettingsService } from '@pactwatch/api/core';
import { DataSource } from 'typeorm';
import { ReminderLinks } from '../mail/reminder-links';
import { ReminderPreferencesService } from '../preferences/preferences.service';
import { RemindersException } from '../reminders-exception';

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head>
<body style="font-family:Roboto,Arial,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1f">
<h1 style="font-size:1.4rem">${escapeHtml(title)}</h1>${body}</body></html>`;
}

@Injectable()
export class UnsubscribeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly links: ReminderLinks,
    private readonly preferences: ReminderPreferencesService,
    private readonly settings: WorkspaceSettingsService,
  ) {}

  async confirmationPage(token: string): Promise<string> {
    const user = await this.userFor(token);
    const { workspaceName } = await this.settings.get();
    const action = escapeHtml(this.links.unsubscribeUrl(token).replace(/^https?:\/\/[^/]+/, ''));
    return page(
      `Unsubscribe from ${workspaceName} reminders`,
      `<p>Stop all reminder mail to <strong>${escapeHtml(user.email)}</strong>: deadline reminders, digests and status-change notices.</p>
<form method="post" action="${action}"><button type="submit" style="font-size:1rem;padding:.5rem 1rem">Unsubscribe</button></form>
<p><small>You can turn reminders back on at any time in your reminder settings after signing in.</small></p>`,
    );
  }

  async unsubscribe(token: string): Promise<string> {
    const user = await this.userFor(token);
    await this.preferences.unsubscribe(user.id);
    const { workspaceName } = await this.settings.get();
    return page(
      'You are unsubscribed',
      `<p>${escapeHtml(workspaceName)} will send no more reminder mail to <strong>${escapeHtml(user.email)}</strong>.</p>
<p><small>Changed your mind? Sign in and turn reminders back on in your reminder settings.</small></p>`,
    );
  }

  private async userFor(token: string): Promise<{ id: string; email: string }> {
    const userId = (await this.links.unsubscribeTokens()).verify(token);
    if (!userId) throw RemindersException.invalidUnsubscribeLink();
    const [user] = await this.dataSource.query(`SELECT id, email FROM users WHERE id = $1`, [userId]);
    if (!user) throw RemindersException.invalidUnsubscribeLink();
    return user;
  }
}
