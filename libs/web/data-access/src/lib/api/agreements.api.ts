import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AgreementDto,
  AgreementSummaryDto,
  AnchorEventDetailDto,
  AnchorEventDto,
  AnchorImpactDto,
  CreateAgreementRequest,
  CreateAnchorEventRequest,
  IsoDate,
  UpdateAgreementRequest,
  UpdateAnchorEventRequest,
} from '@pactwatch/shared/contracts';
import type { Observable } from 'rxjs';
import { toHttpParams } from '../http/http-params';

@Injectable({ providedIn: 'root' })
export class AgreementsApi {
  private readonly http = inject(HttpClient);

  list(): Observable<AgreementDto[]> {
    return this.http.get<AgreementDto[]>('/api/agreements');
  }

  /** Id, title, kind and date of every agreement: enough for filters, a fraction of list()'s size. */
  summaries(): Observable<AgreementSummaryDto[]> {
    return this.http.get<AgreementSummaryDto[]>('/api/agreements/summaries');
  }

  get(id: string): Observable<AgreementDto> {
    return this.http.get<AgreementDto>(`/api/agreements/${encodeURIComponent(id)}`);
  }

  create(request: CreateAgreementRequest): Observable<AgreementDto> {
    return this.http.post<AgreementDto>('/api/agreements', request);
  }

  update(id: string, request: UpdateAgreementRequest): Observable<AgreementDto> {
    return this.http.patch<AgreementDto>(`/api/agreements/${encodeURIComponent(id)}`, request);
  }
}

@Injectable({ providedIn: 'root' })
export class AnchorEventsApi {
  private readonly http = inject(HttpClient);

  /** Every anchor event, or those of one agreement; dated ones first, by date. */
  list(agreementId?: string): Observable<AnchorEventDto[]> {
    return this.http.get<AnchorEventDto[]>('/api/anchor-events', { params: toHttpParams({ agreementId }) });
  }

  /** No `occurredOn`: the event is pending. */
  create(request: CreateAnchorEventRequest): Observable<AnchorEventDetailDto> {
    return this.http.post<AnchorEventDetailDto>('/api/anchor-events', request);
  }

  get(anchorEventId: string): Observable<AnchorEventDetailDto> {
    return this.http.get<AnchorEventDetailDto>(`/api/anchor-events/${encodeURIComponent(anchorEventId)}`);
  }

  /** Which deadlines would move if the anchor's date became `date` (null: pending). Changes nothing. */
  impact(anchorEventId: string, date: IsoDate | null): Observable<AnchorImpactDto> {
    return this.http.get<AnchorImpactDto>(`/api/anchor-events/${encodeURIComponent(anchorEventId)}/impact`, {
      params: { date: date ?? 'pending' },
    });
  }

  update(anchorEventId: string, request: UpdateAnchorEventRequest): Observable<AnchorEventDetailDto> {
    return this.http.patch<AnchorEventDetailDto>(`/api/anchor-events/${encodeURIComponent(anchorEventId)}`, request);
  }
}
