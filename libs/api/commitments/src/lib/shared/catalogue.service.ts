import { Actor, AuditService } from '@pactwatch/api/audit';
import { NotFoundException } from '@pactwatch/api/core';
import { DataSource, DeepPartial, EntityManager, FindOptionsOrder } from 'typeorm';
import { assertVersion, DuplicateKeyException, RecordInUseException, withCurrentOnConflict } from './errors';
import { isUuid } from './uuid';
import { changedKeys, lockById, mapUniqueViolations } from './write-helpers';

/** A catalogue record (party, policy area): a uuid, a unique human key, a name and a version. */
export interface CatalogueEntity {
  id: string;
  name: string;
  version: number;
}

/** What sets one catalogue apart from another. */
export interface CatalogueSpec<E extends CatalogueEntity, K extends keyof E & string> {
  entity: new () => E;
  /** For errors: "Party", "Policy area". */
  label: string;
  /** For summaries and duplicate-key errors: "party", "policy area". */
  noun: string;
  /** The audit log's entity type. */
  auditType: string;
  /** The unique human key ("code", "slug") and the name of its unique constraint. */
  key: K;
  uniqueConstraint: string;
  order: FindOptionsOrder<E>;
  /** What the audit log keeps of a record. */
  snapshot(row: E): Record<string, unknown>;
  /** How the "Added …" summary names a new record. */
  describe(row: E): string;
  /** Why the record may not be deleted (what still uses it), or null. */
  inUse(manager: EntityManager, id: string): Promise<string | null>;
}

/**
 * List, read, create, update and delete for a small catalogue, with the same rules everywhere: a clear
 * 409 for a taken key (the unique index still guards against a race), optimistic versions, deletes
 * refused while the record is in use, and one audit entry per change.
 */
export abstract class CatalogueService<
  E extends CatalogueEntity,
  K extends keyof E & string,
  Dto,
  CreateRequest extends Record<K, string>,
  UpdateRequest extends Partial<Record<K, string>> & { version: number },
> {
  protected constructor(
    protected readonly dataSource: DataSource,
    protected readonly audit: AuditService,
    private readonly spec: CatalogueSpec<E, K>,
  ) {}

  protected abstract toDto(row: E): Dto;
  /** The new record's fields from a create request. */
  protected abstract build(request: CreateRequest): DeepPartial<E>;
  /** Applies the fields an update request sends. */
  protected abstract apply(row: E, request: UpdateRequest): void;

  async list(): Promise<Dto[]> {
    const rows = await this.dataSource.getRepository(this.spec.entity).find({ order: this.spec.order });
    return rows.map((row) => this.toDto(row));
  }

  async get(id: string): Promise<Dto> {
    const row = isUuid(id) ? await this.dataSource.getRepository(this.spec.entity).findOneBy({ id } as never) : null;
    if (!row) throw new NotFoundException(this.spec.label, id);
    return this.toDto(row);
  }

  create(request: CreateRequest, actor: Actor): Promise<Dto> {
    const { spec } = this;
    return this.unique(request[spec.key], () =>
      this.dataSource.transaction(async (manager) => {
        await this.assertKeyFree(manager, request[spec.key], null);
        const saved = await manager.save(manager.create(spec.entity, this.build(request)));
        await this.audit.record(manager, actor, {
          action: 'create',
          entityType: spec.auditType,
          entityId: saved.id,
          after: spec.snapshot(saved),
          summary: `Added ${spec.noun} ${spec.describe(saved)}`,
        });
        return this.toDto(saved);
      }),
    );
  }

  update(id: string, request: UpdateRequest, actor: Actor): Promise<Dto> {
    const { spec } = this;
    const key = request[spec.key] as string | undefined;
    return withCurrentOnConflict(
      () =>
        this.unique(key ?? '', () =>
          this.dataSource.transaction(async (manager) => {
            const row = await lockById(manager, spec.entity, spec.label, id);
            assertVersion(spec.label, id, row.version, request.version);
            const before = spec.snapshot(row);
            if (key !== undefined) await this.assertKeyFree(manager, key, id);
            this.apply(row, request);
            const changed = changedKeys(before, spec.snapshot(row));
            if (changed.length === 0) return this.toDto(row);
            const saved = await manager.save(row);
            await this.audit.record(manager, actor, {
              action: 'update',
              entityType: spec.auditType,
              entityId: id,
              before,
              after: spec.snapshot(saved),
              summary: `Changed ${spec.noun} ${String(saved[spec.key])}: ${changed.join(', ')}`,
            });
            return this.toDto(saved);
          }),
        ),
      () => this.get(id),
    );
  }

  remove(id: string, version: number | undefined, actor: Actor): Promise<void> {
    const { spec } = this;
    return withCurrentOnConflict(
      () =>
        this.dataSource.transaction(async (manager) => {
          const row = await lockById(manager, spec.entity, spec.label, id);
          if (version !== undefined) assertVersion(spec.label, id, row.version, version);
          const reason = await spec.inUse(manager, id);
          if (reason) throw new RecordInUseException(spec.label, id, reason);
          await manager.delete(spec.entity, { id } as never);
          await this.audit.record(manager, actor, {
            action: 'delete',
            entityType: spec.auditType,
            entityId: id,
            before: spec.snapshot(row),
            summary: `Deleted ${spec.noun} ${String(row[spec.key])}`,
          });
        }),
      () => this.get(id),
    );
  }

  private unique<T>(key: string, work: () => Promise<T>): Promise<T> {
    const { spec } = this;
    return mapUniqueViolations(work, { [spec.uniqueConstraint]: () => new DuplicateKeyException(spec.noun, spec.key, key) });
  }

  /** A clear 409 before the write (the unique index still guards against a race). */
  private async assertKeyFree(manager: EntityManager, key: string, self: string | null): Promise<void> {
    const holder = await manager.findOne(this.spec.entity, { where: { [this.spec.key]: key } as never, select: { id: true } as never });
    if (holder && holder.id !== self) throw new DuplicateKeyException(this.spec.noun, this.spec.key, key);
  }
}
