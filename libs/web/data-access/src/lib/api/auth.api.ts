import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AcceptInvitationRequest,
  ChangePasswordRequest,
  LoginRequest,
  MeDto,
  PasswordResetConfirmRequest,
  PasswordResetRequest,
  SessionStateDto,
} from '@pactwatch/shared/contracts';
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

  /** Always answered 202, whether or not the email exists. */
  requestPasswordReset(request: PasswordResetRequest): Observable<void> {
    return this.http.post<void>('/api/auth/password-reset/request', request);
  }

  confirmPasswordReset(request: PasswordResetConfirmRequest): Observable<void> {
    return this.http.post<void>('/api/auth/password-reset/confirm', request);
  }

  /** Sets the password and signs in. */
  acceptInvitation(request: AcceptInvitationRequest): Observable<MeDto> {
    return this.http.post<MeDto>('/api/auth/invitations/accept', request);
  }
}
