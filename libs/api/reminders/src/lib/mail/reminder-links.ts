import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, WorkspaceSettingsService } from '@pactwatch/api/core';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { UnsubscribeTokens } from '../unsubscribe/unsubscribe-token';
import { PREFERENCES_PATH, type MailContext } from './reminder-mail';

/** The links and names a reminder mail needs: the public URL, opaque unsubscribe links, the workspace name. */
@Injectable()
export class ReminderLinks {
  private tokens?: Promise<UnsubscribeTokens>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly settings: WorkspaceSettingsService,
  ) {}

  /**
   * Tokens are encrypted under a key generated on first start and kept in the database, whatever SESSION_SECRET
   * is: setting or rotating that secret breaks no link already mailed. Links of the earlier signed format (keyed on
   * SESSION_SECRET, or on the database's old token secret) keep working.
   */
  unsubscribeTokens(): Promise<UnsubscribeTokens> {
    this.tokens ??= this.loadKeys().catch((error) => {
      this.tokens = undefined;
      throw error;
    });
    return this.tokens;
  }

  unsubscribeUrl(token: string): string {
    return `${this.config.publicUrl}/api/unsubscribe?token=${encodeURIComponent(token)}`;
  }

  async contextFor(userId: string, recipientName: string, timeZone = 'UTC'): Promise<MailContext> {
    const [tokens, settings] = await Promise.all([this.unsubscribeTokens(), this.settings.get()]);
    return this.context(tokens, settings.workspaceName, userId, recipientName, timeZone);
  }

  /** The same, from tokens and a workspace name already at hand (a batch of mails). */
  context(tokens: UnsubscribeTokens, workspaceName: string, userId: string, recipientName: string, timeZone: string): MailContext {
    return {
      recipientName,
      publicUrl: this.config.publicUrl,
      workspaceName,
      unsubscribeUrl: this.unsubscribeUrl(tokens.sign(userId)),
      preferencesUrl: `${this.config.publicUrl}${PREFERENCES_PATH}`,
      timeZone,
    };
  }

  private async loadKeys(): Promise<UnsubscribeTokens> {
    await this.dataSource.query(
      `INSERT INTO reminder_state (id, unsubscribe_key) VALUES (1, $1)
       ON CONFLICT (id) DO UPDATE SET unsubscribe_key = COALESCE(reminder_state.unsubscribe_key, EXCLUDED.unsubscribe_key)`,
      [randomBytes(32).toString('base64url')],
    );
    const [row] = await this.dataSource.query(`SELECT unsubscribe_key, token_secret FROM reminder_state WHERE id = 1`);
    const legacy = [this.config.env.SESSION_SECRET, row.token_secret].filter((s): s is string => typeof s === 'string' && s.length > 0);
    return new UnsubscribeTokens(Buffer.from(row.unsubscribe_key, 'base64url'), legacy);
  }
}
