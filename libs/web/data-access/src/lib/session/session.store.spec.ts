import { HttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { SessionStateDto } from '@pactwatch/shared/contracts';
import { firstValueFrom } from 'rxjs';
import { provideDataAccess } from '../provide-data-access';
import { safeReturnUrl } from './guards';
import { SessionStore } from './session.store';

const ANALYST: SessionStateDto = {
  user: { id: 'u1', email: 'ana@example.org', displayName: 'Ana Analyst', role: 'analyst', timeZone: 'Asia/Baku' },
  publicPortal: false,
  workspaceName: 'Caucasus desk',
  timeZone: 'Asia/Baku',
};

function setUp() {
  TestBed.configureTestingModule({ providers: [provideDataAccess(), provideHttpClientTesting(), provideRouter([])] });
  return { store: TestBed.inject(SessionStore), http: TestBed.inject(HttpTestingController) };
}

describe('SessionStore', () => {
  afterEach(() => (document.cookie = 'XSRF-TOKEN=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/'));

  it('exposes the role and what it allows once the session is loaded', async () => {
    const { store, http } = setUp();
    const loaded = store.ensureLoaded();
    http.expectOne('/api/auth/session').flush(ANALYST);
    await loaded;

    expect(store.status()).toBe('ready');
    expect(store.workspaceName()).toBe('Caucasus desk');
    expect(store.canEdit()).toBe(true);
    expect(store.isAdmin()).toBe(false);
    expect(store.mayBrowse()).toBe(true);
  });

  it('keeps anonymous visitors out unless the public portal is on', async () => {
    const { store, http } = setUp();
    const loaded = store.ensureLoaded();
    http.expectOne('/api/auth/session').flush({ ...ANALYST, user: null });
    await loaded;
    expect(store.mayBrowse()).toBe(false);

    store.setState({ ...ANALYST, user: null, publicPortal: true });
    expect(store.mayBrowse()).toBe(true);
    expect(store.canEdit()).toBe(false);
  });

  it('asks for the session only once when several guards wait for it', async () => {
    const { store, http } = setUp();
    const both = Promise.all([store.ensureLoaded(), store.ensureLoaded()]);
    http.expectOne('/api/auth/session').flush(ANALYST);
    await both;
    await store.ensureLoaded();
    http.verify();
  });

  it('marks the session unavailable, not anonymous, when the endpoint fails', async () => {
    const { store, http } = setUp();
    const loaded = store.ensureLoaded();
    http.expectOne('/api/auth/session').flush({}, { status: 503, statusText: 'Service Unavailable' });
    await loaded;
    expect(store.status()).toBe('unavailable');
    expect(store.problem()).toBe('The server had a problem');
  });

  it('sends the CSRF cookie back as X-XSRF-TOKEN on writes', async () => {
    const { http } = setUp();
    document.cookie = 'XSRF-TOKEN=abc123; path=/';
    const client = TestBed.inject(HttpClient);

    void firstValueFrom(client.post('/api/watches', { targetType: 'commitment', targetId: 'c1' }));
    expect(http.expectOne('/api/watches').request.headers.get('X-XSRF-TOKEN')).toBe('abc123');

    void firstValueFrom(client.get('/api/watches'));
    expect(http.expectOne('/api/watches').request.headers.has('X-XSRF-TOKEN')).toBe(false);
  });

  it('signs out and goes to the login page when the API answers 401', async () => {
    const { store, http } = setUp();
    store.setState(ANALYST);
    const router = TestBed.inject(Router);
    const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);

    const result = firstValueFrom(TestBed.inject(HttpClient).get('/api/commitments')).catch((error: unknown) => error);
    http.expectOne('/api/commitments').flush({ title: 'Unauthorized', status: 401 }, { status: 401, statusText: 'Unauthorized' });
    await result;

    expect(store.signedIn()).toBe(false);
    expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: { returnUrl: '/' } });
  });
});

describe('safeReturnUrl', () => {
  it('only returns to paths inside the app', () => {
    expect(safeReturnUrl('/commitments?status=at_risk')).toBe('/commitments?status=at_risk');
    expect(safeReturnUrl('//evil.example')).toBe('/');
    expect(safeReturnUrl('https://evil.example')).toBe('/');
    expect(safeReturnUrl(null)).toBe('/');
  });
});
