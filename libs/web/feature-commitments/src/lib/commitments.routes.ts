import type { ActivatedRouteSnapshot, Route } from '@angular/router';
import { roleGuard } from '@pactwatch/web/data-access';
import { provideFormDefaults } from '@pactwatch/web/ui';
import { NewCommitmentPage } from './create/new-commitment-page';
import { CommitmentDetailPage } from './detail/commitment-detail-page';
import { ImportPage } from './import/import-page';
import { CommitmentsPage } from './list/commitments-page';

export const commitmentsRoutes: Route[] = [
  {
    path: '',
    providers: [provideFormDefaults()],
    children: [
      { path: '', title: 'Commitments', component: CommitmentsPage },
      { path: 'new', title: 'New commitment', canMatch: [roleGuard('analyst')], component: NewCommitmentPage },
      { path: 'import', title: 'Import commitments', canMatch: [roleGuard('analyst')], component: ImportPage },
      {
        path: ':ref',
        title: (route: ActivatedRouteSnapshot) => route.paramMap.get('ref') ?? 'Commitment',
        component: CommitmentDetailPage,
      },
    ],
  },
];
