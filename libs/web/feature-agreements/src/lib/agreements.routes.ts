import type { Route } from '@angular/router';
import { provideFormDefaults } from '@pactwatch/web/ui';
import { AgreementDetailPage } from './agreement-detail-page';
import { AgreementsPage } from './agreements-page';

export const agreementsRoutes: Route[] = [
  {
    path: '',
    providers: [provideFormDefaults()],
    children: [
      { path: '', title: 'Agreements', component: AgreementsPage },
      { path: ':id', title: 'Agreement', component: AgreementDetailPage },
    ],
  },
];
