import { ApiProperty } from '@nestjs/swagger';
import type { CreateWatchRequest, WatchTargetType } from '@pactwatch/shared/contracts';
import { IsIn, IsUUID } from 'class-validator';

export class CreateWatchBody implements CreateWatchRequest {
  @ApiProperty({ enum: ['commitment', 'agreement', 'area'] })
  @IsIn(['commitment', 'agreement', 'area'])
  targetType!: WatchTargetType;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be the id of the commitment, agreement or policy area' })
  targetId!: string;
}

export class WatchIdParams {
  @ApiProperty({ format: 'uuid', description: 'The watch id' })
  @IsUUID('all', { message: 'must be a watch id' })
  id!: string;
}
