import { Injectable, InjectionToken, inject } from '@angular/core';
import type { IsoInstant } from '@pactwatch/shared/contracts';

/** Where the marks are kept; the browser's own storage unless a test provides another. */
export const LAST_VISIT_STORAGE = new InjectionToken<{ lasting: Storage | null; session: Storage | null }>('LAST_VISIT_STORAGE', {
  providedIn: 'root',
  factory: () => ({ lasting: safeStorage(() => localStorage), session: safeStorage(() => sessionStorage) }),
});

function safeStorage(get: () => Storage): Storage | null {
  try {
    return get();
  } catch {
    return null; // storage disabled (privacy settings): nothing is marked new
  }
}

/**
 * "New since your last visit" on the overview. The mark is the newest change the overview has shown the
 * user, as the server stamped it (so the browser's clock never matters), kept in this browser's
 * localStorage per user. A visit is a browser session: the mark read when it began stays fixed for it
 * (sessionStorage), so reloading the overview does not clear what is new.
 *
 * Kept in the browser rather than on the server: the overview is the most read page, and storing a
 * visit server-side would turn each of its reads into a write; the mark is a convenience per device, and
 * losing it (another browser, cleared storage) only means nothing is marked new on that visit.
 */
@Injectable({ providedIn: 'root' })
export class LastVisit {
  private readonly storage = inject(LAST_VISIT_STORAGE);

  /** The previous visit's mark for this user, or null on a first visit (then nothing is marked new). */
  since(userKey: string): IsoInstant | null {
    const sessionKey = `pactwatch.overview.since.${userKey}`;
    const kept = this.storage.session?.getItem(sessionKey);
    if (kept !== null && kept !== undefined) return kept || null;
    const previous = this.storage.lasting?.getItem(`pactwatch.overview.seen.${userKey}`) ?? null;
    this.storage.session?.setItem(sessionKey, previous ?? '');
    return previous;
  }

  /** The overview has shown changes up to `newest`: the next visit marks only later ones. */
  seen(userKey: string, newest: IsoInstant): void {
    const key = `pactwatch.overview.seen.${userKey}`;
    const current = this.storage.lasting?.getItem(key);
    if (!current || Date.parse(newest) > Date.parse(current)) this.storage.lasting?.setItem(key, newest);
  }
}
