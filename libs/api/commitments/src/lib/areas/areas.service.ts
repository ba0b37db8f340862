import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, AuditService } from '@pactwatch/api/audit';
import { NotFoundException } from '@pactwatch/api/core';
import type { CreatePolicyAreaRequest, PolicyAreaDto, UpdatePolicyAreaRequest } from '@pactwatch/shared/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { PolicyAreaEntity } from '../entities';
import { assertVersion, DuplicateKeyException, RecordInUseException, withCurrentOnConflict } from '../shared/errors';
import { isUuid } from '../shared/uuid';
import { changedKeys, lockById, mapUniqueViolations } from '../shared/write-helpers';
import { areaSnapshot, toPolicyAreaDto } from './area.dto';

const ENTITY = 'policy_area';

@Injectable()
export class AreasService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<PolicyAreaDto[]> {
    const rows = await this.dataSource.getRepository(PolicyAreaEntity).find({ order: { name: 'ASC', slug: 'ASC' } });
    return rows.map(toPolicyAreaDto);
  }

  async get(id: string): Promise<PolicyAreaDto> {
    const row = isUuid(id) ? await this.dataSource.getRepository(PolicyAreaEntity).findOneBy({ id }) : null;
    if (!row) throw new NotFoundException('Policy area', id);
    return toPolicyAreaDto(row);
  }

  create(request: CreatePolicyAreaRequest, actor: Actor): Promise<PolicyAreaDto> {
    return this.unique(request.slug, () =>
      this.dataSource.transaction(async (manager) => {
        await assertSlugFree(manager, request.slug, null);
        const saved = await manager.save(manager.create(PolicyAreaEntity, { slug: request.slug, name: request.name }));
        await this.audit.record(manager, actor, {
          action: 'create',
          entityType: ENTITY,
          entityId: saved.id,
          after: areaSnapshot(saved),
          summary: `Added policy area ${saved.slug}`,
        });
        return toPolicyAreaDto(saved);
      }),
    );
  }

  update(id: string, request: UpdatePolicyAreaRequest, actor: Actor): Promise<PolicyAreaDto> {
    return withCurrentOnConflict(
      () =>
        this.unique(request.slug ?? '', () =>
          this.dataSource.transaction(async (manager) => {
            const row = await lockById(manager, PolicyAreaEntity, 'Policy area', id);
            assertVersion('Policy area', id, row.version, request.version);
            const before = areaSnapshot(row);
            if (request.slug !== undefined) await assertSlugFree(manager, request.slug, id);
            if (request.slug !== undefined) row.slug = request.slug;
            if (request.name !== undefined) row.name = request.name;
            const changed = changedKeys(before, areaSnapshot(row));
            if (changed.length === 0) return toPolicyAreaDto(row);
            const saved = await manager.save(row);
            await this.audit.record(manager, actor, {
              action: 'update',
              entityType: ENTITY,
              entityId: id,
              before,
              after: areaSnapshot(saved),
              summary: `Changed policy area ${saved.slug}: ${changed.join(', ')}`,
            });
            return toPolicyAreaDto(saved);
          }),
        ),
      () => this.get(id),
    );
  }

  remove(id: string, version: number | undefined, actor: Actor): Promise<void> {
    return withCurrentOnConflict(
      () =>
        this.dataSource.transaction(async (manager) => {
          const row = await lockById(manager, PolicyAreaEntity, 'Policy area', id);
          if (version !== undefined) assertVersion('Policy area', id, row.version, version);
          const [usage] = await manager.query(`SELECT count(*)::int AS commitments FROM commitment_areas WHERE area_id = $1`, [id]);
          if (usage.commitments > 0)
            throw new RecordInUseException('Policy area', id, `${usage.commitments} commitment(s) are tagged with it`);
          await manager.delete(PolicyAreaEntity, { id });
          await this.audit.record(manager, actor, {
            action: 'delete',
            entityType: ENTITY,
            entityId: id,
            before: areaSnapshot(row),
            summary: `Deleted policy area ${row.slug}`,
          });
        }),
      () => this.get(id),
    );
  }

  private unique<T>(slug: string, work: () => Promise<T>): Promise<T> {
    return mapUniqueViolations(work, { policy_areas_slug_key: () => new DuplicateKeyException('policy area', 'slug', slug) });
  }
}

/** A clear 409 before the write (the unique index still guards against a race). */
async function assertSlugFree(manager: EntityManager, slug: string, self: string | null): Promise<void> {
  const holder = await manager.findOne(PolicyAreaEntity, { where: { slug }, select: { id: true } });
  if (holder && holder.id !== self) throw new DuplicateKeyException('policy area', 'slug', slug);
}
