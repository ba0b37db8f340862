import { provideHttpClient, withFetch, withInterceptors, withXsrfConfiguration } from '@angular/common/http';
import type { EnvironmentProviders } from '@angular/core';
import { unauthorizedInterceptor } from './session/unauthorized.interceptor';

/**
 * HttpClient as the API expects it: same-origin relative URLs, the CSRF double-submit cookie
 * (the API sets XSRF-TOKEN; Angular echoes it as X-XSRF-TOKEN on POST/PUT/PATCH/DELETE to
 * relative URLs), and 401 handling.
 */
export function provideDataAccess(): EnvironmentProviders {
  return provideHttpClient(
    withFetch(),
    withXsrfConfiguration({ cookieName: 'XSRF-TOKEN', headerName: 'X-XSRF-TOKEN' }),
    withInterceptors([unauthorizedInterceptor]),
  );
}
