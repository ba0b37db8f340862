import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, AuditEntry, AuditService } from '@pactwatch/api/audit';
import { NotFoundException, ValidationFailedException } from '@pactwatch/api/core';
import type {
  AnchorEventDetailDto,
  AnchorEventDto,
  AnchorImpactDto,
  CreateAnchorEventRequest,
  UpdateAnchorEventRequest,
} from '@pactwatch/shared/contracts';
import { computeDueDate, DeadlineError, DeadlineSpec, DueDateResult } from '@pactwatch/shared/deadlines';
import { DataSource, EntityManager } from 'typeorm';
import { AgreementEntity, AnchorEventChangeEntity, AnchorEventEntity, CommitmentEntity } from '../entities';
import { assertVersion, InvalidReferenceException, RecordInUseException, withCurrentOnConflict } from '../shared/errors';
import { isUuid } from '../shared/uuid';
import { WorkspaceCalendar } from '../shared/workspace-calendar';
import { changedKeys, lockById } from '../shared/write-helpers';
import { recordAnchorDateChange } from './anchor-date-history';
import { anchorSnapshot, toAnchorEventChangeDto, toAnchorEventDto } from './anchor-event.dto';

const ENTITY = 'anchor_event';

interface DependentRow {
  id: string;
  ref_code: string;
  title: string;
  deadline: DeadlineSpec;
  due_date: string | null;
  anchor_pending: boolean;
}

interface Move {
  row: DependentRow;
  after: DueDateResult;
}

/**
 * Anchor events and the deadlines that count from them. Correcting an anchor's date moves every
 * dependent due date in the same transaction, keeps the change in the anchor's history, and
 * writes a 'recompute' audit entry per moved commitment; other commitments are not touched.
 */
