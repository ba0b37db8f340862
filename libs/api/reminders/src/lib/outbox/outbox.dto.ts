import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { DELIVERY_STATE_VALUES, type DeliveryState } from '@pactwatch/shared/contracts';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export const DELIVERY_STATES: DeliveryState[] = [...DELIVERY_STATE_VALUES];
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

export class OutboxQueryParams {
  @ApiPropertyOptional({ enum: DELIVERY_STATES })
  @IsOptional()
  @IsIn(DELIVERY_STATES)
  state?: DeliveryState;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}

export class DeliveryIdParams {
  @ApiProperty({ format: 'uuid', description: 'The delivery id' })
  @IsUUID('all', { message: 'must be a delivery id' })
  id!: string;
}
