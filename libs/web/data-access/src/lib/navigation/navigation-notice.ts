import { inject } from '@angular/core';
import { Router } from '@angular/router';

/**
 * A one-line message the previous page passed along with the navigation that opened this one
 * (`router.navigate([...], { state: { notice } })`), e.g. "Commitment AZ-US-2025-04 recorded.".
 * Call it while the page is being created.
 */
export function navigationNotice(): string | null {
  const notice = inject(Router).currentNavigation()?.extras.state?.['notice'];
  return typeof notice === 'string' ? notice : null;
}
