import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NotFoundException } from '@pactwatch/api/core';
import type { CommitmentDetailDto, StatusUpdateDto } from '@pactwatch/shared/contracts';
import { Actor, SYSTEM_ACTOR } from '@pactwatch/api/audit';
import { DataSource, IsNull } from 'typeorm';
import { CommitmentEntity } from '../entities';
import { DataVersionService } from '../shared/data-version.service';
import { ReadCache } from '../shared/read-cache';
import { isUuid } from '../shared/uuid';
import { CommitmentQueryService, ReadContext, readDayKey } from './commitment-query.service';
import {
  DetailRow,
  forReader,
  Reader,
  detailStatement,
  HistoryRow,
  historyStatement,
  summariesInOrder,
  toCommitmentDetail,
  toStatusUpdate,
} from './read-model';

/** The most children a commitment shows in full. */
export const MAX_CHILDREN = 500;

/** One commitment in full: children, history, anchor, people; live or as of a past day. */
@Injectable()
export class CommitmentReader {
  /** Live details by id or reference code, for the current data version. */
  private readonly cache = new ReadCache<CommitmentDetailDto>(500);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: CommitmentQueryService,
    private readonly versions: DataVersionService,
  ) {}

  /**
   * By id or by reference code (e.g. AZ-US-2025-01). Live details come from the cache while the data version holds.
   * What the caller sees depends on who they are (`forReader`); an archived commitment exists only for admins.
   */
  async detail(idOrRefCode: string, asOf?: string, viewer: Actor = SYSTEM_ACTOR): Promise<CommitmentDetailDto> {
    const context = await this.queries.context(asOf);
    const detail = context.asOf
      ? await this.load(idOrRefCode, context)
      : await this.versions.cached(this.cache, `${readDayKey(context)} ${idOrRefCode}`, context.version, () =>
          this.load(idOrRefCode, context),
        );
    const reader: Reader = viewer.role === 'admin' ? 'admin' : viewer.id ? 'member' : 'anonymous';
    if (detail.archivedAt && reader !== 'admin') throw new NotFoundException('Commitment', idOrRefCode);
    // The kept answer says watchedByMe: false; it is sent as it is (its JSON built once) unless the caller watches.
    const watched = viewer.id !== null && detail.watchers.some((user) => user.id === viewer.id);
    const shown = forReader(detail, reader);
    return watched ? { ...shown, watchedByMe: true } : shown;
  }

  /** Whether the commitment exists and is not archived. */
  async isLive(id: string): Promise<boolean> {
    return isUuid(id) && (await this.dataSource.getRepository(CommitmentEntity).existsBy({ id, archivedAt: IsNull() }));
  }

  /** The status history, newest first (by effective day, then by when it was recorded). */
  async history(commitmentId: string, asOf?: string): Promise<StatusUpdateDto[]> {
    const rows = await this.queries.run<HistoryRow>(historyStatement(commitmentId, asOf));
    return rows.map(toStatusUpdate);
  }

  async exists(id: string): Promise<boolean> {
    return this.isLive(id);
  }

  /** The commitment and its people and anchor in one statement, then its history, and its children only if it has any. */
  private async load(idOrRefCode: string, context: ReadContext): Promise<CommitmentDetailDto> {
    const [row] = await this.queries.run<DetailRow>(detailStatement(isUuid(idOrRefCode) ? { id: idOrRefCode } : { refCode: idOrRefCode }));
    if (!row) throw new NotFoundException('Commitment', idOrRefCode);
    const asOfRows = context.asOf ? await this.queries.rows({ ids: [row.id] }, 'ref_code', context, 1) : [];
    if (context.asOf && asOfRows.length === 0) throw new NotFoundException('Commitment', `${idOrRefCode} on ${context.asOf.date}`);
    const history = await this.history(row.id, context.asOf?.date);
    const childRows = row.has_children ? await this.queries.rows({ parentId: row.id }, 'ref_code', context, MAX_CHILDREN) : [];
    const children = await this.queries.summaryRows(childRows.map((child) => child.id));
    // One roll-up for the commitment and its children: the subtree under it holds theirs too.
    const rolledUp = await this.queries.rolledUpProgress(row.has_children ? [row.id] : [], context, [
      row.id,
      ...childRows.map((c) => c.id),
    ]);
    const mapping = this.queries.mapping([...asOfRows, ...childRows], rolledUp, context);
    return toCommitmentDetail(row, mapping, { children: summariesInOrder(childRows, children, mapping), history });
  }
}
