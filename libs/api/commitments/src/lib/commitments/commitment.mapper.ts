import type { CommitmentSummaryDto } from '@pactwatch/shared/contracts';
import { AnchorInfo, computeScheduleFlags, describeDeadline, FlagOptions, ImplementationStatus } from '@pactwatch/shared/deadlines';
import { CommitmentEntity } from '../entities';

/** The values of a commitment that change over time: live from the row, or rebuilt as of a past date. */
export interface CommitmentState {
  status: ImplementationStatus;
  progress: number;
  lastVerifiedOn: string | null;
  dueDate: string | null;
  anchorPending: boolean;
}

export interface MappingContext {
  /** Flags are computed for `flagOptions.today`: today, or the as-of date. */
  flagOptions: FlagOptions;
  anchors: Readonly<Record<string, AnchorInfo>>;
  rolledUpProgress?: ReadonlyMap<string, number>;
  /** As-of states by commitment id; absent means live. */
  states?: ReadonlyMap<string, CommitmentState>;
}

export function liveState(entity: CommitmentEntity): CommitmentState {
  return {
    status: entity.status,
    progress: entity.progress,
    lastVerifiedOn: entity.lastVerifiedOn,
    dueDate: entity.dueDate,
    anchorPending: entity.anchorPending,
  };
}

/** Entity -> response DTO, with the computed flags and the deadline explained in words. */
export function toCommitmentSummary(entity: CommitmentEntity, context: MappingContext): CommitmentSummaryDto {
  const state = context.states?.get(entity.id) ?? liveState(entity);
  const due = { dueDate: state.dueDate, anchorPending: state.anchorPending };
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
    dueDate: state.dueDate,
    anchorPending: state.anchorPending,
    deadlineText: describeDeadline(entity.deadline, context.anchors, due),
    status: state.status,
    progress: state.progress,
    rolledUpProgress: context.rolledUpProgress?.get(entity.id) ?? state.progress,
    flags: computeScheduleFlags(
      {
        status: state.status,
        deadlineKind: entity.deadline.kind,
        dueDate: state.dueDate,
        anchorPending: state.anchorPending,
        lastVerifiedOn: state.lastVerifiedOn,
      },
      context.flagOptions,
    ),
    lastVerifiedOn: state.lastVerifiedOn,
    isExample: entity.isExample,
    version: entity.version,
    updatedAt: entity.updatedAt.toISOString(),
  };
}

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
