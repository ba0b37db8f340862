import type { Route } from '@angular/router';
import { provideFormDefaults } from '@pactwatch/web/ui';
import { AdminLayout } from './admin-layout';
import { ArchivePage } from './archive-page';
import { AuditPage } from './audit-page';
import { OutboxPage } from './outbox-page';
import { SettingsPage } from './settings-page';
import { UsersPage } from './users-page';

/** Lazy and behind roleGuard('admin') (canMatch in the app routes): non-admins never download it. */
export const adminRoutes: Route[] = [
  {
    path: '',
    component: AdminLayout,
    providers: [provideFormDefaults()],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'users' },
      { path: 'users', title: 'Users', component: UsersPage },
      { path: 'audit', title: 'Audit log', component: AuditPage },
      { path: 'archive', title: 'Archive', component: ArchivePage },
      { path: 'outbox', title: 'Outbox', component: OutboxPage },
      { path: 'settings', title: 'Settings', component: SettingsPage },
    ],
  },
];
