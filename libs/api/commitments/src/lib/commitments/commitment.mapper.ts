import { CommitmentEntity } from '../entities';

/** What the audit log keeps of a commitment: every field an analyst can change, plus the computed deadline. */
export function commitmentSnapshot(entity: CommitmentEntity): Record<string, unknown> {
  return {
    refCode: entity.refCode,
    title: entity.title,
    description: entity.description,
    agreementId: entity.agreementId,
    parentId: entity.parentId,
    sourceQuote: entity.sourceQuote,
    sourceLocator: entity.sourceLocator,
    sourceUrl: entity.sourceUrl,
    responsibleBody: entity.responsibleBody,
    ownerId: entity.ownerId,
    assigneeIds: (entity.assignees ?? []).map((u) => u.id).sort(),
    partyCodes: (entity.parties ?? []).map((p) => p.code).sort(),
    areaSlugs: (entity.areas ?? []).map((a) => a.slug).sort(),
    deadline: entity.deadline,
    dueDate: entity.dueDate,
    anchorPending: entity.anchorPending,
    status: entity.status,
    progress: entity.progress,
    lastVerifiedOn: entity.lastVerifiedOn,
    version: entity.version,
  };
}
