import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, AuditService } from '@pactwatch/api/audit';
import { NotFoundException } from '@pactwatch/api/core';
import type { CreatePartyRequest, PartyDto, UpdatePartyRequest } from '@pactwatch/shared/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { PartyEntity } from '../entities';
import { assertVersion, DuplicateKeyException, RecordInUseException, withCurrentOnConflict } from '../shared/errors';
import { isUuid } from '../shared/uuid';
import { changedKeys, lockById, mapUniqueViolations } from '../shared/write-helpers';
import { partySnapshot, toPartyDto } from './party.dto';

const ENTITY = 'party';

@Injectable()
export class PartiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<PartyDto[]> {
    const rows = await this.dataSource.getRepository(PartyEntity).find({ order: { code: 'ASC' } });
    return rows.map(toPartyDto);
  }

  async get(id: string): Promise<PartyDto> {
    const row = isUuid(id) ? await this.dataSource.getRepository(PartyEntity).findOneBy({ id }) : null;
    if (!row) throw new NotFoundException('Party', id);
    return toPartyDto(row);
  }

  create(request: CreatePartyRequest, actor: Actor): Promise<PartyDto> {
    return this.unique(request.code, () =>
      this.dataSource.transaction(async (manager) => {
        await assertCodeFree(manager, request.code, null);
        const saved = await manager.save(
          manager.create(PartyEntity, { code: request.code, name: request.name, kind: request.kind ?? 'country' }),
        );
        await this.audit.record(manager, actor, {
          action: 'create',
          entityType: ENTITY,
          entityId: saved.id,
          after: partySnapshot(saved),
          summary: `Added party ${saved.code} (${saved.name})`,
        });
        return toPartyDto(saved);
      }),
    );
  }

  update(id: string, request: UpdatePartyRequest, actor: Actor): Promise<PartyDto> {
    return withCurrentOnConflict(
      () =>
        this.unique(request.code ?? '', () =>
          this.dataSource.transaction(async (manager) => {
            const row = await lockById(manager, PartyEntity, 'Party', id);
            assertVersion('Party', id, row.version, request.version);
            const before = partySnapshot(row);
            if (request.code !== undefined) await assertCodeFree(manager, request.code, id);
            if (request.code !== undefined) row.code = request.code;
            if (request.name !== undefined) row.name = request.name;
            if (request.kind !== undefined) row.kind = request.kind;
            const changed = changedKeys(before, partySnapshot(row));
            if (changed.length === 0) return toPartyDto(row);
            const saved = await manager.save(row);
            await this.audit.record(manager, actor, {
              action: 'update',
              entityType: ENTITY,
              entityId: id,
              before,
              after: partySnapshot(saved),
              summary: `Changed party ${saved.code}: ${changed.join(', ')}`,
            });
            return toPartyDto(saved);
          }),
        ),
      () => this.get(id),
    );
  }

  remove(id: string, version: number | undefined, actor: Actor): Promise<void> {
    return withCurrentOnConflict(
      () =>
        this.dataSource.transaction(async (manager) => {
          const row = await lockById(manager, PartyEntity, 'Party', id);
          if (version !== undefined) assertVersion('Party', id, row.version, version);
          const [usage] = await manager.query(
            `SELECT (SELECT count(*) FROM commitment_parties WHERE party_id = $1)::int AS commitments,
                    (SELECT count(*) FROM agreement_parties WHERE party_id = $1)::int AS agreements`,
            [id],
          );
          if (usage.commitments > 0 || usage.agreements > 0) {
            throw new RecordInUseException(
              'Party',
              id,
              `it is a party to ${usage.commitments} commitment(s) and ${usage.agreements} agreement(s)`,
            );
          }
          await manager.delete(PartyEntity, { id });
          await this.audit.record(manager, actor, {
            action: 'delete',
            entityType: ENTITY,
            entityId: id,
            before: partySnapshot(row),
            summary: `Deleted party ${row.code}`,
          });
        }),
      () => this.get(id),
    );
  }

  private unique<T>(code: string, work: () => Promise<T>): Promise<T> {
    return mapUniqueViolations(work, { parties_code_key: () => new DuplicateKeyException('party', 'code', code) });
  }
}

/** A clear 409 before the write (the unique index still guards against a race). */
async function assertCodeFree(manager: EntityManager, code: string, self: string | null): Promise<void> {
  const holder = await manager.findOne(PartyEntity, { where: { code }, select: { id: true } });
  if (holder && holder.id !== self) throw new DuplicateKeyException('party', 'code', code);
}
