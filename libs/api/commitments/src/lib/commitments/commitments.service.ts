import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, AuditService, SYSTEM_ACTOR } from '@pactwatch/api/audit';
import type {
  CommitmentDetailDto,
  CommitmentSummaryDto,
  CreateCommitmentRequest,
  Page,
  UpdateCommitmentRequest,
} from '@pactwatch/shared/contracts';
import { DataSource, EntityManager, In } from 'typeorm';
import { resolveDeadline } from '../deadlines/deadline-resolver';
import { CommitmentEntity, StatusUpdateEntity } from '../entities';
import { assertVersion, DuplicateKeyException, InvalidReferenceException, withCurrentOnConflict } from '../shared/errors';
import { DataVersionService } from '../shared/data-version.service';
import { cacheKey, ReadCache } from '../shared/read-cache';
import { WorkspaceCalendar } from '../shared/workspace-calendar';
import { changedKeys, lockById, mapUniqueViolations } from '../shared/write-helpers';
import { commitmentSnapshot } from './commitment.mapper';
import { CommitmentListQueryDto, DEFAULT_PAGE_SIZE } from './commitment-query.dto';
import { CommitmentQueryService, readDayKey } from './commitment-query.service';
import { CommitmentReader } from './commitment-reader.service';
import { resolveReferences } from './commitment-references';
import { effectiveSort } from './commitment-sql';

const ENTITY = 'commitment';

