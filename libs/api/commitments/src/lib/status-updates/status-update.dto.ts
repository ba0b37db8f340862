import { IsSingleLineText } from '@pactwatch/api/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CreateStatusUpdateRequest, EvidenceInput, StatusUpdateDto, VerifyCommitmentRequest } from '@pactwatch/shared/contracts';
import { IMPLEMENTATION_STATUSES, ImplementationStatus } from '@pactwatch/shared/deadlines';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { EVIDENCE_KINDS, EvidenceKind, StatusUpdateEntity } from '../entities';
import { trim } from '../shared/query-transforms';
import { IsCalendarDate, IsOmittable } from '../shared/validators';

export class EvidenceBody implements EvidenceInput {
  @ApiProperty({ format: 'uri', maxLength: 2000 })
  @IsString()
  @MaxLength(2000)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'must be an http(s) URL' })
  url!: string;

  @ApiProperty({ maxLength: 300 })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(300)
  @IsSingleLineText()
  title!: string;

  @ApiPropertyOptional({ enum: EVIDENCE_KINDS, enumName: 'EvidenceKind', default: 'other' })
  @IsOmittable()
  @IsIn(EVIDENCE_KINDS, { message: `must be one of ${EVIDENCE_KINDS.join(', ')}` })
  kind?: EvidenceKind;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  publishedOn?: string | null;
}

export class CreateStatusUpdateBody implements CreateStatusUpdateRequest {
  @ApiProperty({ enum: IMPLEMENTATION_STATUSES, enumName: 'ImplementationStatus' })
  @IsIn(IMPLEMENTATION_STATUSES, { message: `must be one of ${IMPLEMENTATION_STATUSES.join(', ')}` })
  status!: ImplementationStatus;

  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  @Max(100)
  progress!: number;

  @ApiPropertyOptional({ maxLength: 10000 })
  @IsOmittable()
  @IsString()
  @MaxLength(10000)
  note?: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'The day the new status took effect (default: today; for a correction, the corrected update’s day). Not in the future.',
  })
  @IsOmittable()
  @IsCalendarDate()
  effectiveOn?: string;

  @ApiPropertyOptional({ type: [EvidenceBody], maxItems: 20 })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  // ValidateNested lets an array through where an item should be; it would reach the database as an empty link.
  @IsObject({ each: true, message: 'each value must be an object with a url and a title' })
  @ValidateNested({ each: true })
  @Type(() => EvidenceBody)
  evidence?: EvidenceBody[];

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The earlier update of this commitment that this one corrects',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a status update id (UUID)' })
  correctsId?: string | null;

  @ApiProperty({ description: 'The commitment version you saw', minimum: 1 })
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}

export class VerifyCommitmentBody implements VerifyCommitmentRequest {
  @ApiPropertyOptional({ maxLength: 10000, description: 'What was checked, e.g. "Ministry site, 3 Dec: no news"' })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @MaxLength(10000)
  note?: string;

  @ApiProperty({ description: 'The commitment version you saw', minimum: 1 })
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}

export function toStatusUpdateDto(entity: StatusUpdateEntity): StatusUpdateDto {
  return {
    id: entity.id,
    kind: entity.kind,
    commitmentId: entity.commitmentId,
    author: entity.authorLabel,
    createdAt: entity.createdAt.toISOString(),
    effectiveOn: entity.effectiveOn,
    statusBefore: entity.statusBefore,
    statusAfter: entity.statusAfter,
    progressBefore: entity.progressBefore,
    progressAfter: entity.progressAfter,
    note: entity.note,
    correctsId: entity.correctsId,
    evidence: (entity.evidence ?? [])
      .map((e) => ({ id: e.id, url: e.url, title: e.title, kind: e.kind, publishedOn: e.publishedOn }))
      .sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id)),
  };
}
