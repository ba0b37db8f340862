import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AcceptResultDto,
  ExtractionCandidateDto,
  QuoteProvenanceDto,
  QuoteReviewDto,
  RecheckResultDto,
  ResolveQuoteReviewRequest,
  SourceDocumentDto,
  SourceVersionDto,
  UpdateCandidateRequest,
} from '@pactwatch/shared/contracts';
import type { Observable } from 'rxjs';

const id = encodeURIComponent;

/** Source documents, their versions, the drafts read from them, and quote provenance. */
@Injectable({ providedIn: 'root' })
export class SourcesApi {
  private readonly http = inject(HttpClient);

  list(agreementId: string): Observable<SourceDocumentDto[]> {
    return this.http.get<SourceDocumentDto[]>(`/api/agreements/${id(agreementId)}/sources`);
  }

  get(documentId: string): Observable<SourceDocumentDto> {
    return this.http.get<SourceDocumentDto>(`/api/sources/${id(documentId)}`);
  }

  addText(agreementId: string, title: string, text: string): Observable<SourceDocumentDto> {
    return this.http.post<SourceDocumentDto>(`/api/agreements/${id(agreementId)}/sources`, { title, text });
  }

  addUrl(agreementId: string, url: string, title?: string): Observable<SourceDocumentDto> {
    return this.http.post<SourceDocumentDto>(`/api/agreements/${id(agreementId)}/sources`, { url, ...(title ? { title } : {}) });
  }

  upload(agreementId: string, file: File, title?: string): Observable<SourceDocumentDto> {
    const form = new FormData();
    if (title) form.append('title', title);
    form.append('file', file, file.name);
    return this.http.post<SourceDocumentDto>(`/api/agreements/${id(agreementId)}/sources/upload`, form);
  }

  addVersionText(documentId: string, text: string): Observable<{ document: SourceDocumentDto; recheck: RecheckResultDto }> {
    return this.http.post<{ document: SourceDocumentDto; recheck: RecheckResultDto }>(`/api/sources/${id(documentId)}/versions`, { text });
  }

  uploadVersion(documentId: string, file: File): Observable<{ document: SourceDocumentDto; recheck: RecheckResultDto }> {
    const form = new FormData();
    form.append('file', file, file.name);
    return this.http.post<{ document: SourceDocumentDto; recheck: RecheckResultDto }>(
      `/api/sources/${id(documentId)}/versions/upload`,
      form,
    );
  }

  version(documentId: string, number: number): Observable<SourceVersionDto> {
    return this.http.get<SourceVersionDto>(`/api/sources/${id(documentId)}/versions/${number}`);
  }

  originalUrl(documentId: string, number: number): string {
    return `/api/sources/${id(documentId)}/versions/${number}/original`;
  }

  candidates(documentId: string, number: number): Observable<ExtractionCandidateDto[]> {
    return this.http.get<ExtractionCandidateDto[]>(`/api/sources/${id(documentId)}/versions/${number}/candidates`);
  }

  extract(documentId: string, number: number): Observable<ExtractionCandidateDto[]> {
    return this.http.post<ExtractionCandidateDto[]>(`/api/sources/${id(documentId)}/versions/${number}/extract`, {});
  }

  acceptRemaining(documentId: string, number: number): Observable<AcceptResultDto> {
    return this.http.post<AcceptResultDto>(`/api/sources/${id(documentId)}/versions/${number}/accept-remaining`, {});
  }

  updateCandidate(candidateId: string, request: UpdateCandidateRequest): Observable<ExtractionCandidateDto> {
    return this.http.patch<ExtractionCandidateDto>(`/api/candidates/${id(candidateId)}`, request);
  }

  accept(candidateId: string, version: number): Observable<AcceptResultDto> {
    return this.http.post<AcceptResultDto>(`/api/candidates/${id(candidateId)}/accept`, { version });
  }

  reject(candidateId: string, version: number): Observable<ExtractionCandidateDto> {
    return this.http.post<ExtractionCandidateDto>(`/api/candidates/${id(candidateId)}/reject`, { version });
  }

  quoteReviews(documentId: string): Observable<QuoteReviewDto[]> {
    return this.http.get<QuoteReviewDto[]>(`/api/sources/${id(documentId)}/quote-reviews`);
  }

  provenance(commitmentId: string): Observable<QuoteProvenanceDto> {
    return this.http.get<QuoteProvenanceDto>(`/api/commitments/${id(commitmentId)}/provenance`);
  }

  resolveQuote(commitmentId: string, request: ResolveQuoteReviewRequest): Observable<QuoteProvenanceDto> {
    return this.http.post<QuoteProvenanceDto>(`/api/commitments/${id(commitmentId)}/quote-review`, request);
  }
}
