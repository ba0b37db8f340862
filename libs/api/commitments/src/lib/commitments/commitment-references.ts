import { UserEntity } from '@pactwatch/api/auth';
import type { FieldError } from '@pactwatch/api/core';
import { EntityManager, In, IsNull } from 'typeorm';
import { AgreementEntity, CommitmentEntity, PartyEntity, PolicyAreaEntity } from '../entities';
import { isUuid } from '../shared/uuid';

export interface ReferenceInput {
  agreementId?: string;
  parentId?: string | null;
  ownerId?: string | null;
  assigneeIds?: string[];
  partyCodes?: string[];
  areaSlugs?: string[];
}

export interface ResolvedReferences {
  errors: FieldError[];
  agreement?: AgreementEntity;
  parties?: PartyEntity[];
  areas?: PolicyAreaEntity[];
  assignees?: UserEntity[];
}

/**
 * Checks that every id and code in a commitment request names an existing record, and that a
 * new parent would not make the tree circular. Collects every problem, so the 400 names them all.
 */
export async function resolveReferences(manager: EntityManager, input: ReferenceInput, self: string | null): Promise<ResolvedReferences> {
  const errors: FieldError[] = [];
  const result: ResolvedReferences = { errors };

  if (input.agreementId !== undefined) {
    const agreement = isUuid(input.agreementId) ? await manager.findOneBy(AgreementEntity, { id: input.agreementId }) : null;
    if (agreement) result.agreement = agreement;
    else errors.push({ field: 'agreementId', message: 'names no agreement' });
  }

  if (input.parentId) {
    if (input.parentId === self) {
      errors.push({ field: 'parentId', message: 'must not be the commitment itself' });
    } else if (!(await manager.existsBy(CommitmentEntity, { id: input.parentId, archivedAt: IsNull() }))) {
      errors.push({ field: 'parentId', message: 'names no commitment' });
    } else if (self && (await isDescendant(manager, input.parentId, self))) {
      errors.push({ field: 'parentId', message: 'is one of this commitment’s own sub-commitments; the tree would go round in a circle' });
    }
  }

  if (input.ownerId && !(await manager.existsBy(UserEntity, { id: input.ownerId }))) {
    errors.push({ field: 'ownerId', message: 'names no user' });
  }

  if (input.assigneeIds !== undefined) {
    const ids = [...new Set(input.assigneeIds)];
    const users = ids.length > 0 ? await manager.findBy(UserEntity, { id: In(ids) }) : [];
    const missing = ids.filter((id) => !users.some((user) => user.id === id));
    if (missing.length > 0) errors.push({ field: 'assigneeIds', message: `names no user: ${missing.join(', ')}` });
    result.assignees = users;
  }

  if (input.partyCodes !== undefined) {
    const codes = [...new Set(input.partyCodes)];
    const parties = codes.length > 0 ? await manager.findBy(PartyEntity, { code: In(codes) }) : [];
    const missing = codes.filter((code) => !parties.some((party) => party.code === code));
    if (missing.length > 0) errors.push({ field: 'partyCodes', message: `unknown party code: ${missing.join(', ')}` });
    result.parties = parties;
  }

  if (input.areaSlugs !== undefined) {
    const slugs = [...new Set(input.areaSlugs)];
    const areas = slugs.length > 0 ? await manager.findBy(PolicyAreaEntity, { slug: In(slugs) }) : [];
    const missing = slugs.filter((slug) => !areas.some((area) => area.slug === slug));
    if (missing.length > 0) errors.push({ field: 'areaSlugs', message: `unknown policy area: ${missing.join(', ')}` });
    result.areas = areas;
  }
  return result;
}

/** Whether `candidate` sits somewhere below `ancestor` in the commitment tree. */
async function isDescendant(manager: EntityManager, candidate: string, ancestor: string): Promise<boolean> {
  const [row] = await manager.query(
    `WITH RECURSIVE up (id, parent_id, depth) AS (
       SELECT id, parent_id, 1 FROM commitments WHERE id = $1
       UNION ALL
       SELECT c.id, c.parent_id, u.depth + 1 FROM commitments c JOIN up u ON c.id = u.parent_id WHERE u.depth < 64
     )
     SELECT EXISTS (SELECT 1 FROM up WHERE parent_id = $2) AS found`,
    [candidate, ancestor],
  );
  return Boolean(row.found);
}
