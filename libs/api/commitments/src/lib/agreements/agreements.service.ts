import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, AuditService } from '@pactwatch/api/audit';
import { FieldError, NotFoundException } from '@pactwatch/api/core';
import type { AgreementDto, AgreementSummaryDto, CreateAgreementRequest, UpdateAgreementRequest } from '@pactwatch/shared/contracts';
import { DataSource, EntityManager, FindOptionsOrder, In, IsNull } from 'typeorm';
import { dependentCounts } from '../anchors/anchor-events.service';
import { toAnchorEventDto } from '../anchors/anchor-event.dto';
import { rollUpProgress } from '../commitments/progress';
import { AgreementEntity, AnchorEventEntity, CommitmentEntity, PartyEntity } from '../entities';
import { toPartyDto } from '../parties/party.dto';
import { DataVersionService } from '../shared/data-version.service';
import { assertVersion, InvalidReferenceException, RecordInUseException, withCurrentOnConflict } from '../shared/errors';
import { ReadCache } from '../shared/read-cache';
import { isUuid } from '../shared/uuid';
import { changedKeys, lockById } from '../shared/write-helpers';
import { agreementSnapshot } from './agreement.dto';

const ENTITY = 'agreement';

/** Newest signature first; unsigned ones last. */
const LIST_ORDER: FindOptionsOrder<AgreementEntity> = { signedOn: { direction: 'DESC', nulls: 'LAST' }, title: 'ASC', id: 'ASC' };

