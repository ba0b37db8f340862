/** Shapes every part of the API shares: dates, roles, pages and problem details. */
import type { DatePrecision, DeadlineSpec, ImplementationStatus, ScheduleFlag } from '@pactwatch/shared/deadlines';

export type IsoDate = string; // YYYY-MM-DD
export type IsoInstant = string; // 2026-02-08T12:00:00.000Z

export type Role = 'viewer' | 'analyst' | 'admin';
export const ROLES: readonly Role[] = ['viewer', 'analyst', 'admin'];

export interface UserRefDto {
  id: string;
  displayName: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ProblemDetailsDto {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: { field: string; message: string }[];
  requestId: string;
  current?: unknown;
}

export type { DatePrecision, DeadlineSpec, ImplementationStatus, ScheduleFlag };
