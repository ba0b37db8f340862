import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ApiTokenDto,
  CreateApiTokenRequest,
  CreatedApiTokenDto,
  CreatedFeedTokenDto,
  CreateFeedTokenRequest,
  CreateWatchRequest,
  FeedTokenDto,
  ReminderPreferencesDto,
  WatchDto,
} from '@pactwatch/shared/contracts';
import type { Observable } from 'rxjs';

/** The signed-in user's own things: reminder preferences, API tokens, feed links and watches. */
@Injectable({ providedIn: 'root' })
export class AccountApi {
  private readonly http = inject(HttpClient);

  reminderPreferences(): Observable<ReminderPreferencesDto> {
    return this.http.get<ReminderPreferencesDto>('/api/me/reminder-preferences');
  }

  saveReminderPreferences(preferences: ReminderPreferencesDto): Observable<ReminderPreferencesDto> {
    return this.http.put<ReminderPreferencesDto>('/api/me/reminder-preferences', preferences);
  }

  tokens(): Observable<ApiTokenDto[]> {
    return this.http.get<ApiTokenDto[]>('/api/me/tokens');
  }

  /** The plain token is in the answer, once. */
  createToken(request: CreateApiTokenRequest): Observable<CreatedApiTokenDto> {
    return this.http.post<CreatedApiTokenDto>('/api/me/tokens', request);
  }

  revokeToken(id: string): Observable<void> {
    return this.http.delete<void>(`/api/me/tokens/${encodeURIComponent(id)}`);
  }

  feedTokens(): Observable<FeedTokenDto[]> {
    return this.http.get<FeedTokenDto[]>('/api/me/feed-tokens');
  }

  /** A token for one feed and filter; the answer holds the token and the feed's URL with it, once. */
  createFeedToken(request: CreateFeedTokenRequest): Observable<CreatedFeedTokenDto> {
    return this.http.post<CreatedFeedTokenDto>('/api/me/feed-tokens', request);
  }

  revokeFeedToken(id: string): Observable<void> {
    return this.http.delete<void>(`/api/me/feed-tokens/${encodeURIComponent(id)}`);
  }

  watches(): Observable<WatchDto[]> {
    return this.http.get<WatchDto[]>('/api/watches');
  }

  watch(request: CreateWatchRequest): Observable<WatchDto> {
    return this.http.post<WatchDto>('/api/watches', request);
  }

  unwatch(id: string): Observable<void> {
    return this.http.delete<void>(`/api/watches/${encodeURIComponent(id)}`);
  }
}
