import type { Route } from '@angular/router';
// Every link the API mails must open a page of this app. The mail templates are pure functions (no NestJS), so
// this check renders each of them and matches every link against the real route table below.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { accountLinkMail, LINK_PATHS } from '../../../../libs/api/auth/src/lib/links/account-link-mail';
// eslint-disable-next-line @nx/enforce-module-boundaries
import {
  PREFERENCES_PATH,
  renderReminderMail,
  type MailContext,
  type ReminderItem,
} from '../../../../libs/api/reminders/src/lib/mail/reminder-mail';
import { appRoutes } from './app.routes';

const PUBLIC_URL = 'https://pactwatch.example.org';

/** A route's path as segments, and whether it is the "page not found" catch-all. */
interface Leaf {
  segments: string[];
  catchAll: boolean;
}

async function childrenOf(route: Route): Promise<Route[] | undefined> {
  if (route.children) return route.children;
  if (!route.loadChildren) return undefined;
  const loaded = await route.loadChildren();
  return Array.isArray(loaded) ? (loaded as Route[]) : undefined;
}

/** Every page the router can show, with lazy children loaded as the router would load them. */
async function leaves(routes: readonly Route[], prefix: string[] = []): Promise<Leaf[]> {
  const found: Leaf[] = [];
  for (const route of routes) {
    const segments = [...prefix, ...(route.path ?? '').split('/').filter(Boolean)];
    const children = await childrenOf(route);
    if (children) found.push(...(await leaves(children, segments)));
    else if (route.component || route.loadComponent || route.redirectTo !== undefined)
      found.push({ segments, catchAll: route.path === '**' });
  }
  return found;
}

function matches(leaf: Leaf, path: string): boolean {
  const parts = path.split('/').filter(Boolean);
  return leaf.segments.length === parts.length && leaf.segments.every((segment, i) => segment.startsWith(':') || segment === parts[i]);
}

const context: MailContext = {
  recipientName: 'Aysel',
  publicUrl: PUBLIC_URL,
  workspaceName: 'Pactwatch',
  unsubscribeUrl: `${PUBLIC_URL}/api/unsubscribe?token=opaque`,
  preferencesUrl: `${PUBLIC_URL}${PREFERENCES_PATH}`,
  timeZone: 'Pacific/Auckland',
};

const deadline: ReminderItem = {
  itemKey: 'k1',
  kind: 'deadline',
  commitmentId: 'c1',
  refCode: 'AZ-US-2025-01',
  title: 'Draft the Strategic Partnership Charter',
  dueDate: '2026-02-08',
  daysLeft: 7,
  reason: 'due_in_7',
  group: 'due_soon',
  deadlineText: '6 months after MoU signed (8 Aug 2025) → 8 Feb 2026',
  because: 'you own it',
};
const notice: ReminderItem = {
  ...deadline,
  itemKey: 'k2',
  kind: 'status_change',
  group: 'status_change',
  statusBefore: 'in_progress',
  statusAfter: 'completed',
  changedAt: '2026-02-14T20:30:00.000Z',
};
const overdue: ReminderItem = { ...deadline, itemKey: 'k3', refCode: 'AZ-US-2025-01.2', daysLeft: -20, group: 'overdue' };

/** Every mail the API sends, rendered by its real template. */
const MAILS: Record<string, { text: string; html: string }> = {
  reminder: renderReminderMail([deadline], 'single', context),
  digest: renderReminderMail([deadline, overdue, notice], 'digest', context),
  'status notice': renderReminderMail([notice], 'single', context),
  'catch-up': renderReminderMail([overdue, deadline, notice], 'catchup', context, { replaced: 3, since: '2026-02-03' }),
  'password reset': accountLinkMail('password_reset', {
    url: `${PUBLIC_URL}${LINK_PATHS.password_reset}?token=abc`,
    workspaceName: 'Pactwatch',
    displayName: 'Aysel',
    expiresAt: new Date('2026-02-01T10:00:00Z'),
  }),
  invitation: accountLinkMail('invitation', {
    url: `${PUBLIC_URL}${LINK_PATHS.invitation}?token=abc`,
    workspaceName: 'Pactwatch',
    displayName: 'Aysel',
    expiresAt: new Date('2026-02-08T10:00:00Z'),
  }),
};

/** Every link in a mail's HTML (href) and plain text (bare URLs), as paths on the public URL. */
function linksOf(mail: { text: string; html: string }): string[] {
  const hrefs = [...mail.html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
  const bare = [...mail.text.matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0]);
  return [...new Set([...hrefs, ...bare])].map((link) => {
    const url = new URL(link);
    expect(url.origin).toBe(PUBLIC_URL);
    return decodeURIComponent(url.pathname);
  });
}

describe('links in mail', () => {
  let pages: Leaf[];

  beforeAll(async () => {
    pages = await leaves(appRoutes);
  }, 60_000);

  it('finds the pages of the route table, lazy ones included', () => {
    const paths = pages.filter((p) => !p.catchAll).map((p) => `/${p.segments.join('/')}`);
    expect(paths).toEqual(expect.arrayContaining(['/login', '/reset-password', '/accept-invitation', '/account', '/commitments/:ref']));
  });

  it.each(Object.keys(MAILS))('every dashboard link of the %s mail opens a page of the app, not "Page not found"', (name) => {
    const links = linksOf(MAILS[name]);
    expect(links.length).toBeGreaterThan(0);
    for (const path of links) {
      // /api/… links are the API's own (the one-click unsubscribe page), not the dashboard's.
      if (path.startsWith('/api/')) {
        expect(path).toBe('/api/unsubscribe');
        continue;
      }
      const page = pages.find((leaf) => matches(leaf, path));
      expect({ path, page: page && !page.catchAll ? `/${page.segments.join('/')}` : 'Page not found' }).toEqual({
        path,
        page: expect.stringMatching(/^\//),
      });
    }
  });

  it('points “Change when and how Pactwatch reminds you” at the reminder preferences', () => {
    expect(MAILS['reminder'].html).toContain(`href="${PUBLIC_URL}/account">Change when and how Pactwatch reminds you`);
    expect(pages.some((leaf) => !leaf.catchAll && matches(leaf, PREFERENCES_PATH))).toBe(true);
  });
});
