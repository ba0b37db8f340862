import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { SessionStore } from '@pactwatch/web/data-access';
import { LoginPage } from './login-page';

@Component({ template: 'target' })
class Target {}

describe('LoginPage', () => {
  let http: HttpTestingController;
  let loader: HarnessLoader;
  let harness: RouterTestingHarness;

  async function open(url: string) {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(
          [
            { path: 'login', component: LoginPage },
            { path: '**', component: Target },
          ],
          withComponentInputBinding(),
        ),
      ],
    });
    TestBed.inject(SessionStore).setState({ user: null, publicPortal: false, workspaceName: 'Pactwatch', timeZone: 'UTC' });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create(url);
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
  }

  const settle = async () => {
    await new Promise((r) => setTimeout(r));
    await harness.fixture.whenStable();
  };

  async function signIn(password: string) {
    await (await loader.getHarness(MatInputHarness.with({ selector: '[formcontrolname="email"]' }))).setValue('analyst@example.org');
    await (await loader.getHarness(MatInputHarness.with({ selector: '[formcontrolname="password"]' }))).setValue(password);
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Sign in' }))).click();
  }

  it('says only that the email or password is wrong, and clears the password', async () => {
    await open('/login');
    await signIn('wrong-password');
    http
      .expectOne('/api/auth/login')
      .flush({ title: 'Unauthorized', status: 401, detail: 'No such user' }, { status: 401, statusText: 'Unauthorized' });
    await settle();

    const alert = harness.routeNativeElement?.querySelector('[role="alert"]')?.textContent ?? '';
    expect(alert).toContain('The email or password is not correct.');
    expect(alert).not.toContain('No such user');
    expect(await (await loader.getHarness(MatInputHarness.with({ selector: '[formcontrolname="password"]' }))).getValue()).toBe('');
  });

  it('goes back to the page that asked for sign-in, but never to another site', async () => {
    await open('/login?returnUrl=%2Fcommitments%3Fstatus%3Dat_risk');
    await signIn('pactwatch-demo');
    http
      .expectOne('/api/auth/login')
      .flush({ id: 'u', email: 'analyst@example.org', displayName: 'Ana', role: 'analyst', timeZone: 'UTC' });
    await settle();
    expect(TestBed.inject(Router).url).toBe('/commitments?status=at_risk');
    expect(TestBed.inject(SessionStore).canEdit()).toBe(true);
  });

  it('ignores a return address on another origin', async () => {
    await open('/login?returnUrl=%2F%2Fevil.example%2Fphish');
    await signIn('pactwatch-demo');
    http.expectOne('/api/auth/login').flush({ id: 'u', email: 'a@example.org', displayName: 'Ana', role: 'viewer', timeZone: 'UTC' });
    await settle();
    expect(TestBed.inject(Router).url).toBe('/');
  });
});
