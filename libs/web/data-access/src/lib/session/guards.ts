import { inject } from '@angular/core';
import { type CanActivateFn, type CanMatchFn, Router, type UrlSegment } from '@angular/router';
import type { Role } from '@pactwatch/shared/contracts';
import { SessionStore } from './session.store';

/** Signed in, or the public portal is on; otherwise to the login page, coming back afterwards. */
export const sessionGuard: CanActivateFn = async (_route, state) => {
  const session = inject(SessionStore);
  const router = inject(Router);
  await session.ensureLoaded();
  if (session.mayBrowse()) return true;
  return router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
};

/**
 * Only for `role` and above. Used as canMatch, so the lazy chunk of an admin page is not even
 * downloaded for anyone else.
 */
export function roleGuard(role: Role): CanMatchFn {
  return async (_route, segments: UrlSegment[]) => {
    const session = inject(SessionStore);
    const router = inject(Router);
    await session.ensureLoaded();
    if (session.hasRole(role)) return true;
    // The whole URL being visited; the segments alone lack the parent route's path (/commitments/new).
    const navigation = router.currentNavigation();
    const returnUrl = navigation ? router.serializeUrl(navigation.extractedUrl) : '/' + segments.map((s) => s.path).join('/');
    if (!session.signedIn()) return router.createUrlTree(['/login'], { queryParams: { returnUrl } });
    return router.createUrlTree(['/forbidden'], { queryParams: { need: role } });
  };
}

/**
 * Loads the session before a page that shows no workspace data but posts a form (password links): the
 * answer carries the anonymous XSRF cookie that the post needs, and the workspace name for the title.
 */
export const sessionLoadedGuard: CanActivateFn = async () => {
  await inject(SessionStore).ensureLoaded();
  return true;
};

/** The login page is pointless when already signed in. */
export const anonymousOnlyGuard: CanActivateFn = async (route) => {
  const session = inject(SessionStore);
  const router = inject(Router);
  await session.ensureLoaded();
  if (!session.signedIn()) return true;
  return router.parseUrl(safeReturnUrl(route.queryParamMap.get('returnUrl')));
};

/** Only same-app paths, never another origin ("//evil.example" or "https://…"). */
export function safeReturnUrl(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value;
}
