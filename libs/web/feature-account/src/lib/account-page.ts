import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { SessionStore } from '@pactwatch/web/data-access';
import { PageHeader } from '@pactwatch/web/ui';
import { ApiTokens } from './api-tokens';
import { ChangePassword } from './change-password';
import { FeedTokens } from './feed-tokens';
import { ReminderPreferences } from './reminder-preferences';
import { MyWatches } from './my-watches';

@Component({
  selector: 'pw-account-page',
  imports: [PageHeader, ReminderPreferences, ApiTokens, FeedTokens, ChangePassword, MyWatches],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <pw-page-header title="Account" [subtitle]="session.user()?.displayName + ' · ' + session.user()?.email + ' · ' + session.role()" />
    <div class="pw-account">
      <pw-reminder-preferences class="pw-card" />
      <div class="pw-account__side">
        <pw-my-watches class="pw-card" />
        <pw-api-tokens class="pw-card" />
        <pw-feed-tokens class="pw-card" />
        <pw-change-password class="pw-card" />
      </div>
    </div>
  `,
  styles: `
    .pw-account {
      display: grid;
      gap: 16px;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 460px), 1fr));
      align-items: start;
    }
    .pw-account__side {
      display: flex;
      flex-direction: column;
      gap: 16px;
      min-width: 0;
    }
  `,
})
export class AccountPage {
  protected readonly session = inject(SessionStore);
}
