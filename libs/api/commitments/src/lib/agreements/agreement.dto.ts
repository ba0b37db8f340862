import { IsSingleLineText } from '@pactwatch/api/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  AgreementDto,
  AgreementKindCode,
  AnchorEventDto,
  CreateAgreementRequest,
  PartyDto,
  UpdateAgreementRequest,
} from '@pactwatch/shared/contracts';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUrl, Max, MaxLength, Min, MinLength } from 'class-validator';
import { AnchorEventResponse } from '../anchors/anchor-event.dto';
import { AGREEMENT_KIND_CODES, AgreementSummaryResponse } from '../commitments/commitment.responses';
import { AgreementEntity } from '../entities';
import { PartyResponse } from '../parties/party.dto';
import { trim } from '../shared/query-transforms';
import { IsCalendarDate, IsOmittable } from '../shared/validators';

const KIND_MESSAGE = `must be one of ${AGREEMENT_KIND_CODES.join(', ')}`;
const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };
const upperList = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.trim().toUpperCase() : item)) : value;

export class AgreementResponse extends AgreementSummaryResponse implements AgreementDto {
  @ApiProperty({ type: String, format: 'uri', nullable: true }) sourceUrl!: string | null;
  @ApiProperty() summary!: string;
  @ApiProperty({ type: [PartyResponse] }) parties!: PartyDto[];
  @ApiProperty({ type: [AnchorEventResponse] }) anchorEvents!: AnchorEventDto[];
  @ApiProperty() commitmentCount!: number;
  @ApiProperty({ minimum: 0, maximum: 100, description: 'Mean rolled-up progress of the agreement’s top-level commitments' })
  progress!: number;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class CreateAgreementBody implements CreateAgreementRequest {
  @ApiProperty({ maxLength: 300 })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(300)
  @IsSingleLineText()
  title!: string;

  @ApiProperty({ enum: AGREEMENT_KIND_CODES, enumName: 'AgreementKind' })
  @IsIn(AGREEMENT_KIND_CODES, { message: KIND_MESSAGE })
  kind!: AgreementKindCode;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'Date signed or published' })
  @IsOptional()
  @IsCalendarDate()
  signedOn?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uri', nullable: true, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @IsUrl(URL_OPTIONS, { message: 'must be an http(s) URL' })
  sourceUrl?: string | null;

  @ApiPropertyOptional({ maxLength: 20000 })
  @IsOmittable()
  @IsString()
  @MaxLength(20000)
  summary?: string;

  @ApiPropertyOptional({ type: [String], example: ['AZ', 'US'], maxItems: 50 })
  @IsOmittable()
  @Transform(upperList)
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(16, { each: true })
  partyCodes?: string[];
}

export class UpdateAgreementBody implements UpdateAgreementRequest {
  @ApiPropertyOptional({ maxLength: 300 })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(300)
  @IsSingleLineText()
  title?: string;

  @ApiPropertyOptional({ enum: AGREEMENT_KIND_CODES, enumName: 'AgreementKind' })
  @IsOmittable()
  @IsIn(AGREEMENT_KIND_CODES, { message: KIND_MESSAGE })
  kind?: AgreementKindCode;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  signedOn?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uri', nullable: true, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @IsUrl(URL_OPTIONS, { message: 'must be an http(s) URL' })
  sourceUrl?: string | null;

  @ApiPropertyOptional({ maxLength: 20000 })
  @IsOmittable()
  @IsString()
  @MaxLength(20000)
  summary?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 50 })
  @IsOmittable()
  @Transform(upperList)
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(16, { each: true })
  partyCodes?: string[];

  @ApiProperty({ description: 'The version you started editing from', minimum: 1 })
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}

export function agreementSnapshot(entity: AgreementEntity): Record<string, unknown> {
  return {
    title: entity.title,
    kind: entity.kind,
    signedOn: entity.signedOn,
    sourceUrl: entity.sourceUrl,
    summary: entity.summary,
    partyCodes: (entity.parties ?? []).map((p) => p.code).sort(),
    version: entity.version,
  };
}
