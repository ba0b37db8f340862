import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WorkspaceSettingsService } from '@pactwatch/api/core';
import type { AuditEntryDto, AuditQuery, Page } from '@pactwatch/shared/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditAction, AuditLogEntity } from './audit-log.entity';

export interface Actor {
  id: string | null;
  label: string;
  requestId?: string;
  /** The signed-in user's role; absent for anonymous visitors and the system. */
  role?: 'viewer' | 'analyst' | 'admin';
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

export const AUDIT_DEFAULT_PAGE_SIZE = 50;

/** Writes audit entries inside the caller's transaction, so a write and its audit land together or not at all. */
@Injectable()
export class AuditService {
  constructor(
    @Optional() @InjectDataSource() private readonly dataSource?: DataSource,
    @Optional() private readonly settings?: WorkspaceSettingsService,
  ) {}

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

  /** One page of the log, newest first; `from`/`to` are whole days in the workspace time zone. */
  async list(query: AuditQuery): Promise<Page<AuditEntryDto>> {
    if (!this.dataSource) throw new Error('AuditService.list needs a DataSource');
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? AUDIT_DEFAULT_PAGE_SIZE;
    const timeZone = (await this.settings?.get())?.timeZone ?? 'UTC';
    const builder = this.dataSource.getRepository(AuditLogEntity).createQueryBuilder('a');
    if (query.user) builder.andWhere('a.actor_id = :user', { user: query.user });
    if (query.entityType) builder.andWhere('a.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) builder.andWhere('a.entity_id = :entityId', { entityId: query.entityId });
    if (query.from) builder.andWhere(`a.at >= (CAST(:from AS timestamp) AT TIME ZONE :tz)`, { from: query.from, tz: timeZone });
    if (query.to) builder.andWhere(`a.at < ((CAST(:to AS timestamp) + interval '1 day') AT TIME ZONE :tz)`, { to: query.to, tz: timeZone });
    const [rows, total] = await builder
      .orderBy('a.at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getManyAndCount();
    return { items: rows.map(toAuditEntryDto), total, page, pageSize };
  }
}

export function toAuditEntryDto(row: AuditLogEntity): AuditEntryDto {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorLabel: row.actorLabel,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    summary: row.summary,
    before: row.before,
    after: row.after,
  };
}
