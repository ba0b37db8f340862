import type { Route } from '@angular/router';
import { anonymousOnlyGuard, roleGuard, sessionGuard, sessionLoadedGuard } from '@pactwatch/web/data-access';
import { Shell } from './shell/shell';

/** Every feature is a lazy chunk; admin pages are not even downloaded for non-admins (canMatch). */
export const appRoutes: Route[] = [
  {
    path: 'login',
    canActivate: [anonymousOnlyGuard],
    loadChildren: () => import('@pactwatch/web/feature-auth').then((m) => m.authRoutes),
  },
  {
    path: 'forgot-password',
    canActivate: [sessionLoadedGuard],
    loadChildren: () => import('@pactwatch/web/feature-auth').then((m) => m.passwordLinkRoutes('request')),
  },
  // The API emails links to these two pages (single-use, expiring tokens in ?token=).
  {
    path: 'reset-password',
    canActivate: [sessionLoadedGuard],
    loadChildren: () => import('@pactwatch/web/feature-auth').then((m) => m.passwordLinkRoutes('reset')),
  },
  {
    path: 'accept-invitation',
    canActivate: [sessionLoadedGuard],
    loadChildren: () => import('@pactwatch/web/feature-auth').then((m) => m.passwordLinkRoutes('invitation')),
  },
  {
    path: '',
    component: Shell,
    canActivate: [sessionGuard],
    children: [
      {
        path: '',
        pathMatch: 'full',
        loadChildren: () => import('@pactwatch/web/feature-overview').then((m) => m.overviewRoutes),
      },
      {
        path: 'commitments',
        loadChildren: () => import('@pactwatch/web/feature-commitments').then((m) => m.commitmentsRoutes),
      },
      {
        path: 'agreements',
        loadChildren: () => import('@pactwatch/web/feature-agreements').then((m) => m.agreementsRoutes),
      },
      {
        path: 'sources',
        loadChildren: () => import('@pactwatch/web/feature-sources').then((m) => m.sourcesRoutes),
      },
      {
        path: 'calendar',
        loadChildren: () => import('@pactwatch/web/feature-calendar').then((m) => m.calendarRoutes),
      },
      {
        path: 'account',
        canMatch: [roleGuard('viewer')],
        loadChildren: () => import('@pactwatch/web/feature-account').then((m) => m.accountRoutes),
      },
      {
        path: 'admin',
        canMatch: [roleGuard('admin')],
        loadChildren: () => import('@pactwatch/web/feature-admin').then((m) => m.adminRoutes),
      },
      { path: 'forbidden', title: 'Not allowed', loadComponent: () => import('./pages/forbidden').then((m) => m.Forbidden) },
      { path: '**', title: 'Not found', loadComponent: () => import('./pages/not-found').then((m) => m.NotFound) },
    ],
  },
];
