import type { Route } from '@angular/router';
import { SourceReviewPage } from './source-review-page';

export const sourcesRoutes: Route[] = [{ path: ':documentId/versions/:number', title: 'Source document', component: SourceReviewPage }];
