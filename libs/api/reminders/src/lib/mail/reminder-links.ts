import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, WorkspaceSettingsService } from '@pactwatch/api/core';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { UnsubscribeTokens } from '../unsubscribe/unsubscribe-token';
import type { MailContext } from './reminder-mail';

/** The links and names a reminder mail needs: the public URL, signed unsubscribe links, the workspace name. */
@Injectable()
export class ReminderLinks {
  private tokens?: Promise<UnsubscribeTokens>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly settings: WorkspaceSettingsService,
  ) {}

  /** Tokens are signed with SESSION_SECRET, or with a secret generated once and kept in the database. */
  unsubscribeTokens(): Promise<UnsubscribeTokens> {
    this.tokens ??= this.loadSecret().then((secret) => new UnsubscribeTokens(secret));
    return this.tokens;
  }

  unsubscribeUrl(token: string): string {
    return `${this.config.publicUrl}/api/unsubscribe?token=${encodeURIComponent(token)}`;
  }

  async contextFor(userId: string, recipientName: string): Promise<MailContext> {
    const [tokens, settings] = await Promise.all([this.unsubscribeTokens(), this.settings.get()]);
    return {
      recipientName,
      publicUrl: this.config.publicUrl,
      workspaceName: settings.workspaceName,
      unsubscribeUrl: this.unsubscribeUrl(tokens.sign(userId)),
      preferencesUrl: `${this.config.publicUrl}/account/reminders`,
    };
  }

  private async loadSecret(): Promise<string> {
    if (this.config.env.SESSION_SECRET) return this.config.env.SESSION_SECRET;
    await this.dataSource.query(
      `INSERT INTO reminder_state (id, token_secret) VALUES (1, $1)
       ON CONFLICT (id) DO UPDATE SET token_secret = COALESCE(reminder_state.token_secret, EXCLUDED.token_secret)`,
      [randomBytes(32).toString('base64url')],
    );
    const [row] = await this.dataSource.query(`SELECT token_secret FROM reminder_state WHERE id = 1`);
    return row.token_secret;
  }
}
