import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, type TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import type { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { provideRouter } from '@angular/router';
import type { ApiTokenDto, FeedTokenDto } from '@pactwatch/shared/contracts';
import { provideFormDefaults } from '@pactwatch/web/ui';
import { ApiTokens } from './api-tokens';
import { FeedTokens } from './feed-tokens';

jest.setTimeout(30_000);

const settle = async (fixture: ComponentFixture<unknown>) => {
  await new Promise((r) => setTimeout(r));
  await fixture.whenStable();
};

/** The request the component sends once it gets there. Polls: the component is not stable while it is pending. */
async function sent(http: HttpTestingController, method: string, url: string): Promise<TestRequest> {
  for (let i = 0; i < 100; i++) {
    const [found] = http.match({ method, url });
    if (found) return found;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`No ${method} ${url}`);
}

describe('account: API tokens and feed links', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideFormDefaults(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  it('creates an API token with the scope and expiry chosen, read-only for 90 days unless changed', async () => {
    const fixture = TestBed.createComponent(ApiTokens);
    const loader: HarnessLoader = TestbedHarnessEnvironment.loader(fixture);
    fixture.detectChanges();
    http.expectOne({ method: 'GET', url: '/api/me/tokens' }).flush([]);
    await settle(fixture);

    await (await loader.getHarness(MatInputHarness.with({ placeholder: 'e.g. Nightly export script' }))).setValue('Export');
    const [access, expiry] = await loader.getAllHarnesses(MatSelectHarness);
    expect(await access.getValueText()).toBe('Read only');
    expect(await expiry.getValueText()).toBe('90 days');
    await access.open();
    await access.clickOptions({ text: 'Read and write' });
    await expiry.open();
    await expiry.clickOptions({ text: 'Never' });
    const creating = (await loader.getHarness(MatButtonHarness.with({ text: /Create token/ }))).click();
    const post = await sent(http, 'POST', '/api/me/tokens');
    expect(post.request.body).toEqual({ name: 'Export', scope: 'read-write', expiresInDays: null });
    const token: ApiTokenDto = {
      id: 't1',
      name: 'Export',
      prefix: 'pw_abcdefg',
      scope: 'read-write',
      createdAt: '2026-01-15T09:00:00Z',
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
    };
    post.flush({ ...token, token: 'pw_abcdefg123' });
    await creating;
    (await sent(http, 'GET', '/api/me/tokens')).flush([token]);
    await settle(fixture);
    const text = (fixture.nativeElement as HTMLElement).textContent ?? '';
    expect(text).toContain('pw_abcdefg123');
    expect(text).toContain('Read and write');
    expect(text).toContain('expires never');
  });

  it('lists feed links apart, with their feed and filter, and revokes one', async () => {
    const fixture = TestBed.createComponent(FeedTokens);
    const loader = TestbedHarnessEnvironment.loader(fixture);
    fixture.detectChanges();
    const link: FeedTokenDto = {
      id: 'f1',
      name: 'Outlook',
      prefix: 'pwf_abcdefg',
      feed: 'deadlines',
      filter: { area: 'energy', flag: 'overdue,due_soon' },
      createdAt: '2026-01-15T09:00:00Z',
      expiresAt: '2026-04-15T09:00:00Z',
      lastUsedAt: null,
      revokedAt: null,
    };
    http.expectOne({ method: 'GET', url: '/api/me/feed-tokens' }).flush([link]);
    await settle(fixture);
    const text = (fixture.nativeElement as HTMLElement).textContent ?? '';
    expect(text).toContain('Calendar of deadlines (iCal): area energy · flag overdue, due_soon');

    const revoking = (await loader.getHarness(MatButtonHarness.with({ text: 'Revoke' }))).click();
    const dialog = await TestbedHarnessEnvironment.documentRootLoader(fixture).getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Revoke the feed link “Outlook”?');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Revoke link' }))).click();
    (await sent(http, 'DELETE', '/api/me/feed-tokens/f1')).flush(null);
    await revoking;
    (await sent(http, 'GET', '/api/me/feed-tokens')).flush([{ ...link, revokedAt: '2026-01-16T09:00:00Z' }]);
    await settle(fixture);
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('Revoked');
  });

  it('makes a feed link for the status-changes feed and shows its URL once', async () => {
    const fixture = TestBed.createComponent(FeedTokens);
    const loader = TestbedHarnessEnvironment.loader(fixture);
    fixture.detectChanges();
    http.expectOne({ method: 'GET', url: '/api/me/feed-tokens' }).flush([]);
    await settle(fixture);
    const creating = (await loader.getHarness(MatButtonHarness.with({ text: /status-changes feed/ }))).click();
    const post = await sent(http, 'POST', '/api/me/feed-tokens');
    expect(post.request.body).toMatchObject({ feed: 'changes' });
    const url = 'http://127.0.0.1:3000/api/feeds/changes.atom?token=pwf_xyz';
    post.flush({
      id: 'f2',
      name: 'Status changes',
      prefix: 'pwf_xyz',
      feed: 'changes',
      filter: {},
      createdAt: '2026-01-15T09:00:00Z',
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
      token: 'pwf_xyz',
      url,
    });
    await creating;
    (await sent(http, 'GET', '/api/me/feed-tokens')).flush([]);
    await settle(fixture);
    expect((fixture.nativeElement as HTMLElement).querySelector('[data-testid="new-feed-link"]')?.textContent).toBe(url);
  });
});

const TOKEN: ApiTokenDto = {
  id: 't1',
  name: 'Outlook calendar',
  prefix: 'pw_abc',
  scope: 'read',
  createdAt: '2026-01-10T09:00:00Z',
  expiresAt: null,
  lastUsedAt: null,
  revokedAt: null,
};

describe('ApiTokens: revoking', () => {
  async function open() {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideFormDefaults(), provideRouter([])],
    });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ApiTokens);
    fixture.detectChanges();
    http.expectOne('/api/me/tokens').flush([TOKEN]);
    await fixture.whenStable();
    const loader = TestbedHarnessEnvironment.loader(fixture);
    const documentLoader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Revoke' }))).click();
    const dialog = await documentLoader.getHarness(MatDialogHarness);
    return { http, dialog };
  }

  it('asks first, naming the token, and revokes nothing when cancelled', async () => {
    const { http, dialog } = await open();
    expect(await dialog.getTitleText()).toBe('Revoke the token “Outlook calendar”?');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Cancel' }))).click();
    http.expectNone((request) => request.method === 'DELETE');
    http.verify();
  });

  it('revokes the token once confirmed', async () => {
    const { http, dialog } = await open();
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Revoke token' }))).click();
    let revoke = http.match((r) => r.method === 'DELETE');
    for (let i = 0; i < 100 && revoke.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 10));
      revoke = http.match((r) => r.method === 'DELETE');
    }
    expect(revoke.map((r) => r.request.url)).toEqual(['/api/me/tokens/t1']);
    revoke[0].flush(null);
  });
});
