import type { ActivatedRouteSnapshot, Route } from '@angular/router';
import { provideFormDefaults } from '@pactwatch/web/ui';
import { CommitmentDetailPage } from './detail/commitment-detail-page';
import { CommitmentsPage } from './list/commitments-page';

export const commitmentsRoutes: Route[] = [
  {
    path: '',
    providers: [provideFormDefaults()],
    children: [
      { path: '', title: 'Commitments', component: CommitmentsPage },
      {
        path: ':ref',
        title: (route: ActivatedRouteSnapshot) => route.paramMap.get('ref') ?? 'Commitment',
        component: CommitmentDetailPage,
      },
    ],
  },
];
