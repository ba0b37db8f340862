import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { DashboardSummaryDto, IsoDate } from '@pactwatch/shared/contracts';
import type { Observable } from 'rxjs';
import { toHttpParams } from '../http/http-params';

@Injectable({ providedIn: 'root' })
export class DashboardApi {
  private readonly http = inject(HttpClient);

  /** The overview; with `asOf`, as it stood at the end of that day. */
  summary(asOf?: IsoDate | null): Observable<DashboardSummaryDto> {
    return this.http.get<DashboardSummaryDto>('/api/dashboard/summary', { params: toHttpParams({ asOf }) });
  }
}
