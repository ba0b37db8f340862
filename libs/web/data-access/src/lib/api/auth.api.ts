import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ChangePasswordRequest, LoginRequest, MeDto, SessionStateDto } from '@pactwatch/shared/contracts';
import type { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly http = inject(HttpClient);

  session(): Observable<SessionStateDto> {
    return this.http.get<SessionStateDto>('/api/auth/session');
  }

  login(request: LoginRequest): Observable<MeDto> {
    return this.http.post<MeDto>('/api/auth/login', request);
  }

  logout(): Observable<void> {
    return this.http.post<void>('/api/auth/logout', {});
  }

  changePassword(request: ChangePasswordRequest): Observable<void> {
    return this.http.post<void>('/api/auth/password', request);
  }
}
