import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AuditEntryDto, AuditQuery, Page } from '@pactwatch/shared/contracts';
import { Transform } from 'class-transformer';
import { IsQueryDate } from '@pactwatch/api/core';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value);

/** GET /api/audit: every filter optional and combinable; dates are days in the workspace time zone. */
export class AuditQueryDto implements AuditQuery {
  @ApiPropertyOptional({ description: 'The acting user id', format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id (UUID)' })
  user?: string;

  @ApiPropertyOptional({ description: 'e.g. commitment, agreement, anchor_event, party, policy_area, status_update', maxLength: 40 })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_]{1,40}$/, { message: 'must be an entity type such as commitment or anchor_event' })
  entityType?: string;

  @ApiPropertyOptional({ maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityId?: string;

  @ApiPropertyOptional({ description: 'First day (YYYY-MM-DD), inclusive', format: 'date' })
  @IsOptional()
  @IsQueryDate()
  from?: string;

  @ApiPropertyOptional({ description: 'Last day (YYYY-MM-DD), inclusive', format: 'date' })
  @IsOptional()
  @IsQueryDate()
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100000, default: 1 })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(100000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(200)
  pageSize?: number;
}

export class AuditEntryResponse implements AuditEntryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId!: string | null;
  @ApiProperty() actorLabel!: string;
  @ApiProperty({ example: 'update', description: 'create, update, delete, recompute, login, logout, revoke' }) action!: string;
  @ApiProperty({ example: 'commitment' }) entityType!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty({ type: String, nullable: true }) summary!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) before!: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) after!: Record<string, unknown> | null;
}

export class AuditPageResponse implements Page<AuditEntryDto> {
  @ApiProperty({ type: [AuditEntryResponse] }) items!: AuditEntryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
