import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ArchivedCommitmentDto,
  CommitmentDetailDto,
  CommitmentQuery,
  CommitmentSummaryDto,
  CreateCommitmentRequest,
  CreateStatusUpdateRequest,
  ImportOptions,
  ImportReportDto,
  Page,
  UpdateCommitmentRequest,
  VerifyCommitmentRequest,
} from '@pactwatch/shared/contracts';
import type { Observable } from 'rxjs';
import { toHttpParams, toQueryString } from '../http/http-params';
import { filtersOnly } from '../query/commitment-query';

@Injectable({ providedIn: 'root' })
export class CommitmentsApi {
  private readonly http = inject(HttpClient);

  list(query: CommitmentQuery = {}): Observable<Page<CommitmentSummaryDto>> {
    return this.http.get<Page<CommitmentSummaryDto>>('/api/commitments', { params: toHttpParams(query) });
  }

  /** A link to the CSV of the current view (filters and sort, every page). */
  exportCsvUrl(query: CommitmentQuery): string {
    const qs = toQueryString({ ...filtersOnly(query), sort: query.sort });
    return `/api/commitments/export.csv${qs ? `?${qs}` : ''}`;
  }

  /** By id or by reference code (e.g. AZ-US-2025-01). */
  get(idOrRefCode: string, asOf?: string): Observable<CommitmentDetailDto> {
    return this.http.get<CommitmentDetailDto>(`/api/commitments/${encodeURIComponent(idOrRefCode)}`, {
      params: toHttpParams({ asOf }),
    });
  }

  create(request: CreateCommitmentRequest): Observable<CommitmentDetailDto> {
    return this.http.post<CommitmentDetailDto>('/api/commitments', request);
  }

  /** Answers 409 with the current commitment in `current` when `version` is stale. */
  update(id: string, request: UpdateCommitmentRequest): Observable<CommitmentDetailDto> {
    return this.http.patch<CommitmentDetailDto>(`/api/commitments/${encodeURIComponent(id)}`, request);
  }

  /** Answers 409 with the current commitment in `current` when `version` is stale. */
  addStatusUpdate(id: string, request: CreateStatusUpdateRequest): Observable<CommitmentDetailDto> {
    return this.http.post<CommitmentDetailDto>(`/api/commitments/${encodeURIComponent(id)}/status-updates`, request);
  }

  /** "Checked, nothing changed": a verification entry with a note. */
  verify(id: string, request: VerifyCommitmentRequest): Observable<CommitmentDetailDto> {
    return this.http.post<CommitmentDetailDto>(`/api/commitments/${encodeURIComponent(id)}/verifications`, request);
  }

  /** Archives the commitment (an admin can restore it). */
  archive(id: string, version: number): Observable<void> {
    return this.http.delete<void>(`/api/commitments/${encodeURIComponent(id)}`, { params: toHttpParams({ version }) });
  }

  archived(): Observable<ArchivedCommitmentDto[]> {
    return this.http.get<ArchivedCommitmentDto[]>('/api/archived-commitments');
  }

  restore(id: string): Observable<CommitmentDetailDto> {
    return this.http.post<CommitmentDetailDto>(`/api/archived-commitments/${encodeURIComponent(id)}/restore`, {});
  }

  /** Deletes an archived commitment for good (admins); the audit log keeps all of it. */
  purge(id: string): Observable<void> {
    return this.http.delete<void>(`/api/archived-commitments/${encodeURIComponent(id)}`);
  }

  /** Sends a CSV file; with dryRun the answer reports what the import would do (errors included) and changes nothing. */
  importCsv(csv: string, options: ImportOptions): Observable<ImportReportDto> {
    return this.http.post<ImportReportDto>('/api/commitments/import.csv', csv, {
      params: toHttpParams({ ...options }),
      headers: { 'content-type': 'text/csv' },
    });
  }
}
