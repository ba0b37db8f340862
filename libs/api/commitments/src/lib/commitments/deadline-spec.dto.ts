import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DATE_PRECISIONS, DatePrecision, DEADLINE_KINDS, DeadlineSpec } from '@pactwatch/shared/deadlines';
import { Transform } from 'class-transformer';
import { durationFromWords } from '../shared/query-transforms';
import { DeadlineField } from '../shared/validators';

type DeadlineKind = DeadlineSpec['kind'];

/**
 * A deadline spec, one of four kinds. Each kind takes only its own fields; every field is
 * checked by the shared deadline library, so a bad one is named in the 400 answer
 * (e.g. `deadline.duration`).
 */
export class DeadlineSpecDto {
  @ApiProperty({ enum: DEADLINE_KINDS, enumName: 'DeadlineKind', description: 'none | absolute | relative | recurring' })
  @DeadlineField('kind')
  kind!: DeadlineKind;

  @ApiPropertyOptional({
    format: 'date',
    description: 'absolute: a date in the period; "by end of 2026" is 2026-12-31 with precision year',
  })
  @DeadlineField('date')
  date?: string;

  @ApiPropertyOptional({ enum: DATE_PRECISIONS, enumName: 'DatePrecision', description: 'absolute: day, month, quarter or year' })
  @DeadlineField('precision')
  precision?: DatePrecision;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'relative (required) or recurring (instead of start): the anchor event counted from',
  })
  @DeadlineField('anchorEventId')
  anchorEventId?: string;

  @ApiPropertyOptional({
    example: 'P6M',
    description: 'relative: the period after the anchor, as an ISO-8601 duration (P6M, P90D, P1Y, P2W) or in words ("6 months", "90 days")',
  })
  @Transform(durationFromWords)
  @DeadlineField('duration')
  duration?: string;

  @ApiPropertyOptional({ example: 'P1Y', description: 'recurring: the cadence, an ISO-8601 duration or in words ("1 year", "180 days")' })
  @Transform(durationFromWords)
  @DeadlineField('interval')
  interval?: string;

  @ApiPropertyOptional({ format: 'date', description: 'recurring: the first occurrence (instead of anchorEventId)' })
  @DeadlineField('start')
  start?: string;
}
