import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, AuditEntry, AuditService } from '@pactwatch/api/audit';
import { FieldError, NotFoundException } from '@pactwatch/api/core';
import type { CommitmentDetailDto, CreateStatusUpdateRequest, StatusUpdateDto, VerifyCommitmentRequest } from '@pactwatch/shared/contracts';
import { STATUS_LABELS } from '@pactwatch/shared/deadlines';
import { DataSource, EntityManager } from 'typeorm';
import { CommitmentReader } from '../commitments/commitment-reader.service';
import { CommitmentEntity, EvidenceEntity, EvidenceKind, StatusUpdateEntity } from '../entities';
import { assertVersion, InvalidReferenceException, withCurrentOnConflict } from '../shared/errors';
import { isUuid } from '../shared/uuid';
import { WorkspaceCalendar } from '../shared/workspace-calendar';
import { lockLiveCommitment } from '../shared/write-helpers';
import { toStatusUpdateDto } from './status-update.dto';

/**
 * The append-only status history. A new update never changes an old one: a correction is a new
 * update pointing at the one it corrects, and the corrected one no longer counts. The commitment's
 * current status is always the latest update that is not corrected, by effective day (then by when it
 * was recorded), so a backdated update or a correction lands in the right place in the history.
 */
@Injectable()
export class StatusUpdatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reader: CommitmentReader,
    private readonly calendar: WorkspaceCalendar,
    private readonly audit: AuditService,
  ) {}

  /** The history, newest first; anonymous portal visitors see no authors' names. */
  async list(commitmentId: string, actor: Actor): Promise<StatusUpdateDto[]> {
    if (!(await this.reader.exists(commitmentId))) throw new NotFoundException('Commitment', commitmentId);
    const history = await this.reader.history(commitmentId);
    return actor.id ? history : history.map((update) => ({ ...update, author: '' }));
  }

  async create(commitmentId: string, request: CreateStatusUpdateRequest, actor: Actor): Promise<CommitmentDetailDto> {
    const { today } = await this.calendar.day();
    await withCurrentOnConflict(
      () =>
        this.dataSource.transaction(async (manager) => {
          const commitment = await lockLiveCommitment(manager, CommitmentEntity, commitmentId);
          assertVersion('Commitment', commitmentId, commitment.version, request.version);
          const errors: FieldError[] = [];
          const corrected = request.correctsId ? await this.correctedUpdate(manager, commitmentId, request.correctsId) : null;
          if (request.correctsId && !corrected) errors.push({ field: 'correctsId', message: 'names no status update of this commitment' });
          const correction = corrected ? await correctionOf(manager, corrected.id) : null;
          if (correction) {
            errors.push({
              field: 'correctsId',
              message: `is already corrected by the entry recorded ${correction.createdAt.toISOString()}; correct that one`,
            });
          }
          const effectiveOn = request.effectiveOn ?? corrected?.effectiveOn ?? today;
          if (effectiveOn > today) errors.push({ field: 'effectiveOn', message: `must not be after today (${today})` });
          if (errors.length > 0) throw new InvalidReferenceException(errors);

          // A correction's "before" is the entry it corrects; any other update's is the entry in effect on its day.
          const previous = corrected ?? (await inEffectOn(manager, commitmentId, effectiveOn, null));
          const note = (request.note ?? '').trim();
          const evidence = request.evidence ?? [];
          if (corrected) {
            const same =
              corrected.statusAfter === request.status &&
              corrected.progressAfter === request.progress &&
              corrected.effectiveOn === effectiveOn &&
              corrected.note.trim() === note &&
              evidence.length === 0;
            if (same)
              throw new InvalidReferenceException([
                { field: 'correctsId', message: 'the correction changes nothing of the entry it corrects' },
              ]);
          } else if (
            previous &&
            previous.statusAfter === request.status &&
            previous.progressAfter === request.progress &&
            note === '' &&
            evidence.length === 0
          ) {
            throw new InvalidReferenceException([
              {
                field: 'status',
                message: `changes nothing: ${STATUS_LABELS[request.status]} at ${request.progress}% is already in effect on ${effectiveOn}, with no note or evidence added. To record that you checked, mark it verified.`,
              },
            ]);
          }

          const saved = await manager.save(
            manager.create(StatusUpdateEntity, {
              commitmentId,
              authorId: actor.id,
              authorLabel: actor.label,
              effectiveOn,
              kind: 'update',
              statusBefore: previous?.statusAfter ?? null,
              statusAfter: request.status,
              progressBefore: previous?.progressAfter ?? null,
              progressAfter: request.progress,
              note,
              correctsId: corrected?.id ?? null,
              evidence: evidence.map((item) =>
                manager.create(EvidenceEntity, {
                  url: item.url,
                  title: item.title,
                  kind: (item.kind ?? 'other') as EvidenceKind,
                  publishedOn: item.publishedOn ?? null,
                }),
              ),
            }),
          );
          const label = `${STATUS_LABELS[saved.statusBefore ?? saved.statusAfter]} → ${STATUS_LABELS[saved.statusAfter]}`;
          await this.settle(manager, commitment, today, actor, {
            action: 'create',
            entityType: 'status_update',
            entityId: saved.id,
            after: toStatusUpdateDto(saved),
            summary: `${commitment.refCode}: ${corrected ? `correction of the entry effective ${corrected.effectiveOn}, ` : ''}${label} (${saved.progressAfter}%) effective ${effectiveOn}`,
          });
        }),
      () => this.reader.detail(commitmentId, undefined, actor),
    );
    return this.reader.detail(commitmentId, undefined, actor);
  }

  /** "Checked today, nothing changed": a verification entry with the current status and progress, and a note. */
  async verify(commitmentId: string, request: VerifyCommitmentRequest, actor: Actor): Promise<CommitmentDetailDto> {
    const { today } = await this.calendar.day();
    await withCurrentOnConflict(
      () =>
        this.dataSource.transaction(async (manager) => {
          const commitment = await lockLiveCommitment(manager, CommitmentEntity, commitmentId);
          assertVersion('Commitment', commitmentId, commitment.version, request.version);
          const saved = await manager.save(
            manager.create(StatusUpdateEntity, {
              commitmentId,
              authorId: actor.id,
              authorLabel: actor.label,
              effectiveOn: today,
              kind: 'verification',
              statusBefore: commitment.status,
              statusAfter: commitment.status,
              progressBefore: commitment.progress,
              progressAfter: commitment.progress,
              note: request.note ?? '',
              correctsId: null,
              evidence: [],
            }),
          );
          await this.settle(manager, commitment, today, actor, {
            action: 'create',
            entityType: 'status_update',
            entityId: saved.id,
            after: toStatusUpdateDto(saved),
            summary: `${commitment.refCode}: verified, no change (${STATUS_LABELS[commitment.status]}, ${commitment.progress}%)`,
          });
        }),
      () => this.reader.detail(commitmentId, undefined, actor),
    );
    return this.reader.detail(commitmentId, undefined, actor);
  }

  /** Sets the commitment's status from its latest entry that counts, marks it verified today, and audits both. */
  private async settle(
    manager: EntityManager,
    commitment: CommitmentEntity,
    today: string,
    actor: Actor,
    entry: AuditEntry,
  ): Promise<void> {
    const latest = await inEffectOn(manager, commitment.id, null, null);
    if (!latest) throw new Error(`Commitment ${commitment.id} has no status history`);
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
      .where('id = :id', { id: commitment.id })
      .execute();
    await this.audit.record(manager, actor, [
      entry,
      {
        action: 'update',
        entityType: 'commitment',
        entityId: commitment.id,
        before,
        after: { status: latest.statusAfter, progress: latest.progressAfter, lastVerifiedOn, version: commitment.version + 1 },
        summary: `${commitment.refCode}: status update recorded`,
      },
    ]);
  }

  private correctedUpdate(manager: EntityManager, commitmentId: string, id: string): Promise<StatusUpdateEntity | null> {
    return isUuid(id) ? manager.findOneBy(StatusUpdateEntity, { id, commitmentId }) : Promise.resolve(null);
  }
}

/** The entry that counts on `day` (or the latest one): not corrected by another, latest by effective day, then by time recorded. */
async function inEffectOn(
  manager: EntityManager,
  commitmentId: string,
  day: string | null,
  excluding: string | null,
): Promise<StatusUpdateEntity | null> {
  const query = manager
    .createQueryBuilder(StatusUpdateEntity, 's')
    .where('s.commitment_id = :commitmentId', { commitmentId })
    .andWhere('NOT EXISTS (SELECT 1 FROM status_updates fix WHERE fix.corrects_id = s.id)')
    .orderBy('s.effective_on', 'DESC')
    .addOrderBy('s.created_at', 'DESC')
    .addOrderBy('s.id', 'DESC')
    .limit(1);
  if (day) query.andWhere('s.effective_on <= :day', { day });
  if (excluding) query.andWhere('s.id <> :excluding', { excluding });
  return query.getOne();
}

function correctionOf(manager: EntityManager, id: string): Promise<StatusUpdateEntity | null> {
  return manager.findOneBy(StatusUpdateEntity, { correctsId: id });
}
