import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditAction, AuditLogEntity } from './audit-log.entity';

export interface Actor {
  id: string | null;
  label: string;
  requestId?: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, label: 'system' };

export interface AuditEntry {
  action: AuditAction;
  entityType: string;
  entityId: string;
  before?: object | null;
  after?: object | null;
  summary?: string;
}

/** Writes audit entries inside the caller's transaction, so a write and its audit land together or not at all. */
@Injectable()
export class AuditService {
  async record(manager: EntityManager, actor: Actor, entries: AuditEntry | AuditEntry[]): Promise<void> {
    const list = Array.isArray(entries) ? entries : [entries];
    if (list.length === 0) return;
    await manager.insert(
      AuditLogEntity,
      list.map((entry) => ({
        actorId: actor.id,
        actorLabel: actor.label,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId,
        before: (entry.before ?? null) as Record<string, unknown> | null,
        after: (entry.after ?? null) as Record<string, unknown> | null,
        summary: entry.summary?.slice(0, 300) ?? null,
        requestId: actor.requestId ?? null,
      })) as QueryDeepPartialEntity<AuditLogEntity>[],
    );
  }
}
