import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { toWorkspaceSettings, WORKSPACE_SETTINGS_STATEMENT, WorkspaceSettings } from './workspace-settings-row';

export type { WorkspaceSettings } from './workspace-settings-row';

@Injectable()
export class WorkspaceSettingsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(): Promise<WorkspaceSettings> {
    return toWorkspaceSettings(await this.dataSource.query(WORKSPACE_SETTINGS_STATEMENT));
  }
}
