import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOmittable } from '@pactwatch/api/core';
import { isValidTimeZone } from '@pactwatch/shared/deadlines';
import type { DigestFrequency, ReminderPreferencesDto } from '@pactwatch/shared/contracts';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
} from 'class-validator';

const IsTimeZone = () =>
  ValidateBy({
    name: 'isTimeZone',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isValidTimeZone(value),
      defaultMessage: () => 'must be an IANA time zone such as Europe/Brussels',
    },
  });

/** PUT /api/me/reminder-preferences: any subset of the preferences; the rest stay as they are. */
export class UpdateReminderPreferencesBody implements Partial<ReminderPreferencesDto> {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ type: [Number], example: [30, 7, 1] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(8)
  @ArrayUnique()
  @IsInt({ each: true, message: 'must be whole numbers of days' })
  @Min(1, { each: true })
  @Max(365, { each: true })
  leadDays?: number[];

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  onDueDay?: boolean;

  @ApiPropertyOptional({ nullable: true, description: 'null: one overdue reminder, no repeats' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(365)
  overdueRepeatDays?: number | null;

  @ApiPropertyOptional({ enum: ['immediate', 'daily', 'weekly'] })
  @IsOmittable()
  @IsIn(['immediate', 'daily', 'weekly'])
  digest?: DigestFrequency;

  @ApiPropertyOptional({ minimum: 0, maximum: 23 })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(23)
  sendHour?: number;

  @ApiPropertyOptional({ example: 'Asia/Baku' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ nullable: true, example: '2026-03-01' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date like 2026-03-01' })
  pausedUntil?: string | null;

  @ApiPropertyOptional({ enum: ['immediate', 'digest', 'off'] })
  @IsOmittable()
  @IsIn(['immediate', 'digest', 'off'])
  statusChangeNotices?: 'immediate' | 'digest' | 'off';
}
