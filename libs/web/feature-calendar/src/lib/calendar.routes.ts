import type { Route } from '@angular/router';
import { provideFormDefaults } from '@pactwatch/web/ui';
import { CalendarPage } from './calendar-page';

export const calendarRoutes: Route[] = [{ path: '', title: 'Calendar', providers: [provideFormDefaults()], component: CalendarPage }];
