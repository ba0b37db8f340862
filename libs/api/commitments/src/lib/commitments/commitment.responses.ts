import { ApiProperty } from '@nestjs/swagger';
import type {
  AgreementKindCode,
  AgreementSummaryDto,
  AnchorEventDto,
  CommitmentDetailDto,
  CommitmentSummaryDto,
  EvidenceDto,
  Page,
  ArchivedCommitmentDto,
  StatusUpdateDto,
  StatusUpdateKind,
  UserRefDto,
} from '@pactwatch/shared/contracts';
import { AGREEMENT_KIND_LABELS, STATUS_UPDATE_KINDS } from '@pactwatch/shared/contracts';
import { DeadlineSpec, IMPLEMENTATION_STATUSES, ImplementationStatus, SCHEDULE_FLAGS, ScheduleFlag } from '@pactwatch/shared/deadlines';
import { EVIDENCE_KINDS } from '../entities';
import { AnchorEventResponse } from '../anchors/anchor-event.dto';
import { DeadlineSpecDto } from './deadline-spec.dto';

export const AGREEMENT_KIND_CODES = Object.keys(AGREEMENT_KIND_LABELS) as AgreementKindCode[];

export class AgreementSummaryResponse implements AgreementSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: AGREEMENT_KIND_CODES, enumName: 'AgreementKind' }) kind!: AgreementKindCode;
  @ApiProperty({ type: String, format: 'date', nullable: true }) signedOn!: string | null;
}

class CommitmentPartyRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'AZ' }) code!: string;
  @ApiProperty({ example: 'Azerbaijan' }) name!: string;
}

class CommitmentAreaRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'energy' }) slug!: string;
  @ApiProperty({ example: 'Energy' }) name!: string;
}

export class UserRefResponse implements UserRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
}

export class CommitmentSummaryResponse implements CommitmentSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'AZ-US-2025-01' }) refCode!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: AgreementSummaryResponse }) agreement!: AgreementSummaryDto;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId!: string | null;
  @ApiProperty({ example: 'Joint working group' }) responsibleBody!: string;
  @ApiProperty({ type: [CommitmentPartyRef] }) parties!: { id: string; code: string; name: string }[];
  @ApiProperty({ type: [CommitmentAreaRef] }) areas!: { id: string; slug: string; name: string }[];
  @ApiProperty({ type: DeadlineSpecDto }) deadline!: DeadlineSpec;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Computed from the deadline spec; the end of this day in the workspace time zone',
  })
  dueDate!: string | null;
  @ApiProperty({ description: 'A relative deadline whose anchor event has no date yet' }) anchorPending!: boolean;
  @ApiProperty({ example: '6 months after MoU signed (8 Aug 2025) → 8 Feb 2026' }) deadlineText!: string;
  @ApiProperty({ enum: IMPLEMENTATION_STATUSES, enumName: 'ImplementationStatus' }) status!: ImplementationStatus;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress!: number;
  @ApiProperty({
    minimum: 0,
    maximum: 100,
    description: 'Mean of the children’s rolled-up progress when there are children, else progress',
  })
  rolledUpProgress!: number;
  @ApiProperty({ enum: SCHEDULE_FLAGS, enumName: 'ScheduleFlag', isArray: true }) flags!: ScheduleFlag[];
  @ApiProperty({ type: String, format: 'date', nullable: true }) lastVerifiedOn!: string | null;
  @ApiProperty({ description: 'Illustrative demo data, not from a real agreement' }) isExample!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class EvidenceResponse implements EvidenceDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uri' }) url!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: EVIDENCE_KINDS, enumName: 'EvidenceKind' }) kind!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) publishedOn!: string | null;
}

export class StatusUpdateResponse implements StatusUpdateDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    enum: STATUS_UPDATE_KINDS,
    enumName: 'StatusUpdateKind',
    description: 'update, or verification: checked, nothing changed',
  })
  kind!: StatusUpdateKind;
  @ApiProperty({ format: 'uuid' }) commitmentId!: string;
  @ApiProperty() author!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date' }) effectiveOn!: string;
  @ApiProperty({ enum: IMPLEMENTATION_STATUSES, enumName: 'ImplementationStatus', nullable: true })
  statusBefore!: ImplementationStatus | null;
  @ApiProperty({ enum: IMPLEMENTATION_STATUSES, enumName: 'ImplementationStatus' }) statusAfter!: ImplementationStatus;
  @ApiProperty({ type: Number, nullable: true }) progressBefore!: number | null;
  @ApiProperty() progressAfter!: number;
  @ApiProperty() note!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The update this one corrects' }) correctsId!: string | null;
  @ApiProperty({ type: [EvidenceResponse] }) evidence!: EvidenceDto[];
}

export class CommitmentDetailResponse extends CommitmentSummaryResponse implements CommitmentDetailDto {
  @ApiProperty() description!: string;
  @ApiProperty() sourceQuote!: string;
  @ApiProperty({ example: 'Operative paragraph 2' }) sourceLocator!: string;
  @ApiProperty({ type: String, format: 'uri', nullable: true }) sourceUrl!: string | null;
  @ApiProperty({ type: UserRefResponse, nullable: true }) owner!: UserRefDto | null;
  @ApiProperty({ type: [UserRefResponse] }) assignees!: UserRefDto[];
  @ApiProperty({ type: AnchorEventResponse, nullable: true }) anchorEvent!: AnchorEventDto | null;
  @ApiProperty({ type: [CommitmentSummaryResponse] }) children!: CommitmentSummaryDto[];
  @ApiProperty({ type: [StatusUpdateResponse], description: 'Newest first' }) history!: StatusUpdateDto[];
  @ApiProperty({ type: [UserRefResponse], description: 'Names for admins only; empty for everyone else (see watcherCount)' })
  watchers!: UserRefDto[];
  @ApiProperty({ description: 'How many users watch it' }) watcherCount!: number;
  @ApiProperty() watchedByMe!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Set when archived (admins only see those)' })
  archivedAt!: string | null;
}

export class ArchivedCommitmentResponse implements ArchivedCommitmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() refCode!: string;
  @ApiProperty() title!: string;
  @ApiProperty() agreementTitle!: string;
  @ApiProperty({ format: 'date-time' }) archivedAt!: string;
  @ApiProperty({ type: String, nullable: true }) archivedBy!: string | null;
  @ApiProperty() statusUpdates!: number;
}

export class CommitmentPageResponse implements Page<CommitmentSummaryDto> {
  @ApiProperty({ type: [CommitmentSummaryResponse] }) items!: CommitmentSummaryDto[];
  @ApiProperty({ description: 'Rows matching the filters, over all pages' }) total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
