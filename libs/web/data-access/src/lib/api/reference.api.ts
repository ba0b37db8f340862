import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { PartyDto, PolicyAreaDto } from '@pactwatch/shared/contracts';
import { type Observable, shareReplay } from 'rxjs';

/** Parties and policy areas: small lists that change rarely, fetched once per session. */
@Injectable({ providedIn: 'root' })
export class ReferenceApi {
  private readonly http = inject(HttpClient);
  private parties$?: Observable<PartyDto[]>;
  private areas$?: Observable<PolicyAreaDto[]>;

  parties(): Observable<PartyDto[]> {
    this.parties$ ??= this.http.get<PartyDto[]>('/api/parties').pipe(shareReplay({ bufferSize: 1, refCount: false }));
    return this.parties$;
  }

  areas(): Observable<PolicyAreaDto[]> {
    this.areas$ ??= this.http.get<PolicyAreaDto[]>('/api/areas').pipe(shareReplay({ bufferSize: 1, refCount: false }));
    return this.areas$;
  }

  /** Forget cached lists, e.g. after a failed load so the next page can try again. */
  reset(): void {
    this.parties$ = undefined;
    this.areas$ = undefined;
  }
}
