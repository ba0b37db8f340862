import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, AuditService } from '@pactwatch/api/audit';
import { FieldError, NotFoundException } from '@pactwatch/api/core';
import type { CommitmentDetailDto, CreateStatusUpdateRequest, StatusUpdateDto } from '@pactwatch/shared/contracts';
import { STATUS_LABELS } from '@pactwatch/shared/deadlines';
import { DataSource, EntityManager, LessThanOrEqual } from 'typeorm';
import { CommitmentReader } from '../commitments/commitment-reader.service';
import { CommitmentEntity, EvidenceEntity, EvidenceKind, StatusUpdateEntity } from '../entities';
import { assertVersion, InvalidReferenceException, withCurrentOnConflict } from '../shared/errors';
import { isUuid } from '../shared/uuid';
import { WorkspaceCalendar } from '../shared/workspace-calendar';
import { lockById } from '../shared/write-helpers';
import { toStatusUpdateDto } from './status-update.dto';

const LATEST_FIRST = { effectiveOn: 'DESC', createdAt: 'DESC', id: 'DESC' } as const;

/**
 * The append-only status history. A new update never changes an old one: a correction is a new
 * update pointing at the one it corrects. The commitment's current status is always the latest
 * update by effective day (then by when it was recorded), so a backdated update or a correction
 * lands in the right place in the history.
 */
@Injectable()
export class StatusUpdatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reader: CommitmentReader,
    private readonly calendar: WorkspaceCalendar,
    private readonly audit: AuditService,
  ) {}

  async list(commitmentId: string): Promise<StatusUpdateDto[]> {
    if (!(await this.reader.exists(commitmentId))) throw new NotFoundException('Commitment', commitmentId);
    return this.reader.history(commitmentId);
  }

  async create(commitmentId: string, request: CreateStatusUpdateRequest, actor: Actor): Promise<CommitmentDetailDto> {
    const { today } = await this.calendar.day();
    await withCurrentOnConflict(
      () =>
        this.dataSource.transaction(async (manager) => {
          const commitment = await lockById(manager, CommitmentEntity, 'Commitment', commitmentId);
          assertVersion('Commitment', commitmentId, commitment.version, request.version);
          const errors: FieldError[] = [];
          const corrected = request.correctsId ? await this.correctedUpdate(manager, commitmentId, request.correctsId) : null;
          if (request.correctsId && !corrected) errors.push({ field: 'correctsId', message: 'names no status update of this commitment' });
          const effectiveOn = request.effectiveOn ?? corrected?.effectiveOn ?? today;
          if (effectiveOn > today) errors.push({ field: 'effectiveOn', message: `must not be after today (${today})` });
          if (errors.length > 0) throw new InvalidReferenceException(errors);

          const previous = await manager.findOne(StatusUpdateEntity, {
            where: { commitmentId, effectiveOn: LessThanOrEqual(effectiveOn) },
            order: LATEST_FIRST,
          });
          const saved = await manager.save(
            manager.create(StatusUpdateEntity, {
              commitmentId,
              authorId: actor.id,
              authorLabel: actor.label,
              effectiveOn,
              statusBefore: previous?.statusAfter ?? null,
              statusAfter: request.status,
              progressBefore: previous?.progressAfter ?? null,
              progressAfter: request.progress,
              note: request.note ?? '',
              correctsId: corrected?.id ?? null,
              evidence: (request.evidence ?? []).map((item) =>
                manager.create(EvidenceEntity, {
                  url: item.url,
                  title: item.title,
                  kind: (item.kind ?? 'other') as EvidenceKind,
                  publishedOn: item.publishedOn ?? null,
                }),
              ),
            }),
          );

          const latest = await manager.findOneOrFail(StatusUpdateEntity, { where: { commitmentId }, order: LATEST_FIRST });
          const before = {
            status: commitment.status,
            progress: commitment.progress,
            lastVerifiedOn: commitment.lastVerifiedOn,
            version: commitment.version,
          };
          const lastVerifiedOn = commitment.lastVerifiedOn && commitment.lastVerifiedOn > today ? commitment.lastVerifiedOn : today;
          await manager
            .createQueryBuilder()
            .update(CommitmentEntity)
            .set({ status: latest.statusAfter, progress: latest.progressAfter, lastVerifiedOn })
            .where('id = :id', { id: commitmentId })
            .execute();

          const dto = toStatusUpdateDto(saved);
          const label = `${STATUS_LABELS[saved.statusBefore ?? saved.statusAfter]} → ${STATUS_LABELS[saved.statusAfter]}`;
          await this.audit.record(manager, actor, [
            {
              action: 'create',
              entityType: 'status_update',
              entityId: saved.id,
              after: dto,
              summary: `${commitment.refCode}: ${corrected ? 'correction, ' : ''}${label} (${saved.progressAfter}%) effective ${effectiveOn}`,
            },
            {
              action: 'update',
              entityType: 'commitment',
              entityId: commitmentId,
              before,
              after: { status: latest.statusAfter, progress: latest.progressAfter, lastVerifiedOn, version: commitment.version + 1 },
              summary: `${commitment.refCode}: status update recorded`,
            },
          ]);
        }),
      () => this.reader.detail(commitmentId, undefined, actor.id),
    );
    return this.reader.detail(commitmentId, undefined, actor.id);
  }

  private correctedUpdate(manager: EntityManager, commitmentId: string, id: string): Promise<StatusUpdateEntity | null> {
    return isUuid(id) ? manager.findOneBy(StatusUpdateEntity, { id, commitmentId }) : Promise.resolve(null);
  }
}
