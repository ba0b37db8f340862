import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { WorkspaceSettingsEntity } from './workspace-settings.entity';

export interface WorkspaceSettings {
  timeZone: string;
  staleAfterDays: number;
  publicPortal: boolean;
  workspaceName: string;
  version: number;
}

@Injectable()
export class WorkspaceSettingsService {
  constructor(@InjectRepository(WorkspaceSettingsEntity) private readonly settings: Repository<WorkspaceSettingsEntity>) {}

  async get(): Promise<WorkspaceSettings> {
    const row = await this.settings.findOneBy({ id: 1 });
    return {
      timeZone: row?.timeZone ?? 'UTC',
      staleAfterDays: row?.staleAfterDays ?? 90,
      publicPortal: row?.publicPortal ?? false,
      workspaceName: row?.workspaceName ?? 'Pactwatch',
      version: row?.version ?? 0,
    };
  }
}
