/** Reminders: preferences, watches and the mail outbox. */
import type { ImplementationStatus, IsoDate, IsoInstant } from './common';

export type DigestFrequency = 'immediate' | 'daily' | 'weekly';

export interface ReminderPreferencesDto {
  enabled: boolean;
  leadDays: number[];
  onDueDay: boolean;
  overdueRepeatDays: number | null;
  digest: DigestFrequency;
  sendHour: number;
  timeZone: string;
  pausedUntil: IsoDate | null;
  statusChangeNotices: 'immediate' | 'digest' | 'off';
}

export type WatchTargetType = 'commitment' | 'agreement' | 'area';

export interface WatchDto {
  id: string;
  targetType: WatchTargetType;
  targetId: string;
  label: string;
  createdAt: IsoInstant;
  /** A watched commitment's status and due date, for the watchlist; null for agreements and areas. */
  status: ImplementationStatus | null;
  dueDate: IsoDate | null;
}

/** `cancelled`: planned, then dropped before sending because it no longer applied (or expired unsent). */
export type DeliveryState = 'pending' | 'sending' | 'sent' | 'failed' | 'dead' | 'cancelled';

export interface DeliveryDto {
  id: string;
  recipient: string;
  subject: string;
  reason: string;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: IsoInstant | null;
  lastError: string | null;
  messageId: string | null;
  sentAt: IsoInstant | null;
  createdAt: IsoInstant;
  itemCount: number;
}

export interface DeliveryPreviewDto extends DeliveryDto {
  html: string;
  text: string;
}

/** POST /api/watches */
export interface CreateWatchRequest {
  targetType: WatchTargetType;
  targetId: string;
}

/** Query parameters of GET /api/outbox. */
export interface OutboxQuery {
  state?: DeliveryState;
  page?: number;
}
