import type { Route } from '@angular/router';
import { roleGuard } from '@pactwatch/web/data-access';
import { provideFormDefaults } from '@pactwatch/web/ui';
import { AgreementDetailPage } from './agreement-detail-page';
import { AgreementsPage } from './agreements-page';
import { NewAgreementPage } from './new-agreement-page';

export const agreementsRoutes: Route[] = [
  {
    path: '',
    providers: [provideFormDefaults()],
    children: [
      { path: '', title: 'Agreements', component: AgreementsPage },
      { path: 'new', title: 'New agreement', canMatch: [roleGuard('analyst')], component: NewAgreementPage },
      { path: ':id', title: 'Agreement', component: AgreementDetailPage },
    ],
  },
];
