import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { QuoteProvenanceDto } from '@pactwatch/shared/contracts';
import { QuoteProvenance } from './quote-provenance';

const VERIFIED: QuoteProvenanceDto = {
  commitmentId: 'c1',
  state: 'verified',
  documentId: 'd1',
  documentTitle: 'White House news article',
  versionId: 'v2',
  versionNumber: 2,
  latestVersionNumber: 2,
  start: 120,
  end: 250,
  article: null,
  paragraph: 3,
  pendingReview: null,
};

describe('QuoteProvenance', () => {
  let fixture: ComponentFixture<QuoteProvenance>;
  let http: HttpTestingController;
  const text = () => (fixture.nativeElement as HTMLElement).textContent?.replace(/\s+/g, ' ').trim() ?? '';

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    fixture = TestBed.createComponent(QuoteProvenance);
    fixture.componentRef.setInput('commitmentId', 'c1');
    http = TestBed.inject(HttpTestingController);
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  it('says the quote is verified in its version and links to its highlighted place', async () => {
    http.expectOne('/api/commitments/c1/provenance').flush(VERIFIED);
    await fixture.whenStable();
    expect(text()).toContain('Quote verified in version 2 of White House news article');
    const link = (fixture.nativeElement as HTMLElement).querySelector('a');
    expect(link?.getAttribute('href')).toBe('/sources/d1/versions/2?start=120&end=250');
  });

  it('marks a hand-typed quote as not tied to a source', async () => {
    http.expectOne('/api/commitments/c1/provenance').flush({ ...VERIFIED, state: 'untied', documentId: null, versionNumber: null });
    await fixture.whenStable();
    expect(text()).toContain('Quote not tied to a source');
  });

  it('flags a quote that changed in a newer version, with what the new version reads', async () => {
    http.expectOne('/api/commitments/c1/provenance').flush({
      ...VERIFIED,
      versionNumber: 1,
      pendingReview: {
        commitmentId: 'c1',
        refCode: 'X-1',
        title: '',
        recheck: 'changed',
        quote: 'old text',
        fromVersionNumber: 1,
        toVersionNumber: 2,
        toVersionId: 'v2',
        suggestion: { start: 0, end: 8, text: 'new text' },
      },
    });
    await fixture.whenStable();
    expect(text()).toContain('the quote changed in version 2');
    expect(text()).toContain('Version 2 reads: new text');
  });
});
