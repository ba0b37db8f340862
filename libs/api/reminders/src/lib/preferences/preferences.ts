import type { DigestFrequency, ReminderPreferencesDto } from '@pactwatch/shared/contracts';
import type { ReminderPreferencesEntity, StatusChangeNotices } from '../entities';

/** What a user without saved preferences gets (DESIGN.md: 30/7/1 days ahead, on the day, weekly when overdue). */
export const DEFAULT_PREFERENCES = {
  enabled: true,
  leadDays: [30, 7, 1],
  onDueDay: true,
  overdueRepeatDays: 7 as number | null,
  digest: 'daily' as DigestFrequency,
  sendHour: 8,
  pausedUntil: null as string | null,
  statusChangeNotices: 'immediate' as StatusChangeNotices,
};

/** Effective preferences: the saved row, or the defaults; the time zone falls back to the account's. */
export function effectivePreferences(row: ReminderPreferencesEntity | null | undefined, accountTimeZone: string): ReminderPreferencesDto {
  if (!row) return { ...DEFAULT_PREFERENCES, leadDays: [...DEFAULT_PREFERENCES.leadDays], timeZone: accountTimeZone };
  return {
    enabled: row.enabled,
    leadDays: [...row.leadDays].sort((a, b) => b - a),
    onDueDay: row.onDueDay,
    overdueRepeatDays: row.overdueRepeatDays,
    digest: row.digest,
    sendHour: row.sendHour,
    timeZone: row.timeZone ?? accountTimeZone,
    pausedUntil: row.pausedUntil,
    statusChangeNotices: row.statusChangeNotices,
  };
}
