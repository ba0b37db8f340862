import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';

setupZonelessTestEnv({
  errorOnUnknownElements: true,
  errorOnUnknownProperties: true,
});

/** jsdom has no IntersectionObserver; `@defer (on viewport)` needs one. This one never fires. */
class NoopIntersectionObserver {
  readonly root = null;
  readonly rootMargin = '';
  readonly thresholds = [];
  observe(): void {
    // never reports an intersection
  }
  unobserve(): void {
    // nothing observed
  }
  disconnect(): void {
    // nothing to release
  }
  takeRecords(): [] {
    return [];
  }
}
globalThis.IntersectionObserver ??= NoopIntersectionObserver as unknown as typeof IntersectionObserver;
