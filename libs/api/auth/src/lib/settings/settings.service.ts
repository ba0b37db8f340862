import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, AuditService } from '@pactwatch/api/audit';
import { VersionConflictException, WorkspaceSettingsEntity, WorkspaceSettingsService } from '@pactwatch/api/core';
import type { UpdateWorkspaceSettingsRequest, WorkspaceSettingsDto } from '@pactwatch/shared/contracts';
import { DataSource } from 'typeorm';

const toDto = (row: WorkspaceSettingsEntity): WorkspaceSettingsDto => ({
  timeZone: row.timeZone,
  staleAfterDays: row.staleAfterDays,
  publicPortal: row.publicPortal,
  workspaceName: row.workspaceName,
  version: row.version,
});

/** Reads and (for admins) changes the single row of workspace settings, with optimistic locking and an audit entry. */
@Injectable()
export class SettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: WorkspaceSettingsService,
    private readonly audit: AuditService,
  ) {}

  async get(): Promise<WorkspaceSettingsDto> {
    const { timeZone, staleAfterDays, publicPortal, workspaceName, version } = await this.settings.get();
    return { timeZone, staleAfterDays, publicPortal, workspaceName, version };
  }

  async update(body: UpdateWorkspaceSettingsRequest, actor: Actor): Promise<WorkspaceSettingsDto> {
    return this.dataSource.transaction(async (manager) => {
      let row = await manager.findOne(WorkspaceSettingsEntity, { where: { id: 1 }, lock: { mode: 'pessimistic_write' } });
      if (!row) row = manager.create(WorkspaceSettingsEntity, { id: 1 });
      else if (row.version !== body.version) throw new VersionConflictException('Workspace settings', '1', body.version, toDto(row));
      const before = row.version ? toDto(row) : null;
      if (body.timeZone !== undefined) row.timeZone = body.timeZone;
      if (body.staleAfterDays !== undefined) row.staleAfterDays = body.staleAfterDays;
      if (body.publicPortal !== undefined) row.publicPortal = body.publicPortal;
      if (body.workspaceName !== undefined) row.workspaceName = body.workspaceName.trim();
      const saved = await manager.save(row);
      const after = toDto(saved);
      const changed = before
        ? Object.keys(after).filter(
            (key) => key !== 'version' && after[key as keyof WorkspaceSettingsDto] !== before[key as keyof WorkspaceSettingsDto],
          )
        : ['all'];
      await this.audit.record(manager, actor, {
        action: 'update',
        entityType: 'workspace_settings',
        entityId: '1',
        before,
        after,
        summary: `Changed workspace settings: ${changed.join(', ') || 'nothing'}`,
      });
      return after;
    });
  }
}
