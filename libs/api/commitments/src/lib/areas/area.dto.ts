import { IsSingleLineText } from '@pactwatch/api/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CreatePolicyAreaRequest, PolicyAreaDto, UpdatePolicyAreaRequest } from '@pactwatch/shared/contracts';
import { Transform } from 'class-transformer';
import { IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PolicyAreaEntity } from '../entities';
import { trim } from '../shared/query-transforms';
import { IsOmittable } from '../shared/validators';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SLUG_MESSAGE = 'must be lower-case letters and digits joined by hyphens, e.g. digital-infrastructure';

export class PolicyAreaResponse implements PolicyAreaDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'energy' }) slug!: string;
  @ApiProperty({ example: 'Energy' }) name!: string;
  @ApiProperty() version!: number;
}

export class CreatePolicyAreaBody implements CreatePolicyAreaRequest {
  @ApiProperty({ example: 'digital-infrastructure', pattern: SLUG.source, maxLength: 64 })
  @Transform(trim)
  @IsString()
  @MaxLength(64)
  @Matches(SLUG, { message: SLUG_MESSAGE })
  slug!: string;

  @ApiProperty({ example: 'Digital infrastructure', maxLength: 120 })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(120)
  @IsSingleLineText()
  name!: string;
}

export class UpdatePolicyAreaBody implements UpdatePolicyAreaRequest {
  @ApiPropertyOptional({ pattern: SLUG.source, maxLength: 64 })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @MaxLength(64)
  @Matches(SLUG, { message: SLUG_MESSAGE })
  slug?: string;

  @ApiPropertyOptional({ maxLength: 120 })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(120)
  @IsSingleLineText()
  name?: string;

  @ApiProperty({ description: 'The version you started editing from', minimum: 1 })
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}

export function toPolicyAreaDto(entity: PolicyAreaEntity): PolicyAreaDto {
  return { id: entity.id, slug: entity.slug, name: entity.name, version: entity.version };
}

export function areaSnapshot(entity: PolicyAreaEntity): Record<string, unknown> {
  return { slug: entity.slug, name: entity.name, version: entity.version };
}
