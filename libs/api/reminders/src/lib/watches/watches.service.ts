import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, AuditService } from '@pactwatch/api/audit';
import { Clock, NotFoundException } from '@pactwatch/api/core';
import type { ImplementationStatus, WatchDto, WatchTargetType } from '@pactwatch/shared/contracts';
import { DataSource } from 'typeorm';
import { WatchEntity } from '../entities';

const LABELS: Record<WatchTargetType, { table: string; label: string; entity: string }> = {
  commitment: { table: 'commitments', label: `ref_code || ' · ' || title`, entity: 'Commitment' },
  agreement: { table: 'agreements', label: 'title', entity: 'Agreement' },
  area: { table: 'policy_areas', label: 'name', entity: 'Policy area' },
};

@Injectable()
export class WatchesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async list(userId: string): Promise<WatchDto[]> {
    const rows: {
      id: string;
      target_type: WatchTargetType;
      target_id: string;
      created_at: Date;
      label: string | null;
      status: ImplementationStatus | null;
      due_date: string | null;
    }[] = await this.dataSource.query(
      `SELECT w.id, w.target_type, w.target_id, w.created_at,
                COALESCE(c.ref_code || ' · ' || c.title || CASE WHEN c.archived_at IS NOT NULL THEN ' (archived)' ELSE '' END, ag.title, pa.name) AS label,
                c.status, c.due_date::text AS due_date
           FROM watches w
           LEFT JOIN commitments c ON w.target_type = 'commitment' AND c.id = w.target_id
           LEFT JOIN agreements ag ON w.target_type = 'agreement' AND ag.id = w.target_id
           LEFT JOIN policy_areas pa ON w.target_type = 'area' AND pa.id = w.target_id
          WHERE w.user_id = $1
          ORDER BY w.created_at, w.id`,
      [userId],
    );
    return rows.map((row) => ({
      id: row.id,
      targetType: row.target_type,
      targetId: row.target_id,
      label: row.label ?? '(deleted)',
      createdAt: new Date(row.created_at).toISOString(),
      status: row.status ?? null,
      dueDate: row.due_date ?? null,
    }));
  }

  /** Idempotent: watching something already watched returns the existing watch. */
  async create(actor: Actor & { id: string }, targetType: WatchTargetType, targetId: string): Promise<WatchDto> {
    const target = LABELS[targetType];
    const [found] = await this.dataSource.query(`SELECT ${target.label} AS label FROM ${target.table} WHERE id = $1`, [targetId]);
    if (!found) throw new NotFoundException(target.entity, targetId);
    const id = await this.dataSource.transaction(async (manager) => {
      const [inserted] = await manager.query(
        `INSERT INTO watches (user_id, target_type, target_id, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, target_type, target_id) DO NOTHING RETURNING id`,
        [actor.id, targetType, targetId, this.clock.now()],
      );
      if (!inserted) {
        const [existing] = await manager.query(`SELECT id FROM watches WHERE user_id = $1 AND target_type = $2 AND target_id = $3`, [
          actor.id,
          targetType,
          targetId,
        ]);
        return existing.id as string;
      }
      await this.audit.record(manager, actor, {
        action: 'create',
        entityType: 'watch',
        entityId: inserted.id,
        after: { targetType, targetId },
        summary: `Watches ${targetType} ${found.label}`,
      });
      return inserted.id as string;
    });
    const created = (await this.list(actor.id)).find((watch) => watch.id === id);
    if (!created) throw new NotFoundException('Watch', id);
    return created;
  }

  async remove(actor: Actor & { id: string }, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const watch = await manager.findOneBy(WatchEntity, { id, userId: actor.id });
      if (!watch) throw new NotFoundException('Watch', id);
      await manager.delete(WatchEntity, { id });
      await this.audit.record(manager, actor, {
        action: 'delete',
        entityType: 'watch',
        entityId: id,
        before: { targetType: watch.targetType, targetId: watch.targetId },
        summary: `Stopped watching ${watch.targetType} ${watch.targetId}`,
      });
    });
  }
}
