import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AgreementDto,
  AnchorEventDetailDto,
  AnchorEventDto,
  AnchorImpactDto,
  CreateAgreementRequest,
  IsoDate,
  UpdateAgreementRequest,
  UpdateAnchorEventRequest,
} from '@pactwatch/shared/contracts';
import type { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class AgreementsApi {
  private readonly http = inject(HttpClient);

  list(): Observable<AgreementDto[]> {
    return this.http.get<AgreementDto[]>('/api/agreements');
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

  get(anchorEventId: string): Observable<AnchorEventDetailDto> {
    return this.http.get<AnchorEventDetailDto>(`/api/anchor-events/${encodeURIComponent(anchorEventId)}`);
  }

  /** Which deadlines would move if the anchor's date became `date` (null: pending). Changes nothing. */
  impact(anchorEventId: string, date: IsoDate | null): Observable<AnchorImpactDto> {
    return this.http.get<AnchorImpactDto>(`/api/anchor-events/${encodeURIComponent(anchorEventId)}/impact`, {
      params: { date: date ?? 'pending' },
    });
  }

  update(anchorEventId: string, request: UpdateAnchorEventRequest): Observable<AnchorEventDto> {
    return this.http.patch<AnchorEventDto>(`/api/anchor-events/${encodeURIComponent(anchorEventId)}`, request);
  }
}
