import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NotFoundException } from '@pactwatch/api/core';
import type { AnchorEventDto, CommitmentDetailDto, StatusUpdateDto, UserRefDto } from '@pactwatch/shared/contracts';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { toAnchorEventDto } from '../anchors/anchor-event.dto';
import { AnchorEventEntity, CommitmentEntity, StatusUpdateEntity } from '../entities';
import { toStatusUpdateDto } from '../status-updates/status-update.dto';
import { isUuid } from '../shared/uuid';
import { toCommitmentSummary } from './commitment.mapper';
import { CommitmentQueryService } from './commitment-query.service';

/** One commitment in full: children, history, anchor, people; live or as of a past day. */
@Injectable()
export class CommitmentReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: CommitmentQueryService,
  ) {}

  /** By id or by reference code (e.g. AZ-US-2025-01). */
  async detail(idOrRefCode: string, asOf?: string, viewerId: string | null = null): Promise<CommitmentDetailDto> {
    const entity = await this.dataSource.getRepository(CommitmentEntity).findOne({
      where: isUuid(idOrRefCode) ? { id: idOrRefCode } : { refCode: idOrRefCode },
      relations: { agreement: true, parties: true, areas: true, owner: true, assignees: true },
    });
    if (!entity) throw new NotFoundException('Commitment', idOrRefCode);
    const context = await this.queries.context(asOf);
    const [row] = await this.queries.rows({ ids: [entity.id] }, 'ref_code', context, 1);
    if (!row) throw new NotFoundException('Commitment', `${idOrRefCode} on ${asOf}`);

    const mapping = await this.queries.mappingContext([entity], [row], context);
    const childRows = await this.queries.rows({ parentId: entity.id }, 'ref_code', context, 500);
    const history = await this.history(entity.id, asOf);
    const anchorEvent = await this.anchorEvent(entity.anchorEventId);
    const watchers = await this.watchers(entity.id);
    const children = await this.queries.summaries(childRows, context);
    return {
      ...toCommitmentSummary(entity, mapping),
      description: entity.description,
      sourceQuote: entity.sourceQuote,
      sourceLocator: entity.sourceLocator,
      sourceUrl: entity.sourceUrl,
      owner: entity.owner ? { id: entity.owner.id, displayName: entity.owner.displayName } : null,
      assignees: (entity.assignees ?? [])
        .map((user) => ({ id: user.id, displayName: user.displayName }))
        .sort((a, b) => a.displayName.localeCompare(b.displayName)),
      anchorEvent,
      children,
      history,
      watchers,
      watchedByMe: viewerId !== null && watchers.some((user) => user.id === viewerId),
      createdAt: entity.createdAt.toISOString(),
    };
  }

  /** The status history, newest first (by effective day, then by when it was recorded). */
  async history(commitmentId: string, asOf?: string): Promise<StatusUpdateDto[]> {
    const rows = await this.dataSource.getRepository(StatusUpdateEntity).find({
      where: asOf ? { commitmentId, effectiveOn: LessThanOrEqual(asOf) } : { commitmentId },
      relations: { evidence: true },
      order: { effectiveOn: 'DESC', createdAt: 'DESC', id: 'DESC' },
    });
    return rows.map(toStatusUpdateDto);
  }

  async exists(id: string): Promise<boolean> {
    return isUuid(id) && (await this.dataSource.getRepository(CommitmentEntity).existsBy({ id }));
  }

  /** Who watches this commitment directly (the watches table belongs to the reminders feature). */
  private async watchers(commitmentId: string): Promise<UserRefDto[]> {
    const rows: { id: string; display_name: string }[] = await this.dataSource.query(
      `SELECT u.id, u.display_name FROM watches w JOIN users u ON u.id = w.user_id
       WHERE w.target_type = 'commitment' AND w.target_id = $1 AND u.disabled_at IS NULL
       ORDER BY u.display_name, u.id`,
      [commitmentId],
    );
    return rows.map((row) => ({ id: row.id, displayName: row.display_name }));
  }

  private async anchorEvent(id: string | null): Promise<AnchorEventDto | null> {
    if (!id) return null;
    const anchor = await this.dataSource.getRepository(AnchorEventEntity).findOneBy({ id });
    if (!anchor) return null;
    const dependents = await this.dataSource.getRepository(CommitmentEntity).countBy({ anchorEventId: id });
    return toAnchorEventDto(anchor, dependents);
  }
}
