import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import type { ApiTokenDto } from '@pactwatch/shared/contracts';
import { ApiTokens } from './api-tokens';

const TOKEN: ApiTokenDto = {
  id: 't1',
  name: 'Outlook calendar',
  prefix: 'pw_abc',
  createdAt: '2026-01-10T09:00:00Z',
  lastUsedAt: null,
  revokedAt: null,
};

jest.setTimeout(30_000);

describe('ApiTokens: revoking', () => {
  async function open() {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
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
