import { type ApplicationConfig, inject, provideAppInitializer, provideBrowserGlobalErrorListeners } from '@angular/core';
import { MAT_ICON_DEFAULT_OPTIONS } from '@angular/material/icon';
import { TitleStrategy, provideRouter, withComponentInputBinding, withInMemoryScrolling, withRouterConfig } from '@angular/router';
import { SessionStore, provideDataAccess } from '@pactwatch/web/data-access';
import { appRoutes } from './app.routes';
import { WorkspaceTitleStrategy } from './shell/title-strategy';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(
      appRoutes,
      withComponentInputBinding(),
      withInMemoryScrolling({ scrollPositionRestoration: 'enabled' }),
      withRouterConfig({ paramsInheritanceStrategy: 'always' }),
    ),
    provideDataAccess(),
    { provide: TitleStrategy, useClass: WorkspaceTitleStrategy },
    { provide: MAT_ICON_DEFAULT_OPTIONS, useValue: { fontSet: 'material-symbols-outlined' } },
    // Ask for the session at start-up, without waiting for it: the request then runs while the router
    // loads the page's lazy chunks, instead of after them (the guards share the same answer).
    provideAppInitializer(() => {
      void inject(SessionStore).ensureLoaded();
    }),
  ],
};
