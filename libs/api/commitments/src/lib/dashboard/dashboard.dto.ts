import { ApiProperty } from '@nestjs/swagger';
import type { CommitmentSummaryDto, DashboardSummaryDto, RecentChangeDto } from '@pactwatch/shared/contracts';
import { IMPLEMENTATION_STATUSES, ImplementationStatus, SCHEDULE_FLAGS, ScheduleFlag } from '@pactwatch/shared/deadlines';
import { CommitmentSummaryResponse } from '../commitments/commitment.responses';
import { NEXT_DEADLINES, OVERDUE_LIMIT, RECENT_CHANGES } from './dashboard-model';

const countsOf = (keys: readonly string[]) => ({
  type: 'object' as const,
  properties: Object.fromEntries(keys.map((key) => [key, { type: 'integer' as const, minimum: 0 }])),
  required: [...keys],
});

class AreaBreakdownResponse {
  @ApiProperty({ example: 'energy' }) slug!: string;
  @ApiProperty({ example: 'Energy' }) name!: string;
  @ApiProperty() total!: number;
  @ApiProperty(countsOf(IMPLEMENTATION_STATUSES)) byStatus!: Record<ImplementationStatus, number>;
}

class PartyBreakdownResponse {
  @ApiProperty({ example: 'AZ' }) code!: string;
  @ApiProperty({ example: 'Azerbaijan' }) name!: string;
  @ApiProperty() total!: number;
  @ApiProperty(countsOf(IMPLEMENTATION_STATUSES)) byStatus!: Record<ImplementationStatus, number>;
}

export class RecentChangeResponse implements RecentChangeDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ format: 'uuid' }) commitmentId!: string;
  @ApiProperty() refCode!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: IMPLEMENTATION_STATUSES, enumName: 'ImplementationStatus', nullable: true })
  statusBefore!: ImplementationStatus | null;
  @ApiProperty({ enum: IMPLEMENTATION_STATUSES, enumName: 'ImplementationStatus' }) statusAfter!: ImplementationStatus;
  @ApiProperty() author!: string;
  @ApiProperty() note!: string;
}

export class DashboardSummaryResponse implements DashboardSummaryDto {
  @ApiProperty({ format: 'date', description: 'Today in the workspace time zone' }) today!: string;
  @ApiProperty({ example: 'Europe/Brussels' }) timeZone!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) asOf!: string | null;
  @ApiProperty() total!: number;
  @ApiProperty(countsOf(IMPLEMENTATION_STATUSES)) byStatus!: Record<ImplementationStatus, number>;
  @ApiProperty(countsOf(SCHEDULE_FLAGS)) byFlag!: Record<ScheduleFlag, number>;
  @ApiProperty({ type: [AreaBreakdownResponse] }) byArea!: DashboardSummaryDto['byArea'];
  @ApiProperty({ type: [PartyBreakdownResponse] }) byParty!: DashboardSummaryDto['byParty'];
  @ApiProperty({ type: [CommitmentSummaryResponse], description: `The next ${NEXT_DEADLINES} open deadlines, today included` })
  nextDeadlines!: CommitmentSummaryDto[];
  @ApiProperty({
    type: [CommitmentSummaryResponse],
    description: `Overdue commitments, oldest due date first (at most ${OVERDUE_LIMIT}; byFlag.overdue has the count)`,
  })
  overdue!: CommitmentSummaryDto[];
  @ApiProperty({ type: [RecentChangeResponse], description: `The ${RECENT_CHANGES} latest status updates` })
  recentChanges!: RecentChangeDto[];
}
