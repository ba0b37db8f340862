import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, WorkspaceSettingsService } from '@pactwatch/api/core';
import type { CommitmentSummaryDto, Page } from '@pactwatch/shared/contracts';
import { AnchorInfo, localDate } from '@pactwatch/shared/deadlines';
import { DataSource } from 'typeorm';
import { AnchorEventEntity, CommitmentEntity } from '../entities';
import { MappingContext, toCommitmentSummary } from './commitment.mapper';

@Injectable()
export class CommitmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: WorkspaceSettingsService,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<Page<CommitmentSummaryDto>> {
    const entities = await this.dataSource
      .getRepository(CommitmentEntity)
      .createQueryBuilder('c')
      .leftJoinAndSelect('c.agreement', 'agreement')
      .leftJoinAndSelect('c.parties', 'party')
      .leftJoinAndSelect('c.areas', 'area')
      .orderBy('c.due_date', 'ASC', 'NULLS LAST')
      .addOrderBy('c.ref_code', 'ASC')
      .getMany();
    const context = await this.mappingContext(entities);
    const items = entities.map((entity) => toCommitmentSummary(entity, context));
    return { items, total: items.length, page: 1, pageSize: items.length };
  }

  private async mappingContext(entities: CommitmentEntity[]): Promise<MappingContext> {
    const settings = await this.settings.get();
    const anchorIds = [...new Set(entities.map((e) => e.anchorEventId).filter((id): id is string => Boolean(id)))];
    const anchors: Record<string, AnchorInfo> = {};
    if (anchorIds.length > 0) {
      const rows = await this.dataSource
        .getRepository(AnchorEventEntity)
        .createQueryBuilder('a')
        .where('a.id IN (:...ids)', { ids: anchorIds })
        .getMany();
      for (const row of rows) anchors[row.id] = { name: row.name, date: row.occurredOn };
    }
    return {
      anchors,
      flagOptions: { today: localDate(this.clock.now(), settings.timeZone), staleAfterDays: settings.staleAfterDays },
    };
  }
}
