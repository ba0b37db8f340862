import { IsSingleLineText } from '@pactwatch/api/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CreateCommitmentRequest, UpdateCommitmentRequest } from '@pactwatch/shared/contracts';
import { DeadlineSpec, IMPLEMENTATION_STATUSES, ImplementationStatus } from '@pactwatch/shared/deadlines';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { trim } from '../shared/query-transforms';
import { IsOmittable } from '../shared/validators';
import { DeadlineSpecDto } from './deadline-spec.dto';

export const REF_CODE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;
const REF_CODE_MESSAGE = 'must be 1–64 letters, digits, dots, slashes or hyphens, e.g. AZ-US-2025-01';
const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };
const URL_MESSAGE = 'must be an http(s) URL';
const STATUS_MESSAGE = `must be one of ${IMPLEMENTATION_STATUSES.join(', ')}`;
const upperList = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.trim().toUpperCase() : item)) : value;
const trimList = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.trim() : item)) : value;

/** Fields shared by create and update; on update every one is optional. */
abstract class CommitmentFields {
  @ApiPropertyOptional({ maxLength: 20000 })
  @IsOmittable()
  @IsString()
  @MaxLength(20000)
  description?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The parent commitment (milestones and sub-commitments form a tree)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a commitment id (UUID)' })
  parentId?: string | null;

  @ApiPropertyOptional({ description: 'The verbatim text of the commitment', maxLength: 20000 })
  @IsOmittable()
  @IsString()
  @MaxLength(20000)
  sourceQuote?: string;

  @ApiPropertyOptional({ description: 'Where the quote stands: clause, page', maxLength: 300 })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @MaxLength(300)
  @IsSingleLineText()
  sourceLocator?: string;

  @ApiPropertyOptional({ type: String, format: 'uri', nullable: true, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @IsUrl(URL_OPTIONS, { message: URL_MESSAGE })
  sourceUrl?: string | null;

  @ApiPropertyOptional({ example: 'Joint working group', maxLength: 300 })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @MaxLength(300)
  @IsSingleLineText()
  responsibleBody?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The analyst who owns it' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id (UUID)' })
  ownerId?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'User ids of the assigned analysts', maxItems: 50 })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'each value must be a user id (UUID)' })
  assigneeIds?: string[];

  @ApiPropertyOptional({ type: [String], example: ['AZ', 'US'], description: 'Codes of the parties that owe it', maxItems: 50 })
  @IsOmittable()
  @Transform(upperList)
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(16, { each: true })
  partyCodes?: string[];

  @ApiPropertyOptional({ type: [String], example: ['energy', 'trade'], description: 'Slugs of its policy areas', maxItems: 50 })
  @IsOmittable()
  @Transform(trimList)
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  areaSlugs?: string[];
}

export class CreateCommitmentBody extends CommitmentFields implements CreateCommitmentRequest {
  @ApiProperty({ example: 'AZ-US-2025-01', pattern: REF_CODE.source })
  @Transform(trim)
  @IsString()
  @Matches(REF_CODE, { message: REF_CODE_MESSAGE })
  refCode!: string;

  @ApiProperty({ example: 'Draft the Strategic Partnership Charter', maxLength: 300 })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(300)
  @IsSingleLineText()
  title!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be an agreement id (UUID)' })
  agreementId!: string;

  @ApiProperty({ type: DeadlineSpecDto })
  @IsDefined({ message: 'is required (use {"kind": "none"} for no deadline)' })
  @IsObject({ message: 'must be an object with a kind' })
  @ValidateNested()
  @Type(() => DeadlineSpecDto)
  deadline!: DeadlineSpec;

  @ApiPropertyOptional({ enum: IMPLEMENTATION_STATUSES, enumName: 'ImplementationStatus', default: 'not_started' })
  @IsOmittable()
  @IsIn(IMPLEMENTATION_STATUSES, { message: STATUS_MESSAGE })
  status?: ImplementationStatus;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, default: 0 })
  @IsOmittable()
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  @Max(100)
  progress?: number;
}

export class UpdateCommitmentBody extends CommitmentFields implements UpdateCommitmentRequest {
  @ApiPropertyOptional({ pattern: REF_CODE.source })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @Matches(REF_CODE, { message: REF_CODE_MESSAGE })
  refCode?: string;

  @ApiPropertyOptional({ maxLength: 300 })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(300)
  @IsSingleLineText()
  title?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOmittable()
  @IsUUID('all', { message: 'must be an agreement id (UUID)' })
  agreementId?: string;

  @ApiPropertyOptional({ type: DeadlineSpecDto, description: 'A new deadline spec; the due date is recomputed' })
  @IsOmittable()
  @IsObject({ message: 'must be an object with a kind' })
  @ValidateNested()
  @Type(() => DeadlineSpecDto)
  deadline?: DeadlineSpec;

  @ApiProperty({ description: 'The version you started editing from', minimum: 1 })
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}
