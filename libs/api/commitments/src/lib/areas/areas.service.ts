import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@pactwatch/api/audit';
import type { CreatePolicyAreaRequest, PolicyAreaDto, UpdatePolicyAreaRequest } from '@pactwatch/shared/contracts';
import { DataSource } from 'typeorm';
import { PolicyAreaEntity } from '../entities';
import { CatalogueService } from '../shared/catalogue.service';
import { areaSnapshot, toPolicyAreaDto } from './area.dto';

@Injectable()
export class AreasService extends CatalogueService<
  PolicyAreaEntity,
  'slug',
  PolicyAreaDto,
  CreatePolicyAreaRequest,
  UpdatePolicyAreaRequest
> {
  constructor(@InjectDataSource() dataSource: DataSource, audit: AuditService) {
    super(dataSource, audit, {
      entity: PolicyAreaEntity,
      label: 'Policy area',
      noun: 'policy area',
      auditType: 'policy_area',
      key: 'slug',
      uniqueConstraint: 'policy_areas_slug_key',
      order: { name: 'ASC', slug: 'ASC' },
      snapshot: areaSnapshot,
      describe: (area) => area.slug,
      inUse: async (manager, id) => {
        const [usage] = await manager.query(`SELECT count(*)::int AS commitments FROM commitment_areas WHERE area_id = $1`, [id]);
        return usage.commitments > 0 ? `${usage.commitments} commitment(s) are tagged with it` : null;
      },
    });
  }

  protected toDto(row: PolicyAreaEntity): PolicyAreaDto {
    return toPolicyAreaDto(row);
  }

  protected build(request: CreatePolicyAreaRequest): Partial<PolicyAreaEntity> {
    return { slug: request.slug, name: request.name };
  }

  protected apply(row: PolicyAreaEntity, request: UpdatePolicyAreaRequest): void {
    if (request.slug !== undefined) row.slug = request.slug;
    if (request.name !== undefined) row.name = request.name;
  }
}