/** Commitments: the filtered list, one in full, and every write with its audit entries in one transaction. */
@Injectable()
export class CommitmentsService {
  /** Live list pages for the current data version. */
  private readonly pages = new ReadCache<Page<CommitmentSummaryDto>>(100);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: CommitmentQueryService,
    private readonly reader: CommitmentReader,
    private readonly calendar: WorkspaceCalendar,
    private readonly audit: AuditService,
    private readonly versions: DataVersionService,
  ) {}

  /** A page of the filtered list; live pages come from the cache while the data version holds. */
  async list(query: CommitmentListQueryDto = {}, actor: Actor = SYSTEM_ACTOR): Promise<Page<CommitmentSummaryDto>> {
    const { asOf, sort, page = 1, pageSize = DEFAULT_PAGE_SIZE, ...filters } = query;
    const context = await this.queries.context(asOf);
    const filter = this.queries.resolveFilter(filters, actor);
    const order = effectiveSort(sort, filter.q);
    const compute = async (): Promise<Page<CommitmentSummaryDto>> => {
      const result = await this.queries.page(filter, order, page, pageSize, context);
      return { items: await this.queries.summaries(result.rows, context), total: result.total, page, pageSize };
    };
    if (context.asOf) return compute();
    return this.versions.cached(
      this.pages,
      `${readDayKey(context)} ${cacheKey({ filter, order, page, pageSize })}`,
      context.version,
      compute,
    );
  }

  get(idOrRefCode: string, asOf: string | undefined, actor: Actor): Promise<CommitmentDetailDto> {
    return this.reader.detail(idOrRefCode, asOf, actor.id);
  }

  async create(request: CreateCommitmentRequest, actor: Actor): Promise<CommitmentDetailDto> {
    const id = await this.unique(request.refCode, () =>
      this.dataSource.transaction((manager) => this.createWithin(manager, request, actor)),
    );
    return this.reader.detail(id, undefined, actor.id);
  }

  /**
   * Records a commitment inside the caller's transaction (e.g. accepting drafts read from a source document,
   * which also writes their locators); `origin` is added to the audit summary. Returns the new id.
   */
  async createWithin(manager: EntityManager, request: CreateCommitmentRequest, actor: Actor, origin?: string): Promise<string> {
    const { today } = await this.calendar.day();
    await assertRefCodeFree(manager, request.refCode, null);
    const references = await resolveReferences(manager, request, null);
    const deadline = await resolveDeadline(manager, request.deadline, today);
    const errors = [...references.errors, ...(deadline.ok ? [] : deadline.errors)];
    if (errors.length > 0 || !deadline.ok) throw new InvalidReferenceException(errors);
    const status = request.status ?? 'not_started';
    const progress = request.progress ?? 0;
    const saved = await manager.save(
      manager.create(CommitmentEntity, {
        refCode: request.refCode,
        title: request.title,
        description: request.description ?? '',
        agreementId: request.agreementId,
        parentId: request.parentId ?? null,
        sourceQuote: request.sourceQuote ?? '',
        sourceLocator: request.sourceLocator ?? '',
        sourceUrl: request.sourceUrl ?? null,
        responsibleBody: request.responsibleBody ?? '',
        ownerId: request.ownerId ?? null,
        deadline: deadline.deadline.spec,
        anchorEventId: deadline.deadline.anchorEventId,
        dueDate: deadline.deadline.dueDate,
        anchorPending: deadline.deadline.anchorPending,
        status,
        progress,
        lastVerifiedOn: today,
        isExample: false,
        parties: references.parties ?? [],
        areas: references.areas ?? [],
        assignees: references.assignees ?? [],
      }),
    );
    await this.recordInitialStatus(manager, saved, today, actor, 'Recorded.');
    await this.audit.record(manager, actor, {
      action: 'create',
      entityType: ENTITY,
      entityId: saved.id,
      after: commitmentSnapshot(saved),
      summary: `Added ${saved.refCode}: ${saved.title}${origin ? ` (${origin})` : ''}`,
    });
    return saved.id;
  }

  /** The reference codes of an agreement's commitments (to propose the next one). */
  async refCodesOf(manager: EntityManager, agreementId: string): Promise<string[]> {
    const rows = await manager.find(CommitmentEntity, { where: { agreementId }, select: { refCode: true } });
    return rows.map((row) => row.refCode);
  }

  /** Reference codes by commitment id (ids that name nothing are left out). */
  async refCodesByIds(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.manager.find(CommitmentEntity, { where: { id: In(ids) }, select: { id: true, refCode: true } });
    return new Map(rows.map((row) => [row.id, row.refCode]));
  }

  /**
   * Replaces a commitment's quote and where it stands, inside the caller's transaction (a quote moved to a
   * newer version of its source document). Moves the version like any edit; audited with `reason`.
   */
  async setQuoteWithin(manager: EntityManager, id: string, quote: string, locator: string, actor: Actor, reason: string): Promise<void> {
    await lockById(manager, CommitmentEntity, 'Commitment', id);
    const row = await manager.findOneOrFail(CommitmentEntity, {
      where: { id },
      relations: { parties: true, areas: true, assignees: true },
    });
    const before = commitmentSnapshot(row);
    if (row.sourceQuote === quote && row.sourceLocator === locator) return;
    await manager
      .createQueryBuilder()
      .update(CommitmentEntity)
      .set({ sourceQuote: quote, sourceLocator: locator })
      .where('id = :id', { id })
      .execute();
    const after = await manager.findOneOrFail(CommitmentEntity, {
      where: { id },
      relations: { parties: true, areas: true, assignees: true },
    });
    await this.audit.record(manager, actor, {
      action: 'update',
      entityType: ENTITY,
      entityId: id,
      before,
      after: commitmentSnapshot(after),
      summary: `Changed ${after.refCode}: sourceQuote (${reason})`,
    });
  }

  async update(id: string, request: UpdateCommitmentRequest, actor: Actor): Promise<CommitmentDetailDto> {
    const { today } = await this.calendar.day();
    await withCurrentOnConflict(
      () =>
        this.unique(request.refCode ?? '', () =>
          this.dataSource.transaction(async (manager) => {
            await lockById(manager, CommitmentEntity, 'Commitment', id);
            const row = await manager.findOneOrFail(CommitmentEntity, {
              where: { id },
              relations: { parties: true, areas: true, assignees: true },
            });
            assertVersion('Commitment', id, row.version, request.version);
            const before = commitmentSnapshot(row);
            if (request.refCode !== undefined) await assertRefCodeFree(manager, request.refCode, id);
            const references = await resolveReferences(manager, request, id);
            const deadline = request.deadline !== undefined ? await resolveDeadline(manager, request.deadline, today) : null;
            const errors = [...references.errors, ...(deadline && !deadline.ok ? deadline.errors : [])];
            if (errors.length > 0) throw new InvalidReferenceException(errors);

            const columns: Partial<CommitmentEntity> = {};
            const scalars = {
              refCode: request.refCode,
              title: request.title,
              description: request.description,
              agreementId: request.agreementId,
              parentId: request.parentId,
              sourceQuote: request.sourceQuote,
              sourceLocator: request.sourceLocator,
              sourceUrl: request.sourceUrl,
              responsibleBody: request.responsibleBody,
              ownerId: request.ownerId,
            } as const;
            for (const [key, value] of Object.entries(scalars) as [keyof typeof scalars, unknown][]) {
              if (value !== undefined && value !== row[key]) (columns as Record<string, unknown>)[key] = value;
            }
            if (deadline?.ok) {
              const next = deadline.deadline;
              if (JSON.stringify(next.spec) !== JSON.stringify(row.deadline)) columns.deadline = next.spec;
              if (next.anchorEventId !== row.anchorEventId) columns.anchorEventId = next.anchorEventId;
              if (next.dueDate !== row.dueDate) columns.dueDate = next.dueDate;
              if (next.anchorPending !== row.anchorPending) columns.anchorPending = next.anchorPending;
            }
            const relationChanges = [
              relationDiff('parties', row.parties, references.parties),
              relationDiff('areas', row.areas, references.areas),
              relationDiff('assignees', row.assignees, references.assignees),
            ].filter((diff) => diff.add.length > 0 || diff.remove.length > 0);
            if (Object.keys(columns).length === 0 && relationChanges.length === 0) return;

            for (const diff of relationChanges) {
              await manager.createQueryBuilder().relation(CommitmentEntity, diff.relation).of(id).addAndRemove(diff.add, diff.remove);
            }
            // One UPDATE, which also moves the version and updated_at (even when only relations changed).
            await manager.createQueryBuilder().update(CommitmentEntity).set(columns).where('id = :id', { id }).execute();
            const after = await manager.findOneOrFail(CommitmentEntity, {
              where: { id },
              relations: { parties: true, areas: true, assignees: true },
            });
            await this.audit.record(manager, actor, {
              action: 'update',
              entityType: ENTITY,
              entityId: id,
              before,
              after: commitmentSnapshot(after),
              summary: `Changed ${after.refCode}: ${changedKeys(before, commitmentSnapshot(after))
                .filter((key) => key !== 'version')
                .join(', ')}`,
            });
          }),
        ),
      () => this.reader.detail(id, undefined, actor.id),
    );
    return this.reader.detail(id, undefined, actor.id);
  }

  remove(id: string, version: number | undefined, actor: Actor): Promise<void> {
    return withCurrentOnConflict(
      () =>
        this.dataSource.transaction(async (manager) => {
          await lockById(manager, CommitmentEntity, 'Commitment', id);
          const row = await manager.findOneOrFail(CommitmentEntity, {
            where: { id },
            relations: { parties: true, areas: true, assignees: true },
          });
          if (version !== undefined) assertVersion('Commitment', id, row.version, version);
          const children = await manager.countBy(CommitmentEntity, { parentId: id });
          // Corrections point at the updates they correct (RESTRICT): remove the history newest first.
          await manager.query(
            `DELETE FROM evidence_links WHERE status_update_id IN (SELECT id FROM status_updates WHERE commitment_id = $1)`,
            [id],
          );
          await manager.query(`UPDATE status_updates SET corrects_id = NULL WHERE commitment_id = $1 AND corrects_id IS NOT NULL`, [id]);
          await manager.delete(StatusUpdateEntity, { commitmentId: id });
          await manager.delete(CommitmentEntity, { id });
          await this.audit.record(manager, actor, {
            action: 'delete',
            entityType: ENTITY,
            entityId: id,
            before: commitmentSnapshot(row),
            summary: `Deleted ${row.refCode}${children > 0 ? `; its ${children} sub-commitment(s) became top-level` : ''}`,
          });
        }),
      () => this.reader.detail(id),
    );
  }

  /** Every commitment starts its history with one update: the status it was recorded with. */
  private async recordInitialStatus(
    manager: EntityManager,
    commitment: CommitmentEntity,
    today: string,
    actor: Actor,
    note: string,
  ): Promise<void> {
    await manager.save(
      manager.create(StatusUpdateEntity, {
        commitmentId: commitment.id,
        authorId: actor.id,
        authorLabel: actor.label,
        effectiveOn: today,
        statusBefore: null,
        statusAfter: commitment.status,
        progressBefore: null,
        progressAfter: commitment.progress,
        note,
        correctsId: null,
        evidence: [],
      }),
    );
  }

  private unique<T>(refCode: string, work: () => Promise<T>): Promise<T> {
    return mapUniqueViolations(work, { commitments_ref_code_key: () => new DuplicateKeyException('commitment', 'refCode', refCode) });
  }
}

/** A clear 409 before the insert (the unique index still guards against a race). */
async function assertRefCodeFree(manager: EntityManager, refCode: string, self: string | null): Promise<void> {
  const holder = await manager.findOne(CommitmentEntity, { where: { refCode }, select: { id: true } });
  if (holder && holder.id !== self) throw new DuplicateKeyException('commitment', 'refCode', refCode);
}

/** Which related rows to link and unlink so `current` becomes `next` (no change when `next` is undefined). */
function relationDiff(relation: 'parties' | 'areas' | 'assignees', current: { id: string }[], next: { id: string }[] | undefined) {
  if (!next) return { relation, add: [] as string[], remove: [] as string[] };
  const have = new Set(current.map((item) => item.id));
  const want = new Set(next.map((item) => item.id));
  return { relation, add: [...want].filter((id) => !have.has(id)), remove: [...have].filter((id) => !want.has(id)) };
}
