import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AuditEntryDto,
  AuditQuery,
  CreateUserRequest,
  DeliveryDto,
  DeliveryPreviewDto,
  MailStatusDto,
  OutboxQuery,
  Page,
  UpdateUserRequest,
  UpdateWorkspaceSettingsRequest,
  UserDto,
  WorkspaceSettingsDto,
} from '@pactwatch/shared/contracts';
import type { Observable } from 'rxjs';
import { toHttpParams } from '../http/http-params';

@Injectable({ providedIn: 'root' })
export class AdminApi {
  private readonly http = inject(HttpClient);

  users(): Observable<UserDto[]> {
    return this.http.get<UserDto[]>('/api/users');
  }

  createUser(request: CreateUserRequest): Observable<UserDto> {
    return this.http.post<UserDto>('/api/users', request);
  }

  updateUser(id: string, request: UpdateUserRequest): Observable<UserDto> {
    return this.http.patch<UserDto>(`/api/users/${encodeURIComponent(id)}`, request);
  }

  audit(query: AuditQuery): Observable<Page<AuditEntryDto>> {
    return this.http.get<Page<AuditEntryDto>>('/api/audit', { params: toHttpParams(query) });
  }

  outbox(query: OutboxQuery): Observable<Page<DeliveryDto>> {
    return this.http.get<Page<DeliveryDto>>('/api/outbox', { params: toHttpParams(query) });
  }

  outboxStatus(): Observable<MailStatusDto> {
    return this.http.get<MailStatusDto>('/api/outbox/status');
  }

  retryDelivery(id: string): Observable<DeliveryDto> {
    return this.http.post<DeliveryDto>(`/api/outbox/${encodeURIComponent(id)}/retry`, {});
  }

  outboxPreview(id: string): Observable<DeliveryPreviewDto> {
    return this.http.get<DeliveryPreviewDto>(`/api/outbox/${encodeURIComponent(id)}/preview`);
  }

  settings(): Observable<WorkspaceSettingsDto> {
    return this.http.get<WorkspaceSettingsDto>('/api/settings');
  }

  updateSettings(request: UpdateWorkspaceSettingsRequest): Observable<WorkspaceSettingsDto> {
    return this.http.patch<WorkspaceSettingsDto>('/api/settings', request);
  }
}
