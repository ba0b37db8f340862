import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsQueryDate, QUERY_DATE_MAX, QUERY_DATE_MIN } from '@pactwatch/api/core';
import { COMMITMENT_SORTS, CommitmentQuery, CommitmentSort } from '@pactwatch/shared/contracts';
import { IMPLEMENTATION_STATUSES, ImplementationStatus, SCHEDULE_FLAGS, ScheduleFlag } from '@pactwatch/shared/deadlines';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { toInt, toList, toText } from '../shared/query-transforms';
import { IsUserIdOrMe } from '../shared/validators';

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 25;
const LIST = 'Comma-separated';
const DAYS = `YYYY-MM-DD, ${QUERY_DATE_MIN} to ${QUERY_DATE_MAX}`;

/** The filters of the commitments list, shared by the list, the CSV export and the feeds. Every filter combines with the others. */
export class CommitmentFiltersDto implements Omit<CommitmentQuery, 'sort' | 'page' | 'pageSize' | 'asOf'> {
  @ApiPropertyOptional({ type: String, description: `${LIST} implementation statuses (any of)`, example: 'in_progress,at_risk' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(IMPLEMENTATION_STATUSES.length)
  @IsIn(IMPLEMENTATION_STATUSES, { each: true, message: `each value must be one of ${IMPLEMENTATION_STATUSES.join(', ')}` })
  status?: ImplementationStatus[];

  @ApiPropertyOptional({
    type: String,
    description: `${LIST} schedule flags (any of), as of today in the workspace time zone`,
    example: 'overdue,due_soon',
  })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(SCHEDULE_FLAGS.length)
  @IsIn(SCHEDULE_FLAGS, { each: true, message: `each value must be one of ${SCHEDULE_FLAGS.join(', ')}` })
  flag?: ScheduleFlag[];

  @ApiPropertyOptional({ type: String, description: `${LIST} policy area slugs (any of)`, example: 'energy,trade' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  area?: string[];

  @ApiPropertyOptional({ type: String, description: `${LIST} party codes (any of)`, example: 'AZ,US' })
  @IsOptional()
  @Transform(({ value }) => {
    const list = toList({ value });
    return Array.isArray(list) ? list.map((code) => (typeof code === 'string' ? code.toUpperCase() : code)) : list;
  })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(16, { each: true })
  party?: string[];

  @ApiPropertyOptional({ type: String, description: `${LIST} agreement ids (any of)` })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'each value must be an agreement id (UUID)' })
  agreement?: string[];

  @ApiPropertyOptional({ description: 'Text the responsible body contains (case-insensitive)', example: 'working group', maxLength: 300 })
  @IsOptional()
  @Transform(toText)
  @IsString()
  @MaxLength(300)
  responsibleBody?: string;

  @ApiPropertyOptional({ type: String, description: `${LIST} assigned analysts: user ids, or "me"`, example: 'me' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(100)
  @IsUserIdOrMe({ each: true })
  assignee?: string[];

  @ApiPropertyOptional({ format: 'date', description: `Due on or after this day (${DAYS})` })
  @IsOptional()
  @Transform(toText)
  @IsQueryDate()
  dueFrom?: string;

  @ApiPropertyOptional({ format: 'date', description: `Due on or before this day (${DAYS})` })
  @IsOptional()
  @Transform(toText)
  @IsQueryDate()
  dueTo?: string;

  @ApiPropertyOptional({
    description: 'Full-text search over reference code, title, description and source quote (web-search syntax: "quoted phrase", or, -not)',
    example: 'charter',
    maxLength: 500,
  })
  @IsOptional()
  @Transform(toText)
  @IsString()
  @MaxLength(500)
  q?: string;
}

export class CommitmentListQueryDto extends CommitmentFiltersDto implements CommitmentQuery {
  @ApiPropertyOptional({
    format: 'date',
    description: `Rebuild every status as it stood at the end of this day, from the status history (${DAYS}, not after today)`,
  })
  @IsOptional()
  @Transform(toText)
  @IsQueryDate()
  asOf?: string;

  @ApiPropertyOptional({ enum: COMMITMENT_SORTS, enumName: 'CommitmentSort', description: 'Default: relevance with q, else due_date' })
  @IsOptional()
  @Transform(toText)
  @IsIn(COMMITMENT_SORTS, { message: `must be one of ${COMMITMENT_SORTS.join(', ')}` })
  sort?: CommitmentSort;

  @ApiPropertyOptional({ minimum: 1, maximum: 100000, default: 1 })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(100000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;
}

export class CommitmentExportQueryDto extends CommitmentFiltersDto {
  @ApiPropertyOptional({
    format: 'date',
    description: `Export the statuses as they stood at the end of this day (${DAYS}, not after today)`,
  })
  @IsOptional()
  @Transform(toText)
  @IsQueryDate()
  asOf?: string;

  @ApiPropertyOptional({ enum: COMMITMENT_SORTS, enumName: 'CommitmentSort' })
  @IsOptional()
  @Transform(toText)
  @IsIn(COMMITMENT_SORTS, { message: `must be one of ${COMMITMENT_SORTS.join(', ')}` })
  sort?: CommitmentSort;
}

/** `?asOf=YYYY-MM-DD` alone: a commitment or the dashboard as it stood at the end of that day. */
export class AsOfQueryDto {
  @ApiPropertyOptional({
    format: 'date',
    description: `As it stood at the end of this day, rebuilt from the status history (${DAYS}, not after today)`,
  })
  @IsOptional()
  @Transform(toText)
  @IsQueryDate()
  asOf?: string;
}
