import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, computed, inject, signal, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDivider } from '@angular/material/divider';
import { MatIcon } from '@angular/material/icon';
import { MatMenu, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { MatSidenav, MatSidenavContainer, MatSidenavContent } from '@angular/material/sidenav';
import { MatToolbar } from '@angular/material/toolbar';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { SessionStore, problemMessage } from '@pactwatch/web/data-access';
import { filter, map } from 'rxjs';
import { ADMIN_NAV, MAIN_NAV } from './nav';

/** The layout: toolbar, navigation (a side rail on wide screens, a drawer on phones) and the page. */
@Component({
  selector: 'pw-shell',
  imports: [
    MatToolbar,
    MatSidenavContainer,
    MatSidenav,
    MatSidenavContent,
    MatIcon,
    MatIconButton,
    MatButton,
    MatMenu,
    MatMenuItem,
    MatMenuTrigger,
    MatDivider,
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
})
export class Shell {
  protected readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');
  private readonly sidenav = viewChild.required(MatSidenav);

  protected readonly handset = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 959.98px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly mainNav = MAIN_NAV;
  protected readonly adminNav = computed(() => (this.session.isAdmin() ? ADMIN_NAV : []));
  protected readonly initials = computed(() => {
    const name = this.session.user()?.displayName ?? '';
    return (
      name
        .split(/\s+/)
        .filter(Boolean)
        .slice(0, 2)
        .map((part) => part[0]?.toUpperCase())
        .join('') || '?'
    );
  });
  protected readonly signingOut = signal(false);
  protected readonly signOutError = signal<string | null>(null);

  constructor() {
    // On a new page (not a new filter), close the drawer on phones and move focus to the page,
    // so keyboard and screen-reader users start at the new content.
    let lastPath = this.router.url.split('?')[0];
    const subscription = this.router.events.pipe(filter((event) => event instanceof NavigationEnd)).subscribe((event) => {
      const path = event.urlAfterRedirects.split(/[?#]/)[0];
      if (path === lastPath) return;
      lastPath = path;
      if (this.handset()) void this.sidenav().close();
      queueMicrotask(() => this.main().nativeElement.focus({ preventScroll: true }));
    });
    inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
  }

  protected signIn(): void {
    void this.router.navigate(['/login'], { queryParams: { returnUrl: this.router.url } });
  }

  protected signOut(): void {
    this.signingOut.set(true);
    this.signOutError.set(null);
    this.session.logout().subscribe({
      next: () => {
        this.signingOut.set(false);
        void this.router.navigate(['/login']);
      },
      error: (error: unknown) => {
        this.signingOut.set(false);
        this.signOutError.set(problemMessage(error));
      },
    });
  }

  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.main().nativeElement.focus();
  }
}
