import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { FeedFilter, FeedKind } from '@pactwatch/shared/contracts';
import { AccountApi, SessionStore, problemMessage, toProblem } from '@pactwatch/web/data-access';
import { ErrorState, LoadingState, confirmAction } from '@pactwatch/web/ui';
import { formatInstant } from '@pactwatch/web/util';
import { firstValueFrom } from 'rxjs';

const FEED_LABELS: Record<FeedKind, string> = { deadlines: 'Calendar of deadlines (iCal)', changes: 'Status changes (Atom)' };

/** "area energy · flag overdue, due_soon", or what a link without a stored filter reads. */
function describeFilter(filter: FeedFilter | null): string {
  if (filter === null) return 'the filters in its URL (made before feed links)';
  const parts = Object.entries(filter).map(([key, value]) => `${key} ${String(value).split(',').join(', ')}`);
  return parts.length ? parts.join(' · ') : 'everything';
}

/** Feed links: one token per calendar or Atom feed, read-only, listed and revoked apart from API tokens. */
@Component({
  selector: 'pw-feed-tokens',
  imports: [MatButton, MatIcon, RouterLink, LoadingState, ErrorState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 class="pw-section-title">Feed links</h2>
    <p class="pw-muted">
      Private links for calendar apps and feed readers. Each reads one feed, with the filters it was made for, and nothing else: it cannot
      be used as an API token. Make a calendar link from the <a routerLink="/calendar">calendar</a> (it follows the filters there); revoke
      any you no longer use.
    </p>
    <button mat-stroked-button type="button" (click)="createChangesLink()" [disabled]="busy()">
      <mat-icon>rss_feed</mat-icon>Create a link to the status-changes feed
    </button>
    @if (created(); as url) {
      <div class="pw-new" role="status">
        <strong>Copy the link now: the token in it is shown only once.</strong>
        <code class="pw-mono" data-testid="new-feed-link">{{ url }}</code>
        <button mat-stroked-button type="button" (click)="copy(url)">
          <mat-icon>{{ copied() ? 'check' : 'content_copy' }}</mat-icon
          >{{ copied() ? 'Copied' : 'Copy' }}
        </button>
      </div>
    }
    @if (error()) {
      <p class="pw-error" role="alert">{{ error() }}</p>
    }
    @if (problem(); as problem) {
      <pw-error-state title="Your feed links could not be loaded" [message]="problem.detail || problem.title" (retry)="tokens.reload()" />
    } @else if (tokens.isLoading() && !tokens.hasValue()) {
      <pw-loading-state />
    } @else if (rows().length) {
      <ul class="pw-tokens">
        @for (t of rows(); track t.id) {
          <li>
            <span class="pw-tokens__text" [class.pw-revoked]="t.revoked">
              <strong>{{ t.name }}</strong>
              <span>{{ t.feedLabel }}: {{ t.filterText }}</span>
              <span class="pw-muted"
                ><span class="pw-mono">{{ t.prefix }}…</span> · created {{ t.created }} · expires {{ t.expires }} · last used
                {{ t.lastUsed }}</span
              >
            </span>
            @if (t.revoked) {
              <span class="pw-muted">Revoked {{ t.revoked }}</span>
            } @else {
              <button
                mat-stroked-button
                type="button"
                (click)="revoke(t.id, t.name)"
                [disabled]="busy()"
                [attr.aria-label]="'Revoke ' + t.name"
              >
                Revoke
              </button>
            }
          </li>
        }
      </ul>
    } @else {
      <p class="pw-muted"><mat-icon aria-hidden="true" inline>event_repeat</mat-icon> You have no feed links.</p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .pw-tokens {
      list-style: none;
      margin: 12px 0 0;
      padding: 0;
    }
    .pw-tokens li {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      align-items: center;
      padding: 8px 0;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    .pw-tokens__text {
      flex: 1 1 200px;
      display: flex;
      flex-direction: column;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .pw-revoked {
      color: var(--mat-sys-on-surface-variant);
      text-decoration: line-through;
    }
    .pw-error {
      color: var(--mat-sys-error);
    }
    .pw-new {
      margin: 12px 0 0;
      padding: 12px;
      border-radius: 8px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .pw-new code {
      display: block;
      margin: 8px 0;
      overflow-wrap: anywhere;
    }
  `,
})
export class FeedTokens {
  private readonly api = inject(AccountApi);
  private readonly session = inject(SessionStore);
  private readonly clipboard = inject(Clipboard);
  private readonly dialog = inject(MatDialog);

  protected readonly tokens = rxResource({ stream: () => this.api.feedTokens() });
  private readonly tokensValue = computed(() => (this.tokens.hasValue() ? this.tokens.value() : undefined));
  protected readonly problem = computed(() => (this.tokens.error() ? toProblem(this.tokens.error()) : null));
  protected readonly rows = computed(() =>
    (this.tokensValue() ?? []).map((t) => ({
      ...t,
      feedLabel: FEED_LABELS[t.feed],
      filterText: describeFilter(t.filter),
      created: formatInstant(t.createdAt, this.session.timeZone()),
      expires: t.expiresAt ? formatInstant(t.expiresAt, this.session.timeZone()) : 'never',
      lastUsed: t.lastUsedAt ? formatInstant(t.lastUsedAt, this.session.timeZone()) : 'never',
      revoked: t.revokedAt ? formatInstant(t.revokedAt, this.session.timeZone()) : null,
    })),
  );
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  /** The URL of the link just made (its token is shown only now). */
  protected readonly created = signal<string | null>(null);
  protected readonly copied = signal(false);

  /** A link for feed readers to the Atom feed of every status change. */
  protected async createChangesLink(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const link = await firstValueFrom(this.api.createFeedToken({ name: `Status changes (${this.session.today()})`, feed: 'changes' }));
      this.created.set(link.url);
      this.copied.set(false);
      this.tokens.reload();
    } catch (error: unknown) {
      this.error.set(problemMessage(error));
    } finally {
      this.busy.set(false);
    }
  }

  protected copy(url: string): void {
    this.copied.set(this.clipboard.copy(url));
  }

  protected async revoke(id: string, name: string): Promise<void> {
    const confirmed = await confirmAction(this.dialog, {
      title: `Revoke the feed link “${name}”?`,
      message:
        'Calendar apps that subscribe to it stop receiving updates at once. A revoked link cannot be restored; you can create a new one.',
      confirmLabel: 'Revoke link',
      destructive: true,
    });
    if (!confirmed) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      await firstValueFrom(this.api.revokeFeedToken(id));
      this.tokens.reload();
    } catch (error: unknown) {
      this.error.set(`Could not revoke ${name}: ${problemMessage(error)}`);
    } finally {
      this.busy.set(false);
    }
  }
}
