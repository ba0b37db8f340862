import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { SessionStateDto } from '@pactwatch/shared/contracts';
import { SessionStore } from '@pactwatch/web/data-access';
import { Shell } from './shell';

@Component({ template: '<h1>Page</h1>' })
class Page {}

const ADMIN_USER = { id: 'u1', email: 'admin@example.org', displayName: 'Ada Admin', role: 'admin', timeZone: 'UTC' } as const;
const ADMIN: SessionStateDto = {
  user: ADMIN_USER,
  publicPortal: false,
  workspaceName: 'Caucasus desk',
  timeZone: 'UTC',
};

async function render(state: SessionStateDto | 'unavailable') {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([{ path: '', component: Shell, children: [{ path: '**', component: Page }] }]),
    ],
  });
  const session = TestBed.inject(SessionStore);
  if (state === 'unavailable') {
    const loading = session.ensureLoaded();
    TestBed.inject(HttpTestingController).expectOne('/api/auth/session').flush({}, { status: 404, statusText: 'Not Found' });
    await loading;
  } else {
    session.setState(state);
  }
  const harness = await RouterTestingHarness.create('/commitments');
  return harness.routeNativeElement?.ownerDocument.body as HTMLElement;
}

describe('Shell', () => {
  it('shows the workspace name and the main navigation, marking the current page', async () => {
    const body = await render(ADMIN);
    expect(body.querySelector('.pw-brand__name')?.textContent).toContain('Caucasus desk');
    const links = [...body.querySelectorAll('.pw-nav__link span')].map((s) => s.textContent?.trim());
    expect(links).toEqual(['Overview', 'Commitments', 'Agreements', 'Calendar', 'Users', 'Audit log', 'Archive', 'Outbox', 'Settings']);
    expect(body.querySelector('[aria-current="page"]')?.textContent).toContain('Commitments');
  });

  it('hides the administration links from non-admins', async () => {
    const body = await render({ ...ADMIN, user: { ...ADMIN_USER, role: 'analyst' } });
    expect(body.textContent).not.toContain('Audit log');
  });

  it('offers to sign in, and says sign-in could not be checked, when the session endpoint fails', async () => {
    const body = await render('unavailable');
    expect(body.querySelector('.pw-sign-in')?.textContent).toContain('Sign in');
    expect(body.querySelector('.pw-banner')?.textContent).toContain('Sign-in could not be checked (Not found)');
  });

  it('has a skip link to the main content', async () => {
    const body = await render(ADMIN);
    expect(body.querySelector('.pw-skip-link')?.getAttribute('href')).toBe('#main');
    expect(body.querySelector('main#main')).not.toBeNull();
  });
});
