import { IsSingleLineText } from '@pactwatch/api/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CreatePartyRequest, PartyDto, UpdatePartyRequest } from '@pactwatch/shared/contracts';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PartyEntity, PartyKind } from '../entities';
import { trim } from '../shared/query-transforms';
import { IsOmittable } from '../shared/validators';

export const PARTY_KINDS: readonly PartyKind[] = ['country', 'organisation'];
const CODE = /^[A-Z0-9][A-Z0-9-]{1,15}$/;
const CODE_MESSAGE = 'must be 2–16 letters, digits or hyphens, e.g. AZ, US or EU (ISO 3166 alpha-2 where there is one)';
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

export class PartyResponse implements PartyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'AZ' }) code!: string;
  @ApiProperty({ example: 'Azerbaijan' }) name!: string;
  @ApiProperty({ enum: PARTY_KINDS, enumName: 'PartyKind' }) kind!: PartyKind;
  @ApiProperty() version!: number;
}

export class CreatePartyBody implements CreatePartyRequest {
  @ApiProperty({ example: 'AZ', pattern: CODE.source })
  @Transform(upper)
  @IsString()
  @Matches(CODE, { message: CODE_MESSAGE })
  code!: string;

  @ApiProperty({ example: 'Azerbaijan', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  @IsSingleLineText()
  name!: string;

  @ApiPropertyOptional({ enum: PARTY_KINDS, enumName: 'PartyKind', default: 'country' })
  @IsOmittable()
  @IsIn(PARTY_KINDS, { message: `must be one of ${PARTY_KINDS.join(', ')}` })
  kind?: PartyKind;
}

export class UpdatePartyBody implements UpdatePartyRequest {
  @ApiPropertyOptional({ example: 'AZ', pattern: CODE.source })
  @IsOmittable()
  @Transform(upper)
  @IsString()
  @Matches(CODE, { message: CODE_MESSAGE })
  code?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  @IsSingleLineText()
  name?: string;

  @ApiPropertyOptional({ enum: PARTY_KINDS, enumName: 'PartyKind' })
  @IsOmittable()
  @IsIn(PARTY_KINDS, { message: `must be one of ${PARTY_KINDS.join(', ')}` })
  kind?: PartyKind;

  @ApiProperty({ description: 'The version you started editing from', minimum: 1 })
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}

export function toPartyDto(entity: PartyEntity): PartyDto {
  return { id: entity.id, code: entity.code, name: entity.name, kind: entity.kind, version: entity.version };
}

export function partySnapshot(entity: PartyEntity): Record<string, unknown> {
  return { code: entity.code, name: entity.name, kind: entity.kind, version: entity.version };
}
