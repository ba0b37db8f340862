import { IsSingleLineText } from '@pactwatch/api/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  AnchorDeadlineMoveDto,
  AnchorEventChangeDto,
  AnchorEventDetailDto,
  AnchorEventDto,
  AnchorImpactDto,
  CreateAnchorEventRequest,
  UpdateAnchorEventRequest,
} from '@pactwatch/shared/contracts';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateBy } from 'class-validator';
import { isIsoDate } from '@pactwatch/shared/deadlines';
import { AnchorEventChangeEntity, AnchorEventEntity } from '../entities';
import { toText, trim } from '../shared/query-transforms';
import { IsCalendarDate, IsOmittable } from '../shared/validators';

export class AnchorEventResponse implements AnchorEventDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) agreementId!: string | null;
  @ApiProperty({ example: 'MoU signed' }) name!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'null while the event is pending' }) occurredOn!: string | null;
  @ApiProperty() note!: string;
  @ApiProperty({ description: 'Commitments whose deadline counts from this event' }) dependentCommitments!: number;
  @ApiProperty() version!: number;
}

export class AnchorDeadlineMoveResponse implements AnchorDeadlineMoveDto {
  @ApiProperty({ format: 'uuid' }) commitmentId!: string;
  @ApiProperty() refCode!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dueDateBefore!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dueDateAfter!: string | null;
}

class AgreementSignedOnMoveResponse {
  @ApiProperty({ format: 'uuid' }) agreementId!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) before!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) after!: string | null;
}

export class AnchorEventChangeResponse implements AnchorEventChangeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) previousDate!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) newDate!: string | null;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: () => [AnchorDeadlineMoveResponse], description: 'The deadlines this change moved' })
  moves!: AnchorDeadlineMoveDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Who changed it' }) changedBy!: string | null;
  @ApiProperty({ format: 'date-time' }) changedAt!: string;
}

export class AnchorEventDetailResponse extends AnchorEventResponse implements AnchorEventDetailDto {
  @ApiProperty({ type: [AnchorEventChangeResponse], description: 'Date changes, newest first' }) history!: AnchorEventChangeDto[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

class AnchorMoveResponse {
  @ApiProperty({ format: 'uuid' }) commitmentId!: string;
  @ApiProperty() refCode!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dueDateBefore!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dueDateAfter!: string | null;
}

export class AnchorImpactResponse implements AnchorImpactDto {
  @ApiProperty({ format: 'uuid' }) anchorEventId!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) newDate!: string | null;
  @ApiProperty({ type: [AnchorMoveResponse], description: 'Only the deadlines that would change' }) moves!: AnchorImpactDto['moves'];
  @ApiProperty({
    type: AgreementSignedOnMoveResponse,
    nullable: true,
    description: "When the event is its agreement's signing (same agreement, same date), the agreement's signing date moves with it",
  })
  agreementSignedOn!: AnchorImpactDto['agreementSignedOn'];
}

export class CreateAnchorEventBody implements CreateAnchorEventRequest {
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be an agreement id (UUID)' })
  agreementId?: string | null;

  @ApiProperty({ example: 'MoU signed', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  @IsSingleLineText()
  name!: string;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'Omit or null while pending' })
  @IsOptional()
  @IsCalendarDate()
  occurredOn?: string | null;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOmittable()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class UpdateAnchorEventBody implements UpdateAnchorEventRequest {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  @IsSingleLineText()
  name?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'The corrected date; null marks the event pending. Every dependent deadline moves with it.',
  })
  @IsOptional()
  @IsCalendarDate()
  occurredOn?: string | null;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOmittable()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({
    description: 'Why the date changed (e.g. the source that corrected it), kept in the history and the audit log',
    maxLength: 2000,
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @ApiProperty({ description: 'The version you started editing from', minimum: 1 })
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}

export class AnchorImpactQueryDto {
  @ApiProperty({ description: 'The date to preview (YYYY-MM-DD), or "pending"', example: '2025-08-10' })
  @Transform(toText)
  @ValidateBy({
    name: 'isDateOrPending',
    validator: {
      validate: (value: unknown) =>
        value === 'pending' || (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && isIsoDate(value)),
      defaultMessage: () => 'must be a date in YYYY-MM-DD format, or "pending"',
    },
  })
  date!: string;
}

export class AnchorListQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the anchor events of this agreement' })
  @IsOptional()
  @Transform(toText)
  @IsUUID('all', { message: 'must be an agreement id (UUID)' })
  agreementId?: string;
}

export function toAnchorEventDto(entity: AnchorEventEntity, dependentCommitments: number): AnchorEventDto {
  return {
    id: entity.id,
    agreementId: entity.agreementId,
    name: entity.name,
    occurredOn: entity.occurredOn,
    note: entity.note,
    dependentCommitments,
    version: entity.version,
  };
}

export function toAnchorEventChangeDto(entity: AnchorEventChangeEntity): AnchorEventChangeDto {
  return {
    id: entity.id,
    previousDate: entity.previousDate,
    newDate: entity.newDate,
    reason: entity.reason,
    moves: entity.moves ?? [],
    changedBy: entity.changedByLabel,
    changedAt: entity.changedAt.toISOString(),
  };
}

export function anchorSnapshot(entity: AnchorEventEntity): Record<string, unknown> {
  return { agreementId: entity.agreementId, name: entity.name, occurredOn: entity.occurredOn, note: entity.note, version: entity.version };
}