@Injectable()
export class AgreementsService {
  /** The whole list, kept per data version. */
  private readonly cache = new ReadCache<AgreementDto[]>(1);
  /** Every page that filters by agreement asks for these, kept per data version. */
  private readonly summaryCache = new ReadCache<AgreementSummaryDto[]>(1);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly versions: DataVersionService,
  ) {}

  /** Every agreement, newest signature first, with parties, anchor events, commitment count and progress. */
  async list(): Promise<AgreementDto[]> {
    const version = await this.versions.current();
    return this.versions.cached(this.cache, 'all', version, async () => {
      const rows = await this.dataSource.getRepository(AgreementEntity).find({
        relations: { parties: true },
        order: LIST_ORDER,
      });
      return this.toDtos(rows);
    });
  }

  /** Every agreement as id, title, kind and signing date, in the order of list(). */
  async summaries(): Promise<AgreementSummaryDto[]> {
    const version = await this.versions.current();
    return this.versions.cached(this.summaryCache, 'all', version, async () => {
      const rows = await this.dataSource.getRepository(AgreementEntity).find({
        select: { id: true, title: true, kind: true, signedOn: true },
        order: LIST_ORDER,
      });
      return rows.map(({ id, title, kind, signedOn }) => ({ id, title, kind, signedOn }));
    });
  }

  async get(id: string): Promise<AgreementDto> {
    const row = isUuid(id)
      ? await this.dataSource.getRepository(AgreementEntity).findOne({ where: { id }, relations: { parties: true } })
      : null;
    if (!row) throw new NotFoundException('Agreement', id);
    const [dto] = await this.toDtos([row]);
    return dto;
  }

  async create(request: CreateAgreementRequest, actor: Actor): Promise<AgreementDto> {
    const id = await this.dataSource.transaction(async (manager) => {
      const parties = await partiesByCode(manager, request.partyCodes ?? []);
      const saved = await manager.save(
        manager.create(AgreementEntity, {
          title: request.title,
          kind: request.kind,
          signedOn: request.signedOn ?? null,
          sourceUrl: request.sourceUrl ?? null,
          summary: request.summary ?? '',
          parties,
        }),
      );
      await this.audit.record(manager, actor, {
        action: 'create',
        entityType: ENTITY,
        entityId: saved.id,
        after: agreementSnapshot(saved),
        summary: `Added agreement ${saved.title}`,
      });
      return saved.id;
    });
    return this.get(id);
  }

  async update(id: string, request: UpdateAgreementRequest, actor: Actor): Promise<AgreementDto> {
    await withCurrentOnConflict(
      () =>
        this.dataSource.transaction(async (manager) => {
          await lockById(manager, AgreementEntity, 'Agreement', id);
          const row = await manager.findOneOrFail(AgreementEntity, { where: { id }, relations: { parties: true } });
          assertVersion('Agreement', id, row.version, request.version);
          const before = agreementSnapshot(row);
          if (request.partyCodes !== undefined) row.parties = await partiesByCode(manager, request.partyCodes);
          if (request.title !== undefined) row.title = request.title;
          if (request.kind !== undefined) row.kind = request.kind;
          if (request.signedOn !== undefined) row.signedOn = request.signedOn;
          if (request.sourceUrl !== undefined) row.sourceUrl = request.sourceUrl;
          if (request.summary !== undefined) row.summary = request.summary;
          const changed = changedKeys(before, agreementSnapshot(row));
          if (changed.length === 0) return;
          await manager.save(row);
          // save() leaves the row alone when only the parties changed; the version must still move.
          if (changed.every((key) => key === 'partyCodes')) {
            await manager.createQueryBuilder().update(AgreementEntity).set({}).where('id = :id', { id }).execute();
          }
          const after = await manager.findOneOrFail(AgreementEntity, { where: { id }, relations: { parties: true } });
          await this.audit.record(manager, actor, {
            action: 'update',
            entityType: ENTITY,
            entityId: id,
            before,
            after: agreementSnapshot(after),
            summary: `Changed agreement ${after.title}: ${changed.join(', ')}`,
          });
        }),
      () => this.get(id),
    );
    return this.get(id);
  }

  remove(id: string, version: number | undefined, actor: Actor): Promise<void> {
    return withCurrentOnConflict(
      () =>
        this.dataSource.transaction(async (manager) => {
          await lockById(manager, AgreementEntity, 'Agreement', id);
          const row = await manager.findOneOrFail(AgreementEntity, { where: { id }, relations: { parties: true } });
          if (version !== undefined) assertVersion('Agreement', id, row.version, version);
          const commitments = await manager.countBy(CommitmentEntity, { agreementId: id, archivedAt: IsNull() });
          if (commitments > 0)
            throw new RecordInUseException('Agreement', id, `it has ${commitments} commitment(s); delete or move them first`);
          const archived = await manager.countBy(CommitmentEntity, { agreementId: id });
          if (archived > 0)
            throw new RecordInUseException(
              'Agreement',
              id,
              `it has ${archived} archived commitment(s); an admin can delete them for good first`,
            );
          await manager.delete(AgreementEntity, { id });
          await this.audit.record(manager, actor, {
            action: 'delete',
            entityType: ENTITY,
            entityId: id,
            before: agreementSnapshot(row),
            summary: `Deleted agreement ${row.title}`,
          });
        }),
      () => this.get(id),
    );
  }

  private async toDtos(rows: AgreementEntity[]): Promise<AgreementDto[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    const anchors = await this.dataSource.getRepository(AnchorEventEntity).find({
      where: { agreementId: In(ids) },
      order: { occurredOn: { direction: 'ASC', nulls: 'LAST' }, name: 'ASC', id: 'ASC' },
    });
    const commitments = await (this.dataSource.query(
      `WITH RECURSIVE tree (id, parent_id, agreement_id, progress, depth) AS (
           SELECT id, parent_id, agreement_id, progress, 1 FROM commitments WHERE agreement_id = ANY($1::uuid[]) AND archived_at IS NULL
           UNION ALL
           SELECT c.id, c.parent_id, c.agreement_id, c.progress, t.depth + 1 FROM commitments c JOIN tree t ON c.parent_id = t.id
            WHERE t.depth < 32 AND c.archived_at IS NULL
         )
         SELECT DISTINCT ON (id) id, parent_id, agreement_id, progress FROM tree ORDER BY id, depth`,
      [ids],
    ) as Promise<{ id: string; parent_id: string | null; agreement_id: string; progress: number }[]>);
    const counts = await dependentCounts(
      this.dataSource.manager,
      anchors.map((anchor) => anchor.id),
    );
    // Grouped once: the list holds every agreement, and a filter per agreement would be agreements × commitments.
    const agreementOf = new Map(commitments.map((c) => [c.id, c.agreement_id]));
    const byAgreement = groupBy(commitments, (c) => c.agreement_id);
    const anchorsByAgreement = groupBy(anchors, (anchor) => anchor.agreementId ?? '');
    // Top level within the agreement: no parent, or a parent in another agreement.
    const topLevelOf = new Map(
      rows.map((row) => [
        row.id,
        (byAgreement.get(row.id) ?? []).filter((c) => c.parent_id === null || agreementOf.get(c.parent_id) !== row.id).map((c) => c.id),
      ]),
    );
    const rolled = rollUpProgress(
      [...topLevelOf.values()].flat(),
      commitments.map((c) => ({ id: c.id, parentId: c.parent_id, progress: Number(c.progress) })),
    );
    return rows.map((row) => {
      const own = byAgreement.get(row.id) ?? [];
      const topLevel = topLevelOf.get(row.id) ?? [];
      const progress = topLevel.length > 0 ? Math.round(topLevel.reduce((sum, id) => sum + (rolled.get(id) ?? 0), 0) / topLevel.length) : 0;
      return {
        id: row.id,
        title: row.title,
        kind: row.kind,
        signedOn: row.signedOn,
        sourceUrl: row.sourceUrl,
        summary: row.summary,
        parties: (row.parties ?? []).map(toPartyDto).sort((a, b) => a.code.localeCompare(b.code)),
        anchorEvents: (anchorsByAgreement.get(row.id) ?? []).map((anchor) => toAnchorEventDto(anchor, counts.get(anchor.id) ?? 0)),
        commitmentCount: own.length,
        progress,
        version: row.version,
        createdAt: row.createdAt.toISOString(),
        updatedAt: row.updatedAt.toISOString(),
      };
    });
  }
}

async function partiesByCode(manager: EntityManager, codes: string[]): Promise<PartyEntity[]> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return [];
  const parties = await manager.findBy(PartyEntity, { code: In(unique) });
  const missing = unique.filter((code) => !parties.some((party) => party.code === code));
  if (missing.length > 0) {
    const errors: FieldError[] = [{ field: 'partyCodes', message: `unknown party code: ${missing.join(', ')}` }];
    throw new InvalidReferenceException(errors);
  }
  return parties;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
