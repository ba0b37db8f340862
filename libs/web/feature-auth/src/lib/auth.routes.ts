import type { Route } from '@angular/router';
import { provideFormDefaults } from '@pactwatch/web/ui';
import { LoginPage } from './login-page';
import { PasswordLinkPage } from './password-link-page';

export const authRoutes: Route[] = [{ path: '', title: 'Sign in', providers: [provideFormDefaults()], component: LoginPage }];

const TITLES = { request: 'Reset your password', reset: 'Choose a new password', invitation: 'Accept your invitation' } as const;

/** "Forgot password" (request) and the pages the emailed single-use links open (reset, invitation). */
export function passwordLinkRoutes(mode: keyof typeof TITLES): Route[] {
  return [{ path: '', title: TITLES[mode], providers: [provideFormDefaults()], component: PasswordLinkPage, data: { mode } }];
}
