/** Reminders: preferences, watches and the mail outbox. */
import type { IsoDate, IsoInstant } from './common';

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
}

/**
 * `cancelled`: planned, then dropped before sending because it no longer applied (or an account mail expired unsent).
 * `superseded`: a reminder that missed its day (mail was failing) and was replaced by one catch-up mail that states
 * the situation as it is now (`supersededBy` names it).
 */
export type DeliveryState = 'pending' | 'sending' | 'sent' | 'failed' | 'dead' | 'cancelled' | 'superseded';

/** Every delivery state, in the order the outbox page lists them. */
export const DELIVERY_STATE_VALUES: readonly DeliveryState[] = ['pending', 'sending', 'sent', 'failed', 'dead', 'cancelled', 'superseded'];

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
  /** The catch-up mail that replaced this one (state `superseded`). */
  supersededBy: string | null;
  /** An admin may send it again (dead or failed). */
  retryable: boolean;
}

/** GET /api/outbox/status: whether mail is going out. */
export interface MailStatusDto {
  /** False when SMTP_URL is not set (mail waits in the outbox). */
  configured: boolean;
  /** `ok`, or `failing` while sends fail (for `failingForHours` hours since `failingSince`). */
  status: 'ok' | 'failing' | 'not_configured';
  failingSince: IsoInstant | null;
  failingForHours: number | null;
  lastError: string | null;
  lastSuccessAt: IsoInstant | null;
  /** Deliveries waiting to go out (pending or failed). */
  unsent: number;
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
