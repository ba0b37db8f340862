import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@pactwatch/api/audit';
import type { CreatePartyRequest, PartyDto, UpdatePartyRequest } from '@pactwatch/shared/contracts';
import { DataSource } from 'typeorm';
import { PartyEntity } from '../entities';
import { CatalogueService } from '../shared/catalogue.service';
import { partySnapshot, toPartyDto } from './party.dto';

@Injectable()
export class PartiesService extends CatalogueService<PartyEntity, 'code', PartyDto, CreatePartyRequest, UpdatePartyRequest> {
  constructor(@InjectDataSource() dataSource: DataSource, audit: AuditService) {
    super(dataSource, audit, {
      entity: PartyEntity,
      label: 'Party',
      noun: 'party',
      auditType: 'party',
      key: 'code',
      uniqueConstraint: 'parties_code_key',
      order: { code: 'ASC' },
      snapshot: partySnapshot,
      describe: (party) => `${party.code} (${party.name})`,
      inUse: async (manager, id) => {
        const [usage] = await manager.query(
          `SELECT (SELECT count(*) FROM commitment_parties WHERE party_id = $1)::int AS commitments,
                  (SELECT count(*) FROM agreement_parties WHERE party_id = $1)::int AS agreements`,
          [id],
        );
        return usage.commitments > 0 || usage.agreements > 0
          ? `it is a party to ${usage.commitments} commitment(s) and ${usage.agreements} agreement(s)`
          : null;
      },
    });
  }

  protected toDto(row: PartyEntity): PartyDto {
    return toPartyDto(row);
  }

  protected build(request: CreatePartyRequest): Partial<PartyEntity> {
    return { code: request.code, name: request.name, kind: request.kind ?? 'country' };
  }

  protected apply(row: PartyEntity, request: UpdatePartyRequest): void {
    if (request.code !== undefined) row.code = request.code;
    if (request.name !== undefined) row.name = request.name;
    if (request.kind !== undefined) row.kind = request.kind;
  }
}
