import type { Route } from '@angular/router';
import { provideFormDefaults } from '@pactwatch/web/ui';
import { OverviewPage } from './overview-page';

export const overviewRoutes: Route[] = [{ path: '', title: 'Overview', providers: [provideFormDefaults()], component: OverviewPage }];
