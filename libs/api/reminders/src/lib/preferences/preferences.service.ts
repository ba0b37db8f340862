import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, AuditService, SYSTEM_ACTOR } from '@pactwatch/api/audit';
import { Clock, NotFoundException } from '@pactwatch/api/core';
import { UserEntity } from '@pactwatch/api/auth';
import type { ReminderPreferencesDto } from '@pactwatch/shared/contracts';
import { isIsoDate } from '@pactwatch/shared/deadlines';
import { DataSource, EntityManager } from 'typeorm';
import { ReminderPreferencesEntity } from '../entities';
import { RemindersException } from '../reminders-exception';
import { effectivePreferences } from './preferences';
import type { UpdateReminderPreferencesBody } from './preferences.dto';

@Injectable()
export class ReminderPreferencesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async get(userId: string): Promise<ReminderPreferencesDto> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user) throw new NotFoundException('User', userId);
    const row = await this.dataSource.getRepository(ReminderPreferencesEntity).findOneBy({ userId });
    return effectivePreferences(row, user.timeZone);
  }

  async update(actor: Actor, userId: string, body: UpdateReminderPreferencesBody): Promise<ReminderPreferencesDto> {
    if (body.pausedUntil && !isIsoDate(body.pausedUntil)) {
      throw new RemindersException('validation_failed', 'Invalid pausedUntil', {
        errors: [{ field: 'pausedUntil', message: 'is not a real date' }],
      });
    }
    await this.dataSource.transaction(async (manager) => {
      const current = await this.get(userId);
      const next: ReminderPreferencesDto = { ...current, ...stripUndefined(body) };
      next.leadDays = [...new Set(next.leadDays)].sort((a, b) => b - a);
      await this.save(manager, userId, next, next.enabled ? null : undefined);
      await this.audit.record(manager, actor, {
        action: 'update',
        entityType: 'reminder_preferences',
        entityId: userId,
        before: current,
        after: next,
        summary: 'Changed reminder preferences',
      });
    });
    return this.get(userId);
  }

  /**
   * One-click unsubscribe: all reminder mail off, remembered as an unsubscribe. Idempotent: a repeated POST (mail
   * clients and scanners retry) changes nothing, bumps no version and adds no audit entry. Returns whether it changed.
   */
  async unsubscribe(userId: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [locked] = await manager.query(`SELECT enabled, unsubscribed_at FROM reminder_preferences WHERE user_id = $1 FOR UPDATE`, [
        userId,
      ]);
      if (locked && !locked.enabled && locked.unsubscribed_at) return false;
      const current = await this.get(userId);
      await this.save(manager, userId, { ...current, enabled: false }, this.clock.now());
      await this.audit.record(
        manager,
        { ...SYSTEM_ACTOR, label: 'one-click unsubscribe link' },
        {
          action: 'update',
          entityType: 'reminder_preferences',
          entityId: userId,
          before: { enabled: current.enabled },
          after: { enabled: false },
          summary: 'Unsubscribed from all reminder mail with the link in a reminder',
        },
      );
      return true;
    });
  }

  /** unsubscribedAt: a date sets it, null clears it, undefined keeps it. */
  private async save(
    manager: EntityManager,
    userId: string,
    prefs: ReminderPreferencesDto,
    unsubscribedAt: Date | null | undefined,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO reminder_preferences (user_id, enabled, lead_days, on_due_day, overdue_repeat_days, digest, send_hour, time_zone,
                                         paused_until, status_change_notices, unsubscribed_at, version, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12)
       ON CONFLICT (user_id) DO UPDATE SET enabled = EXCLUDED.enabled, lead_days = EXCLUDED.lead_days, on_due_day = EXCLUDED.on_due_day,
         overdue_repeat_days = EXCLUDED.overdue_repeat_days, digest = EXCLUDED.digest, send_hour = EXCLUDED.send_hour,
         time_zone = EXCLUDED.time_zone, paused_until = EXCLUDED.paused_until, status_change_notices = EXCLUDED.status_change_notices,
         unsubscribed_at = ${unsubscribedAt === undefined ? 'reminder_preferences.unsubscribed_at' : 'EXCLUDED.unsubscribed_at'},
         version = reminder_preferences.version + 1, updated_at = EXCLUDED.updated_at`,
      [
        userId,
        prefs.enabled,
        prefs.leadDays,
        prefs.onDueDay,
        prefs.overdueRepeatDays,
        prefs.digest,
        prefs.sendHour,
        prefs.timeZone,
        prefs.pausedUntil,
        prefs.statusChangeNotices,
        unsubscribedAt ?? null,
        this.clock.now(),
      ],
    );
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
