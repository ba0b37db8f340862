import { HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import type { LoginRequest, MeDto, Role, SessionStateDto } from '@pactwatch/shared/contracts';
import { todayIn } from '@pactwatch/web/util';
import { type Observable, firstValueFrom, map, tap } from 'rxjs';
import { AuthApi } from '../api/auth.api';
import { toProblem } from '../http/problem';

/**
 * - `unknown`: not asked yet;
 * - `ready`: the API told us who we are (possibly anonymous);
 * - `unavailable`: the session endpoint failed. The API still enforces access on every request,
 *   so the dashboard lets the visitor try and shows each page's own error instead of a dead end.
 */
export type SessionStatus = 'unknown' | 'loading' | 'ready' | 'unavailable';

const RANK: Record<Role, number> = { viewer: 1, analyst: 2, admin: 3 };

/** Who is signed in, with what role, in which workspace. Signals only; components read, never write. */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly api = inject(AuthApi);
  private readonly state = signal<SessionStateDto | null>(null);
  private readonly statusSignal = signal<SessionStatus>('unknown');
  private readonly problemSignal = signal<string | null>(null);
  private pending: Promise<void> | null = null;

  readonly status = this.statusSignal.asReadonly();
  /** Why the session could not be read, when status is `unavailable`. */
  readonly problem = this.problemSignal.asReadonly();
  readonly user = computed<MeDto | null>(() => this.state()?.user ?? null);
  readonly signedIn = computed(() => this.user() !== null);
  readonly role = computed<Role | null>(() => this.user()?.role ?? null);
  readonly canEdit = computed(() => this.hasRole('analyst'));
  readonly isAdmin = computed(() => this.hasRole('admin'));
  readonly publicPortal = computed(() => this.state()?.publicPortal ?? false);
  readonly workspaceName = computed(() => this.state()?.workspaceName || 'Pactwatch');
  readonly timeZone = computed(() => this.state()?.timeZone || 'UTC');
  /** Today in the workspace time zone. */
  readonly today = computed(() => todayIn(this.timeZone()));
  /** Whether the dashboard may be shown at all. */
  readonly mayBrowse = computed(() => this.statusSignal() === 'unavailable' || this.signedIn() || this.publicPortal());

  hasRole(required: Role): boolean {
    const role = this.role();
    return role !== null && RANK[role] >= RANK[required];
  }

  /** Loads the session once; later calls share the first answer. */
  ensureLoaded(): Promise<void> {
    if (this.statusSignal() === 'ready' || this.statusSignal() === 'unavailable') return Promise.resolve();
    return this.refresh();
  }

  refresh(): Promise<void> {
    this.pending ??= firstValueFrom(this.api.session())
      .then(
        (state) => {
          this.state.set(state);
          this.problemSignal.set(null);
          this.statusSignal.set('ready');
        },
        (error: unknown) => {
          this.problemSignal.set(toProblem(error).title);
          this.statusSignal.set('unavailable');
        },
      )
      .finally(() => (this.pending = null));
    if (this.statusSignal() === 'unknown') this.statusSignal.set('loading');
    return this.pending;
  }

  login(request: LoginRequest): Observable<MeDto> {
    return this.api.login(request).pipe(
      tap((me) => {
        this.state.update((s) => ({ publicPortal: false, workspaceName: 'Pactwatch', timeZone: 'UTC', ...s, user: me }));
        this.statusSignal.set('ready');
      }),
    );
  }

  logout(): Observable<void> {
    return this.api.logout().pipe(
      map(() => undefined),
      tap(() => this.signedOut()),
    );
  }

  /** The API said 401: the session ended (expired, revoked, or signed out elsewhere). */
  signedOut(): void {
    this.state.update((s) => (s ? { ...s, user: null } : s));
    if (this.statusSignal() !== 'unavailable') this.statusSignal.set('ready');
  }

  /** For tests and for the login page after a password change. */
  setState(state: SessionStateDto): void {
    this.state.set(state);
    this.statusSignal.set('ready');
  }
}

export function isUnauthorized(error: unknown): boolean {
  return error instanceof HttpErrorResponse && error.status === 401;
}
