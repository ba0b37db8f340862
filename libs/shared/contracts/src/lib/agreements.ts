/** Agreements, the parties and policy areas they concern, and the anchor events deadlines count from. */
import type { IsoDate, IsoInstant } from './common';

export const AGREEMENT_KIND_LABELS = {
  mou: 'Memorandum of understanding',
  treaty: 'Treaty',
  joint_declaration: 'Joint declaration',
  law: 'Law',
  executive_order: 'Executive order',
  communique: 'Communiqué',
  statement: 'Statement',
  other: 'Other',
} as const;
export type AgreementKindCode = keyof typeof AGREEMENT_KIND_LABELS;

export interface PartyDto {
  id: string;
  code: string;
  name: string;
  kind: 'country' | 'organisation';
  version: number;
}

export interface PolicyAreaDto {
  id: string;
  slug: string;
  name: string;
  version: number;
}

export interface AgreementSummaryDto {
  id: string;
  title: string;
  kind: AgreementKindCode;
  signedOn: IsoDate | null;
}

export interface AgreementDto extends AgreementSummaryDto {
  sourceUrl: string | null;
  summary: string;
  parties: PartyDto[];
  anchorEvents: AnchorEventDto[];
  commitmentCount: number;
  /** Mean progress of the agreement's top-level commitments, 0–100. */
  progress: number;
  version: number;
  createdAt: IsoInstant;
  updatedAt: IsoInstant;
}

export interface AnchorEventDto {
  id: string;
  agreementId: string | null;
  name: string;
  /** null while the event is pending (not happened yet, or date unknown). */
  occurredOn: IsoDate | null;
  note: string;
  dependentCommitments: number;
  version: number;
}

/** A deadline that an anchor date change moved. */
export interface AnchorDeadlineMoveDto {
  commitmentId: string;
  refCode: string;
  dueDateBefore: IsoDate | null;
  dueDateAfter: IsoDate | null;
}

export interface AnchorEventChangeDto {
  id: string;
  previousDate: IsoDate | null;
  newDate: IsoDate | null;
  reason: string;
  /** The deadlines this change moved. */
  moves: AnchorDeadlineMoveDto[];
  changedBy: string | null;
  changedAt: IsoInstant;
}

/** One anchor event with the history of its date changes, newest first. */
export interface AnchorEventDetailDto extends AnchorEventDto {
  history: AnchorEventChangeDto[];
  createdAt: IsoInstant;
  updatedAt: IsoInstant;
}

/** What saving a new anchor date would do: the deadlines that move. */
export interface AnchorImpactDto {
  anchorEventId: string;
  newDate: IsoDate | null;
  moves: { commitmentId: string; refCode: string; title: string; dueDateBefore: IsoDate | null; dueDateAfter: IsoDate | null }[];
  /**
   * When the event is its agreement's signing (it belongs to the agreement and has the agreement's signing date),
   * the agreement's signing date moves with it: the date before and after. Otherwise null.
   */
  agreementSignedOn: { agreementId: string; before: IsoDate | null; after: IsoDate | null } | null;
}

export interface CreateAgreementRequest {
  title: string;
  kind: AgreementKindCode;
  signedOn?: IsoDate | null;
  sourceUrl?: string | null;
  summary?: string;
  partyCodes?: string[];
}
export type UpdateAgreementRequest = Partial<CreateAgreementRequest> & { version: number };

export interface CreateAnchorEventRequest {
  agreementId?: string | null;
  name: string;
  occurredOn?: IsoDate | null;
  note?: string;
}

export interface UpdateAnchorEventRequest {
  name?: string;
  /** null marks the event pending. */
  occurredOn?: IsoDate | null;
  note?: string;
  /** Why the date changed, kept in the anchor's history. */
  reason?: string;
  version: number;
}

/** POST /api/parties */
export interface CreatePartyRequest {
  /** ISO 3166 alpha-2 where there is one (AZ, US); otherwise a short upper-case code (EU, NATO). */
  code: string;
  name: string;
  kind?: 'country' | 'organisation';
}
export type UpdatePartyRequest = Partial<CreatePartyRequest> & { version: number };

/** POST /api/areas */
export interface CreatePolicyAreaRequest {
  /** Lower-case words joined by hyphens, e.g. digital-infrastructure. */
  slug: string;
  name: string;
}
export type UpdatePolicyAreaRequest = Partial<CreatePolicyAreaRequest> & { version: number };
