import type { Route } from '@angular/router';
import { provideFormDefaults } from '@pactwatch/web/ui';
import { AccountPage } from './account-page';

export const accountRoutes: Route[] = [{ path: '', title: 'Account', providers: [provideFormDefaults()], component: AccountPage }];
