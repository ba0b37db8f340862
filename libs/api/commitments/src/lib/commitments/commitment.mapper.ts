import type { CommitmentSummaryDto } from '@pactwatch/shared/contracts';
import { AnchorInfo, computeScheduleFlags, describeDeadline, FlagOptions } from '@pactwatch/shared/deadlines';
import { CommitmentEntity } from '../entities';

export interface MappingContext {
  flagOptions: FlagOptions;
  anchors: Readonly<Record<string, AnchorInfo>>;
  rolledUpProgress?: ReadonlyMap<string, number>;
}

/** Entity -> response DTO, with the computed flags and the deadline explained in words. */
export function toCommitmentSummary(entity: CommitmentEntity, context: MappingContext): CommitmentSummaryDto {
  const due = { dueDate: entity.dueDate, anchorPending: entity.anchorPending };
  return {
    id: entity.id,
    refCode: entity.refCode,
    title: entity.title,
    agreement: {
      id: entity.agreementId,
      title: entity.agreement?.title ?? '',
      kind: entity.agreement?.kind ?? 'other',
      signedOn: entity.agreement?.signedOn ?? null,
    },
    parentId: entity.parentId,
    responsibleBody: entity.responsibleBody,
    parties: (entity.parties ?? []).map((p) => ({ id: p.id, code: p.code, name: p.name })).sort((a, b) => a.code.localeCompare(b.code)),
    areas: (entity.areas ?? []).map((a) => ({ id: a.id, slug: a.slug, name: a.name })).sort((a, b) => a.slug.localeCompare(b.slug)),
    deadline: entity.deadline,
    dueDate: entity.dueDate,
    anchorPending: entity.anchorPending,
    deadlineText: describeDeadline(entity.deadline, context.anchors, due),
    status: entity.status,
    progress: entity.progress,
    rolledUpProgress: context.rolledUpProgress?.get(entity.id) ?? entity.progress,
    flags: computeScheduleFlags(
      {
        status: entity.status,
        deadlineKind: entity.deadline.kind,
        dueDate: entity.dueDate,
        anchorPending: entity.anchorPending,
        lastVerifiedOn: entity.lastVerifiedOn,
      },
      context.flagOptions,
    ),
    lastVerifiedOn: entity.lastVerifiedOn,
    isExample: entity.isExample,
    version: entity.version,
    updatedAt: entity.updatedAt.toISOString(),
  };
}