@Injectable()
export class AnchorEventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: WorkspaceCalendar,
    private readonly audit: AuditService,
  ) {}

  async list(agreementId?: string): Promise<AnchorEventDto[]> {
    const rows = await this.dataSource.getRepository(AnchorEventEntity).find({
      where: agreementId ? { agreementId } : {},
      order: { occurredOn: { direction: 'ASC', nulls: 'LAST' }, name: 'ASC', id: 'ASC' },
    });
    const counts = await dependentCounts(
      this.dataSource.manager,
      rows.map((row) => row.id),
    );
    return rows.map((row) => toAnchorEventDto(row, counts.get(row.id) ?? 0));
  }

  async get(id: string): Promise<AnchorEventDetailDto> {
    const row = isUuid(id) ? await this.dataSource.getRepository(AnchorEventEntity).findOneBy({ id }) : null;
    if (!row) throw new NotFoundException('Anchor event', id);
    const counts = await dependentCounts(this.dataSource.manager, [id]);
    const history = await this.dataSource
      .getRepository(AnchorEventChangeEntity)
      .find({ where: { anchorEventId: id }, order: { changedAt: 'DESC', id: 'DESC' } });
    return {
      ...toAnchorEventDto(row, counts.get(id) ?? 0),
      history: history.map(toAnchorEventChangeDto),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  async create(request: CreateAnchorEventRequest, actor: Actor): Promise<AnchorEventDetailDto> {
    const id = await this.dataSource.transaction((manager) => this.createWithin(manager, request, actor));
    return this.get(id);
  }

  /** Records an anchor event inside the caller's transaction; `origin` is added to the audit summary. Returns the new id. */
  async createWithin(manager: EntityManager, request: CreateAnchorEventRequest, actor: Actor, origin?: string): Promise<string> {
    if (request.agreementId && !(await manager.existsBy(AgreementEntity, { id: request.agreementId }))) {
      throw new InvalidReferenceException([{ field: 'agreementId', message: 'names no agreement' }]);
    }
    const saved = await manager.save(
      manager.create(AnchorEventEntity, {
        agreementId: request.agreementId ?? null,
        name: request.name,
        occurredOn: request.occurredOn ?? null,
        note: request.note ?? '',
      }),
    );
    if (saved.occurredOn) {
      await recordAnchorDateChange(manager, {
        anchorEventId: saved.id,
        previousDate: null,
        newDate: saved.occurredOn,
        reason: 'Recorded',
        by: actor,
      });
    }
    await this.audit.record(manager, actor, {
      action: 'create',
      entityType: ENTITY,
      entityId: saved.id,
      after: anchorSnapshot(saved),
      summary: `Added anchor event ${saved.name} (${saved.occurredOn ?? 'pending'})${origin ? ` (${origin})` : ''}`,
    });
    return saved.id;
  }

  async update(id: string, request: UpdateAnchorEventRequest, actor: Actor): Promise<AnchorEventDetailDto> {
    const { today } = await this.calendar.day();
    await withCurrentOnConflict(
      () =>
        this.dataSource.transaction(async (manager) => {
          const row = await lockById(manager, AnchorEventEntity, 'Anchor event', id);
          assertVersion('Anchor event', id, row.version, request.version);
          const before = anchorSnapshot(row);
          const previousDate = row.occurredOn;
          if (request.name !== undefined) row.name = request.name;
          if (request.note !== undefined) row.note = request.note;
          if (request.occurredOn !== undefined) row.occurredOn = request.occurredOn;
          const changed = changedKeys(before, anchorSnapshot(row));
          if (changed.length === 0) return;
          const saved = await manager.save(row);
          const entries: AuditEntry[] = [
            {
              action: 'update',
              entityType: ENTITY,
              entityId: id,
              before,
              after: anchorSnapshot(saved),
              summary: `Changed anchor event ${saved.name}: ${changed.join(', ')}`,
            },
          ];
          if (saved.occurredOn !== previousDate) {
            await recordAnchorDateChange(manager, {
              anchorEventId: id,
              previousDate,
              newDate: saved.occurredOn,
              reason: request.reason ?? '',
              by: actor,
            });
            entries.push(...(await this.moveDependents(manager, saved, previousDate, today)));
          }
          await this.audit.record(manager, actor, entries);
        }),
      () => this.get(id),
    );
    return this.get(id);
  }

  remove(id: string, version: number | undefined, actor: Actor): Promise<void> {
    return withCurrentOnConflict(
      () =>
        this.dataSource.transaction(async (manager) => {
          const row = await lockById(manager, AnchorEventEntity, 'Anchor event', id);
          if (version !== undefined) assertVersion('Anchor event', id, row.version, version);
          const dependents = await manager.countBy(CommitmentEntity, { anchorEventId: id });
          if (dependents > 0) throw new RecordInUseException('Anchor event', id, `${dependents} commitment deadline(s) count from it`);
          await manager.delete(AnchorEventEntity, { id });
          await this.audit.record(manager, actor, {
            action: 'delete',
            entityType: ENTITY,
            entityId: id,
            before: anchorSnapshot(row),
            summary: `Deleted anchor event ${row.name}`,
          });
        }),
      () => this.get(id),
    );
  }

  /** The deadlines that would move if the anchor's date became `date` ('pending': no date). Changes nothing. */
  async impact(id: string, date: string): Promise<AnchorImpactDto> {
    const anchor = isUuid(id) ? await this.dataSource.getRepository(AnchorEventEntity).findOneBy({ id }) : null;
    if (!anchor) throw new NotFoundException('Anchor event', id);
    const { today } = await this.calendar.day();
    const newDate = date === 'pending' ? null : date;
    const moves = await this.moves(this.dataSource.manager, id, newDate, today, false, 'date');
    return {
      anchorEventId: id,
      newDate,
      moves: moves.map(({ row, after }) => ({
        commitmentId: row.id,
        refCode: row.ref_code,
        title: row.title,
        dueDateBefore: row.due_date,
        dueDateAfter: after.dueDate,
      })),
    };
  }

  /** Recomputes every dependent due date for the anchor's new date; returns the audit entries of the moves. */
  private async moveDependents(
    manager: EntityManager,
    anchor: AnchorEventEntity,
    previousDate: string | null,
    today: string,
  ): Promise<AuditEntry[]> {
    const moves = await this.moves(manager, anchor.id, anchor.occurredOn, today, true, 'occurredOn');
    const entries: AuditEntry[] = [];
    for (const { row, after } of moves) {
      await manager
        .createQueryBuilder()
        .update(CommitmentEntity)
        .set({ dueDate: after.dueDate, anchorPending: after.anchorPending })
        .where('id = :id', { id: row.id })
        .execute();
      entries.push({
        action: 'recompute',
        entityType: 'commitment',
        entityId: row.id,
        before: { dueDate: row.due_date, anchorPending: row.anchor_pending },
        after: { dueDate: after.dueDate, anchorPending: after.anchorPending },
        summary: `${row.ref_code}: due date ${row.due_date ?? 'pending'} → ${after.dueDate ?? 'pending'} because ${anchor.name} moved from ${previousDate ?? 'pending'} to ${anchor.occurredOn ?? 'pending'}`,
      });
    }
    return entries;
  }

  /** `field` is the request field holding the new date, named when a dependent deadline cannot be computed from it. */
  private async moves(
    manager: EntityManager,
    anchorId: string,
    newDate: string | null,
    today: string,
    lock: boolean,
    field: string,
  ): Promise<Move[]> {
    const rows: DependentRow[] = await manager.query(
      `SELECT id, ref_code, title, deadline, due_date::text AS due_date, anchor_pending
       FROM commitments WHERE anchor_event_id = $1 ORDER BY ref_code, id ${lock ? 'FOR UPDATE' : ''}`,
      [anchorId],
    );
    return rows
      .map((row) => ({ row, after: dueDateFrom(row.deadline, anchorId, newDate, today, field) }))
      .filter(({ row, after }) => after.dueDate !== row.due_date || after.anchorPending !== row.anchor_pending);
  }
}

/** A dependent's due date for the anchor's new date; a date whose arithmetic leaves the calendar is refused, naming the field. */
function dueDateFrom(deadline: DeadlineSpec, anchorId: string, newDate: string | null, today: string, field: string): DueDateResult {
  try {
    return computeDueDate(deadline, { [anchorId]: newDate }, today);
  } catch (error) {
    if (!(error instanceof DeadlineError)) throw error;
    throw new ValidationFailedException([{ field, message: `gives a dependent deadline no valid date: ${error.message}` }]);
  }
}

export async function dependentCounts(manager: EntityManager, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows: { id: string; count: number }[] = await manager.query(
    `SELECT anchor_event_id AS id, count(*)::int AS count FROM commitments WHERE anchor_event_id = ANY($1::uuid[]) GROUP BY anchor_event_id`,
    [ids],
  );
  return new Map(rows.map((row) => [row.id, row.count]));
}
