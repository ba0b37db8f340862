import { type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { isUnauthorized, SessionStore } from './session.store';

/**
 * A 401 on an API call means the session is gone: mark the store signed out and send the visitor
 * to the login page, coming back here afterwards. Calls to /api/auth/* handle 401 themselves.
 */
export const unauthorizedInterceptor: HttpInterceptorFn = (request, next) => {
  const session = inject(SessionStore);
  const router = inject(Router);
  return next(request).pipe(
    catchError((error: unknown) => {
      if (isUnauthorized(error) && request.url.startsWith('/api/') && !request.url.startsWith('/api/auth/')) {
        const wasSignedIn = session.signedIn();
        session.signedOut();
        if (wasSignedIn || !session.publicPortal()) {
          const returnUrl = router.url.startsWith('/login') ? '/' : router.url;
          void router.navigate(['/login'], { queryParams: { returnUrl } });
        }
      }
      return throwError(() => error);
    }),
  );
};
